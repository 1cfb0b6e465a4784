/** The one HTTP client: same-origin cookie session, CSRF header and an Idempotency-Key on writes, errors as ApiError. */
import type { ApiError as ApiErrorBody } from '@dispatch/shared';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly current?: unknown,
    /** The whole answer, for errors that carry more than one field (a refused city bundle's list). */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** A write may be sent again: on a network failure or a "try again" answer, with the same Idempotency-Key. */
export interface WriteOptions {
  /** true: up to two more tries; a number: that many more tries. */
  retry?: boolean | number;
}

/** Pauses before the 1st, 2nd... retry: short, a dispatcher is waiting on the answer. */
export const RETRY_DELAYS_MS = [250, 750];

/**
 * One key per logical write. Random from getRandomValues, not randomUUID: the console is often served
 * over plain http on the centre's LAN, where randomUUID (secure contexts only) does not exist.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// 503: the server or a proxy is briefly unavailable. 409 IDEMPOTENCY_IN_PROGRESS: our own earlier try is
// still running on the server (its answer was lost, not its work); asking again replays its answer.
const retryable = (e: ApiError) => e.status === 0 || e.status === 503 || e.code === 'IDEMPOTENCY_IN_PROGRESS';

async function request<T>(method: string, path: string, body?: unknown, opts: WriteOptions = {}): Promise<T> {
  if (method === 'GET') return send<T>(method, path, body, null);
  // The same key on every try: if a try reached the server and only its answer was lost, the server
  // answers the retry with that first answer instead of taking the call (or assigning the unit) twice.
  const key = newIdempotencyKey();
  const retries = opts.retry === true ? RETRY_DELAYS_MS.length : typeof opts.retry === 'number' ? opts.retry : 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await send<T>(method, path, body, key);
    } catch (e) {
      if (!(e instanceof ApiError) || !retryable(e) || attempt >= retries) throw e;
      await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]));
    }
  }
}

async function send<T>(method: string, path: string, body: unknown, key: string | null): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-requested-with'] = 'dispatch';
  if (key) headers['idempotency-key'] = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network unreachable');
  }
  const text = await res.text();
  const parsed: unknown = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  if (!res.ok) {
    const e = (parsed ?? {}) as Partial<ApiErrorBody>;
    if (res.status === 401 && path !== '/api/auth/login') window.dispatchEvent(new CustomEvent('dispatch:unauthenticated'));
    throw new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, e.field, e.current, parsed);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}, opts?: WriteOptions) => request<T>('POST', path, body, opts),
  patch: <T>(path: string, body: unknown, opts?: WriteOptions) => request<T>('PATCH', path, body, opts),
  put: <T>(path: string, body: unknown, opts?: WriteOptions) => request<T>('PUT', path, body, opts),
  delete: <T>(path: string, opts?: WriteOptions) => request<T>('DELETE', path, undefined, opts),
};
