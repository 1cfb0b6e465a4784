/** Which failures of a transaction are worth running again, and how long to wait before doing so. */

/** How many times one command runs at most before its conflict reaches the client (as 503). */
export const RETRY_LIMIT = 6;

// 40P01 deadlock_detected, 40001 serialization_failure: PostgreSQL rolled the transaction back and
// a second run, after the other transaction is done, succeeds or meets a real rule (409).
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

/** Thrown by a command that locked rows which no longer belong together (a unit moved to another call meanwhile). */
export class LockedRowsMoved extends Error {
  constructor(what: string) {
    super(`${what} changed while its rows were being locked`);
  }
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof LockedRowsMoved) return true;
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}

/** A short, growing, jittered pause so two colliding transactions do not collide again in step. */
export function retryPause(attempt: number): Promise<void> {
  const ms = Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}
