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
      // One walk for both (AVL batches are large); the string found says which it was.
      const found = findString(value, (s) => s.includes('\u0000') || !isWellFormedText(s));
      if (found === null) continue;
      const [path, text] = found;
      if (text.includes('\u0000')) throw invalid(path || where, 'contains a NUL character');
      throw invalid(path || where, 'contains a lone UTF-16 surrogate (not valid Unicode text)');
    }
  });
}

/** Path ('' for the root) and text of the first string (or key) for which `bad` holds; null when there is none. Iterative: no depth limit. */
export function findString(root: unknown, bad: (s: string) => boolean): [path: string, text: string] | null {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      if (bad(value)) return [path, value];
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (bad(key)) return [childPath, key];
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}
