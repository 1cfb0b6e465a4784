/**
 * PostgreSQL text cannot hold a NUL character: a string with one would fail deep in a query as a 500.
 * Refuse it up front, for every route and whatever its schema, as a 400 naming the field.
 */
import type { FastifyInstance } from 'fastify';
import { invalid } from '../errors.ts';

export function registerInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [['body', request.body], ['query', request.query], ['params', request.params]] as const) {
      const field = findNul(value);
      if (field !== null) throw invalid(field || where, 'contains a NUL character');
    }
  });
}

/** Path of the first string (or key) holding U+0000, '' for the root; null when there is none. Iterative: no depth limit. */
export function findNul(root: unknown): string | null {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}
