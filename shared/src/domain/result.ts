/** Rule outcomes as values: domain code never throws for a broken rule, so callers can map it to a 4xx or an ack. */

export interface DomainError {
  code: string;
  message: string;
  /** The state that made the request fail, so the caller can show or resync it. */
  current?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/** Wraps a successful value. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a failed result; `current` is left out entirely when not given so results compare cleanly. */
export function err<T = never>(code: string, message: string, current?: unknown): Result<T> {
  const error: DomainError = current === undefined ? { code, message } : { code, message, current };
  return { ok: false, error };
}
