/** Real server, real PostgreSQL, real HTTP and Socket.IO clients: the pieces every server test uses. */
import postgres from 'postgres';
import { inject } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { decodePositions, decodeSnapshot, PROTOCOL_VERSION, type ClientToServerEvents, type LiveEvent, type PositionFrame, type ServerToClientEvents, type Snapshot } from '@dispatch/shared';
import { loadEnv, type Env } from '../src/env.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { buildApp } from '../src/app.ts';
import { DEMO_ACCOUNTS, SIM_DISPATCHER, SIM_NURSE_PASSWORD, simNurseName } from '../src/demo/seed.ts';
import { withDatabase } from './global-setup.ts';

let counter = 0;

/** A fresh database cloned from the seeded template (or empty, migrated only). */
export async function createTestDatabase(opts: { seeded?: boolean } = {}): Promise<{ url: string; name: string }> {
  const adminUrl = inject('adminUrl');
  const name = `dispatch_f${++counter}_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(opts.seeded === false ? `create database ${name}` : `create database ${name} template ${inject('templateDb')}`);
  } finally {
    await admin.end();
  }
  return { url: withDatabase(adminUrl, name), name };
}

export interface TestServer {
  url: string;
  port: number;
  databaseUrl: string;
  database: Database;
  app: Awaited<ReturnType<typeof buildApp>>['app'];
  ctx: Awaited<ReturnType<typeof buildApp>>['ctx'];
  routes: Awaited<ReturnType<typeof buildApp>>['routes'];
  close(): Promise<void>;
}

/** Start the real app on 127.0.0.1, port 0, against a fresh PostgreSQL database (or PGlite in memory). */
export async function startTestServer(
  opts: { env?: Record<string, string>; clock?: () => Date; pglite?: boolean; databaseUrl?: string } = {},
): Promise<TestServer> {
  const databaseUrl = opts.pglite ? '' : (opts.databaseUrl ?? (await createTestDatabase()).url);
  const env: Env = loadEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO: 'off',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_WRITES_PER_MIN: '100000',
    RATE_LIMIT_LOGIN_PER_MIN: '1000',
    ALERT_MONITOR: 'off',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: 'memory://' }),
    ...opts.env,
  });
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  if (opts.pglite) {
    const { seedDemoCity } = await import('../src/demo/seed.ts');
    await seedDemoCity(database.db, new Date(), { simulatorAccounts: true, city: 'cixi' });
  }
  const built = await buildApp({ env, database, clock: opts.clock, logger: false });
  const address = await built.app.listen({ port: 0, host: '127.0.0.1' });
  const port = Number(new URL(address).port);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    databaseUrl,
    database,
    app: built.app,
    ctx: built.ctx,
    routes: built.routes,
    async close() {
      await built.app.close();
      await database.close();
    },
  };
}

export const PASSWORDS: Record<string, string> = Object.fromEntries([
  ...DEMO_ACCOUNTS.map((a) => [a.username, a.password]),
  [SIM_DISPATCHER.username, SIM_DISPATCHER.password],
]);

/** Password of a demo account, including the simulator's per-hospital nurses (sim-h01, sim-hr-h01 ...). */
export function passwordOf(username: string): string {
  const known = PASSWORDS[username];
  if (known) return known;
  if (/^sim-[a-z0-9-]+$/.test(username)) return SIM_NURSE_PASSWORD;
  throw new Error(`no demo password for ${username}`);
}
export { simNurseName };

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A logged-in HTTP client. Bearer by default; `cookie` behaves like a browser (cookie + CSRF header). */
export class Agent {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null,
    readonly via: 'bearer' | 'cookie' = 'bearer',
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (this.token && this.via === 'bearer') h.authorization = `Bearer ${this.token}`;
    if (this.token && this.via === 'cookie') {
      h.cookie = `sid=${this.token}`;
      h['x-requested-with'] = 'dispatch';
      h.origin = this.baseUrl;
    }
    return h;
  }

  async request<T = any>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const hasBody = body !== undefined;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: this.headers({ ...(hasBody ? { 'content-type': 'application/json' } : {}), ...extraHeaders }),
      body: hasBody ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON (CSV, XML, HTML) */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

/** Log in as a demo account; returns an Agent carrying its token. */
/** Sign in as a service client; `password` for an account that is not one of the demo's. */
export async function login(server: { url: string }, username: string, via: 'bearer' | 'cookie' = 'bearer', password = passwordOf(username)): Promise<Agent> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-client': 'service' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { token?: string };
  if (res.status !== 200 || !body.token) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(body)}`);
  return new Agent(server.url, body.token, via);
}

export const anonymous = (server: { url: string }) => new Agent(server.url, null);

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A console connection that records everything it hears. */
export interface RecordingConsole {
  socket: ConsoleSocket;
  snapshots: Snapshot[];
  events: LiveEvent[];
  frames: PositionFrame[];
  replays: { fromSeq: number; toSeq: number; events: LiveEvent[] }[];
  /** Resolves when the first snapshot or replay has arrived. */
  ready: Promise<void>;
  waitFor<T>(predicate: () => T | undefined | false | null, timeoutMs?: number): Promise<T>;
  close(): void;
}

/** `protocol`: the version the console claims (this build's by default; null sends none, as an old build did). */
export function connectConsole(server: { url: string }, agent: Agent, opts: { lastSeq?: number | null; protocol?: number | null } = {}): RecordingConsole {
  const protocol = opts.protocol === undefined ? PROTOCOL_VERSION : opts.protocol;
  const socket: ConsoleSocket = io(server.url, {
    transports: ['websocket'],
    auth: { token: agent.token ?? undefined, lastSeq: opts.lastSeq ?? null, ...(protocol === null ? {} : { protocol }) },
    reconnection: false,
    forceNew: true,
  });
  const rec: RecordingConsole = {
    socket,
    snapshots: [],
    events: [],
    frames: [],
    replays: [],
    ready: new Promise<void>((resolve, reject) => {
      socket.once('snapshot', () => resolve());
      socket.once('replay', () => resolve());
      socket.once('connect_error', (e) => reject(e));
    }),
    waitFor: (predicate, timeoutMs = 5000) => waitFor(predicate, timeoutMs),
    close: () => socket.close(),
  };
  socket.on('snapshot', (s) => rec.snapshots.push(decodeSnapshot(s)));
  socket.on('events', (list) => rec.events.push(...list));
  socket.on('positions', (wire) => rec.frames.push(decodePositions(wire)));
  socket.on('replay', (r) => rec.replays.push(r));
  return rec;
}

/** Poll until `predicate` returns a truthy value; fails with a clear message on timeout. */
export async function waitFor<T>(predicate: () => T | undefined | false | null, timeoutMs = 5000, message = 'condition'): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A valid call body; override what the test is about. */
export function callBody(overrides: Record<string, unknown> = {}) {
  return {
    callerPhone: '13800138000',
    address: '浒山街道 青少年宫路 128号',
    lon: 121.262,
    lat: 30.172,
    complaint: 'fever 39.5, short of breath',
    clinicalClass: 'common',
    age: 64,
    riskTier: 'yellow',
    flags: { nursingHome: false, pregnant: false },
    notes: '',
    ...overrides,
  };
}
