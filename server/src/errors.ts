/** Errors that carry an HTTP status and a machine-readable code to the central handler. */
import type { DomainError } from '@dispatch/shared';

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: { field?: string; current?: unknown } = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: number | string) => new AppError(404, 'NOT_FOUND', `${what} ${id} not found`);
export const forbidden = (message = 'not allowed for your role') => new AppError(403, 'FORBIDDEN', message);
export const conflict = (code: string, message: string, current: unknown) => new AppError(409, code, message, { current });
export const invalid = (field: string, message: string) => new AppError(400, 'VALIDATION', `${field}: ${message}`, { field });

/** A domain rule said no: 409 with the current state. */
export function fromDomain(error: DomainError, current?: unknown): AppError {
  return new AppError(409, error.code, error.message, { current: current ?? error.current });
}
