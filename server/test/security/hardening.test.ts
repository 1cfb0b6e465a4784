/** Headers, CSP, CORS, CSRF, body limits, error bodies, rate limits and a flooding socket. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, anonymous, callBody, login, startTestServer, type TestServer } from '../harness.ts';
import { emitWithAck, openSocket } from './fixtures.ts';

const EVIL = 'https://evil.example';

function expectCleanError(body: unknown): void {
  expect(body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  expect(JSON.stringify(body)).not.toMatch(/\\n\s+at |"stack"|node_modules|\.ts:\d+/);
}

describe('hardening', () => {
  let server: TestServer;
  let dispatcher: Agent;
  beforeAll(async () => {
    server = await startTestServer();
    dispatcher = await login(server, 'dispatcher');
  });
  afterAll(() => server.close());

  it('sends security headers and a CSP the map console runs under (workers from blob:, no inline script)', async () => {
    for (const path of ['/api/config', '/healthz', '/api/calls']) {
      const res = await fetch(server.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/worker-src 'self' blob:/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).toMatch(/img-src [^;]*blob:/);
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc).toBe("'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    // The built page must not need inline script (it would be blocked by script-src 'self').
    const page = await fetch(`${server.url}/`);
    if (page.status === 200) {
      const html = await page.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
      expect(html).not.toMatch(/\son[a-z]+="/);
    }
  });

  it('keeps CORS closed: no Access-Control-Allow-Origin for a foreign origin, on REST or Socket.IO', async () => {
    const get = await fetch(`${server.url}/api/config`, { headers: { origin: EVIL } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${server.url}/api/calls`, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-requested-with' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: EVIL } });
    expect(polling.status).toBe(403);
    expect(polling.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a socket from a foreign Origin even with a valid session, and accepts the same session from its own origin', async () => {
    await expect(openSocket(server, { token: dispatcher.token, headers: { origin: EVIL } })).rejects.toThrow();
    const own = await openSocket(server, { token: dispatcher.token, headers: { origin: server.url } });
    expect(own.connected).toBe(true);
    own.close();
  });

  it('guards cookie writes against CSRF: custom header and an allowed Origin; the cookie is httpOnly and SameSite=Strict', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dispatcher', password: 'dispatch-120' }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(await res.json()).not.toHaveProperty('token');
    const sid = /^sid=([^;]+)/.exec(cookie)?.[1] ?? '';
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/calls`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `sid=${sid}`, ...headers }, body: JSON.stringify(callBody()) });
    const noHeader = await post({ origin: server.url });
    expect(noHeader.status).toBe(403);
    expectCleanError(await noHeader.json());
    expect((await post({ 'x-requested-with': 'dispatch', origin: EVIL })).status).toBe(403);
    expect((await post({ 'x-requested-with': 'dispatch', origin: server.url })).status).toBe(201);
    // Reads with the cookie need no header.
    expect((await fetch(`${server.url}/api/calls`, { headers: { cookie: `sid=${sid}` } })).status).toBe(200);
  });

  it('limits body sizes with a clean 413, and error answers never carry a stack trace', async () => {
    const big = await dispatcher.post('/api/calls', callBody({ notes: 'x'.repeat(300 * 1024) }));
    expect(big.status).toBe(413);
    expectCleanError(big.body);
    const gateway = await login(server, 'avl-gateway');
    const fixes = Array.from({ length: 4000 }, (_, i) => ({ unitId: 1, lon: 121.2, lat: 30.1, heading: 0, speedKmh: 0, at: Date.now() + i, pad: 'p'.repeat(200) }));
    expect(JSON.stringify({ fixes }).length).toBeGreaterThan(1024 * 1024);
    const hugeBatch = await gateway.post('/api/units/positions', { fixes });
    expect(hugeBatch.status).toBe(413);
    for (const res of [
      await dispatcher.request('POST', '/api/calls', '{"callerPhone": ', { 'content-type': 'application/json' }),
      await dispatcher.request('POST', '/api/calls', 'callerPhone=1', { 'content-type': 'application/x-www-form-urlencoded' }),
      await dispatcher.request('POST', '/api/calls', '{"__proto__": {"admin": true}}', { 'content-type': 'application/json' }),
      await dispatcher.get('/api/calls/abc'),
      await dispatcher.get('/api/nowhere'),
    ]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectCleanError(res.body);
    }
  });

  it('throttles a flooding socket: excess events dropped, a persistent flooder disconnected, others unaffected', async () => {
    const flooder = await openSocket(server, { token: dispatcher.token });
    const bystander = await openSocket(server, { token: (await login(server, 'command')).token });
    let acks = 0;
    const gone = new Promise<string>((resolve) => flooder.once('disconnect', resolve));
    // The default bucket holds 30 and refills 10 a second: a burst of 50 gets about 30 answers.
    for (let i = 0; i < 50; i++) flooder.emit('ping', i, () => acks++);
    await new Promise((r) => setTimeout(r, 300));
    expect(acks).toBeGreaterThanOrEqual(30);
    expect(acks).toBeLessThanOrEqual(36);
    expect(flooder.connected).toBe(true);
    // Keeping it up gets the socket cut off.
    for (let i = 0; i < 300; i++) flooder.emit('ping', i, () => acks++);
    expect(await gone).toBe('io server disconnect');
    expect(typeof (await emitWithAck(bystander, 'ping', [1]))).toBe('number');
    bystander.close();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_LOGIN_PER_MIN: '3', RATE_LIMIT_WRITES_PER_MIN: '4' } });
  });
  afterAll(() => server.close());

  it('limits login attempts per minute, right password or not', async () => {
    const nobody = anonymous(server);
    const statuses: number[] = [];
    for (const password of ['wrong-1', 'wrong-2', 'wrong-3', 'dispatch-120']) {
      statuses.push((await nobody.post('/api/auth/login', { username: 'dispatcher', password })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await nobody.post('/api/auth/login', { username: 'dispatcher', password: 'dispatch-120' });
    expect(limited.body.code).toBe('RATE_LIMITED');
  });

  it('limits writes per minute', async () => {
    // Sessions made directly, so the login limit above does not get in the way.
    const agent = async (username: string, password: string) => {
      const session = await server.ctx.sessions.login(username, password, new Date());
      if (!session) throw new Error(`login ${username} failed`);
      return new Agent(server.url, session.token);
    };
    const dispatcher = await agent('dispatcher', 'dispatch-120');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await dispatcher.post('/api/calls', callBody())).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429]);
    // Reads are not write-limited, and the budget is per user, not per address.
    expect((await dispatcher.get('/api/calls')).status).toBe(200);
    const colleague = await agent('dispatcher2', 'dispatch-120');
    expect((await colleague.post('/api/calls', callBody())).status).toBe(201);
  });
});
