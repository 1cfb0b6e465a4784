/**
 * PostgreSQL text cannot hold a NUL character, nor (being UTF-8) a lone UTF-16 surrogate: a string with
 * either would fail deep in a query as a 500. Refuse both up front, for every route and whatever its
 * schema, as a 400 naming the field.
 */
import type { FastifyInstance } from 'fastify';
import { isWellFormedText } from '@dispatch/shared';
import { invalid } from '../errors.ts';

export function registerInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [['body', request.body], ['query', request.query], ['params', request.params]] as const) {
      const nul = findString(value, (s) => s.includes('\u0000'));
      if (nul !== null) throw invalid(nul || where, 'contains a NUL character');
      const lone = findString(value, (s) => !isWellFormedText(s));
      if (lone !== null) throw invalid(lone || where, 'contains a lone UTF-16 surrogate (not valid Unicode text)');
    }
  });
}

/** Path of the first string (or key) for which `bad` holds, '' for the root; null when there is none. Iterative: no depth limit. */
export function findString(root: unknown, bad: (s: string) => boolean): string | null {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      if (bad(value)) return path;
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (bad(key)) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}
