/** One central error handler: 4xx with a code and the field, 5xx details only in the log. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { isRetryable } from '../events/retry.ts';

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT', 'CONNECTION_DESTROYED', '57P01', '57P03', 'ETIMEDOUT']);

export function isDatabaseDown(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return CONNECTION_ERRORS.has(e.code ?? '') || CONNECTION_ERRORS.has(e.cause?.code ?? '');
}

export function registerErrorHandler(app: FastifyInstance, onDatabaseDown: () => void): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      const path = issue?.instancePath?.replace(/^\//, '').replace(/\//g, '.') ?? '';
      const where = error.validationContext ?? 'body';
      const field = path || where;
      return reply.code(400).send({ code: 'VALIDATION', message: `${field}: ${issue?.message ?? 'invalid'}`, field });
    }
    if (error instanceof AppError) {
      return reply.code(error.statusCode).send({ code: error.code, message: error.message, ...error.extra });
    }
    if (isRetryable(error)) {
      // The command ran its bounded number of retries and still met a deadlock: busy, not broken.
      request.log.warn({ err: error }, 'transaction conflict persisted after retries');
      return reply.code(503).header('retry-after', '1').send({ code: 'BUSY_RETRY', message: 'the same records are being changed right now; nothing was saved, try again' });
    }
    if (isDatabaseDown(error)) {
      onDatabaseDown();
      return reply.code(503).send({ code: 'DB_UNAVAILABLE', message: 'the database is not answering; nothing was saved, try again shortly' });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return reply.code(429).send({ code: 'RATE_LIMITED', message: error.message });
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ code: error.code ?? 'BAD_REQUEST', message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ code: 'INTERNAL', message: 'internal error; it has been logged' });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` }));
}
