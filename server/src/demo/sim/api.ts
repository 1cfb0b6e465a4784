/**
 * The simulator's HTTP side: one bearer session per simulated person, every request with a timeout,
 * failures returned as values (logged), never thrown, so a slow or restarting server cannot crash it.
 */
import type { FastifyBaseLogger } from 'fastify';

export interface ApiAnswer<T> {
  /** 2xx. */
  ok: boolean;
  status: number;
  body: T;
}

const REQUEST_TIMEOUT_MS = 5000;

/**
 * Logins are rate limited per address, and the simulator shares 127.0.0.1 with a dispatcher
 * trying the demo on the same machine: it spends at most a share of the limit, and waits out a 429.
 */
export class LoginBudget {
  private tokens: number;
  private last = Date.now();
  private blockedUntil = 0;

  constructor(private readonly perMinute: number) {
    // The start signs in every simulated person (crews' gateway, nurses, dispatchers, call takers) at once.
    this.tokens = Math.min(perMinute, 16);
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.perMinute, this.tokens + ((now - this.last) / 60_000) * this.perMinute);
    this.last = now;
    if (now < this.blockedUntil || this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  refused(now = Date.now()): void {
    this.blockedUntil = now + 60_000;
  }
}

export interface SimHttp {
  baseUrl: string;
  log: FastifyBaseLogger;
  budget: LoginBudget;
  /** Aborted by stop(): requests in flight end at once. */
  signal: AbortSignal;
}

/** One simulated person logged in with a service token; logs in again when the session lapses. */
export class Session {
  private token: string | null = null;
  private loggingIn: Promise<boolean> | null = null;

  constructor(
    private readonly http: SimHttp,
    readonly username: string,
    private readonly password: string,
  ) {}

  get ready(): boolean {
    return this.token !== null;
  }

  /** True once logged in; false while the login budget or the server says not yet. */
  async ensure(): Promise<boolean> {
    if (this.token) return true;
    this.loggingIn ??= this.login().finally(() => (this.loggingIn = null));
    return this.loggingIn;
  }

  private async login(): Promise<boolean> {
    if (!this.http.budget.take()) return false;
    const res = await send<{ token?: string }>(this.http, 'POST', '/api/auth/login', null, { username: this.username, password: this.password });
    if (res?.status === 429) this.http.budget.refused();
    if (res?.status !== 200 || !res.body?.token) {
      this.http.log.warn({ user: this.username, status: res?.status }, 'simulator: login failed');
      return false;
    }
    this.token = res.body.token;
    return true;
  }

  /** The answer, or null when not logged in, timed out or unreachable. 4xx answers are returned. */
  async call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<ApiAnswer<T> | null> {
    if (!(await this.ensure()) || !this.token) return null;
    const res = await send<T>(this.http, method, path, this.token, body);
    if (res?.status === 401) {
      // Session revoked or expired (an admin, a restart): log in again next time.
      this.token = null;
      return null;
    }
    if (res && res.status >= 500) this.http.log.warn({ user: this.username, method, path, status: res.status }, 'simulator: server error');
    return res;
  }
}

async function send<T>(http: SimHttp, method: string, path: string, token: string | null, body?: unknown): Promise<ApiAnswer<T> | null> {
  if (http.signal.aborted) return null;
  const headers: Record<string, string> = { 'x-client': 'service' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(http.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.any([http.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { ok: res.ok, status: res.status, body: parsed as T };
  } catch (error) {
    if (!http.signal.aborted) http.log.debug({ method, path, err: (error as Error).message }, 'simulator: request failed');
    return null;
  }
}

/** True for a 2xx answer. */
export const isOk = <T>(res: ApiAnswer<T> | null): res is ApiAnswer<T> & { ok: true } => res !== null && res.ok;
