/**
 * Rate limits behind a load balancer and across instances: TRUST_PROXY decides whose address a login
 * counts against, and with REDIS_URL every instance draws on one budget (and a Redis outage does not
 * turn requests into 500s).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/env.ts';
import { anonymous, createTestDatabase, startTestServer, waitFor, type TestServer } from '../harness.ts';
import { freePort } from '../reliability/processes.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** A login attempt (a wrong password: it counts all the same) from the given X-Forwarded-For. */
const attempt = async (server: TestServer, forwardedFor?: string) =>
  (await anonymous(server).post('/api/auth/login', { username: 'dispatcher', password: 'wrong' }, forwardedFor ? { 'x-forwarded-for': forwardedFor } : {})).status;

async function attempts(server: TestServer, n: number, forwardedFor?: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push(await attempt(server, forwardedFor));
  return statuses;
}

describe('TRUST_PROXY', () => {
  it('accepts true/false and addresses or CIDRs, and refuses hop counts and nonsense by name', () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadEnv({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1, loopback' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'loopback']);
    expect(() => loadEnv({ TRUST_PROXY: '2' })).toThrow(/TRUST_PROXY: a hop count/);
    expect(() => loadEnv({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(() => loadEnv({ TRUST_PROXY: 'balancer.internal' })).toThrow(/TRUST_PROXY/);
  });

  describe('behind a trusted proxy', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ env: { RATE_LIMIT_LOGIN_PER_MIN: '3', TRUST_PROXY: '127.0.0.1' } });
    });
    afterAll(() => server?.close());

    it("X-Forwarded-For decides whose budget a login draws on: one dispatcher's lock-out is not the centre's", async () => {
      expect(await attempts(server, 4, '203.0.113.7')).toEqual([401, 401, 401, 429]);
      expect(await attempts(server, 3, '203.0.113.8')).toEqual([401, 401, 401]);
      // The client named by the proxy is the last untrusted hop: a forged left-most address changes nothing.
      expect(await attempt(server, '198.51.100.1, 203.0.113.7')).toBe(429);
    });
  });

  describe('without TRUST_PROXY', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ env: { RATE_LIMIT_LOGIN_PER_MIN: '3' } });
    });
    afterAll(() => server?.close());

    it('X-Forwarded-For is ignored: the peer address is the client', async () => {
      expect(await attempts(server, 3, '203.0.113.7')).toEqual([401, 401, 401]);
      expect(await attempt(server, '203.0.113.8')).toBe(429);
      expect(await attempt(server)).toBe(429);
    });
  });
});

describe('logins from one address (a centre behind one NAT address)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_LOGIN_PER_MIN: '3', RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MIN: '7' } });
  });
  afterAll(() => server?.close());
  const as = async (username: string, password = 'wrong') => (await anonymous(server).post('/api/auth/login', { username, password })).status;

  it("one account's guesses stop at its own budget, the next seat still signs in; spraying many accounts stops at the address's", async () => {
    expect([await as('dispatcher'), await as('dispatcher'), await as('dispatcher'), await as('dispatcher')]).toEqual([401, 401, 401, 429]);
    // Case and spaces do not make a new account to guess at.
    expect(await as(' DISPATCHER ')).toBe(429);
    expect(await as('dispatcher2', 'dispatch-120')).toBe(200);
    // Six attempts so far from this address; the seventh passes, the eighth is refused whatever the account.
    expect(await as('nurse', 'nurse-120-ed')).toBe(200);
    const refused = await anonymous(server).post('/api/auth/login', { username: 'command', password: 'command-120' });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('rate limits shared through Redis', () => {
  const stream = `dispatch-limits-${process.pid}-${Date.now().toString(36)}`;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const { url } = await createTestDatabase();
    const env = { REDIS_URL, REDIS_STREAM: stream, RATE_LIMIT_LOGIN_PER_MIN: '4' };
    a = await startTestServer({ databaseUrl: url, env });
    b = await startTestServer({ databaseUrl: url, env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    const keys = await redis.keys(`${stream}*`);
    if (keys.length > 0) await redis.del(keys);
    await redis.quit();
  });

  it('logins spread over two instances exceed the limit together, where each alone stays under it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push(await attempt(a), await attempt(b));
    // 3 on each instance: under 4 for either alone, 6 for the deployment.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    expect(await attempt(a)).toBe(429);
  });
});

describe('the shared limiter while Redis is down', () => {
  const stream = `dispatch-limits-down-${process.pid}-${Date.now().toString(36)}`;
  let redis: ChildProcess | null = null;
  let port: number;
  let server: TestServer;
  /** A private redis-server, so stopping it bothers nobody else. */
  const startRedis = async () => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    redis = child;
    await waitFor(() => out.includes('Ready to accept connections'), 5000, 'redis-server to start');
  };
  beforeAll(async () => {
    port = await freePort();
    await startRedis();
    server = await startTestServer({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_STREAM: stream, RATE_LIMIT_LOGIN_PER_MIN: '2' } });
  });
  afterAll(async () => {
    await server?.close();
    redis?.kill('SIGKILL');
  });

  it('lets requests through at once (no 500, no hang) while Redis is away, and limits again when it is back', async () => {
    expect(await attempts(server, 3)).toEqual([401, 401, 429]);
    redis?.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    expect(await attempts(server, 3)).toEqual([401, 401, 401]);
    expect(Date.now() - started).toBeLessThan(3000);

    await startRedis();
    // The fresh Redis has no counters; once the limiter has reconnected the third attempt is refused again.
    const deadline = Date.now() + 10_000;
    let statuses: number[] = [];
    while (Date.now() < deadline) {
      statuses = await attempts(server, 3);
      if (statuses.includes(429)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  }, 30_000);
});
