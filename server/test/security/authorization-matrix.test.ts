/**
 * Every /api route × every kind of caller, generated from the app's own route table: a route added
 * tomorrow is in this matrix tomorrow, and a route without a roles declaration fails it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Agent, type TestServer } from '../harness.ts';
import { agentFor, allClientEventsListed, apiRoutes, CLIENT_EVENTS, emitWithAck, fillPath, makeIds, openSocket, PRINCIPALS, type Ids, type Principal } from './fixtures.ts';

const RESERVED = ['error', 'disconnect', 'disconnecting'];

describe('authorization matrix (from the route table)', () => {
  let server: TestServer;
  let ids: Ids;
  const agents = new Map<Principal, Agent>();
  beforeAll(async () => {
    server = await startTestServer();
    ids = await makeIds(server);
    for (const who of PRINCIPALS) agents.set(who, await agentFor(server, who));
  });
  afterAll(() => server.close());

  it('every route, /api or not, declares who may call it', () => {
    expect(allClientEventsListed).toBe(true);
    const undeclared = server.routes.filter((r) => r.roles === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    // Sanity: the table really is the app's table (admin routes included).
    expect(apiRoutes(server).length).toBeGreaterThan(25);
    expect(apiRoutes(server).some((r) => r.url === '/api/admin/users')).toBe(true);
  });

  it('answers 401 to nobody, 403 to roles not listed, and lets listed roles through', async () => {
    const failures: string[] = [];
    const seen = { allowed: 0, 401: 0, 403: 0 };
    // Logging out ends the caller's session; it runs last, on sessions of its own.
    const routes = apiRoutes(server).sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
    for (const route of routes) {
      const path = fillPath(route.url, ids);
      for (const who of PRINCIPALS) {
        const agent = route.url === '/api/auth/logout' ? await agentFor(server, who) : agents.get(who);
        if (!agent) throw new Error(`no agent for ${who}`);
        const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
        const res = await agent.request(route.method, path, body);
        const listed = route.roles === 'public' || (Array.isArray(route.roles) && (route.roles as string[]).includes(who));
        const expected = route.roles === 'public' ? 'allowed' : who === 'nobody' ? 401 : listed ? 'allowed' : 403;
        seen[expected] += 1;
        const ok = expected === 'allowed' ? res.status !== 401 && res.status !== 403 && res.status < 500 : res.status === expected;
        if (!ok) failures.push(`${route.method} ${route.url} as ${who}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
        if (res.status === 401 || res.status === 403) expect(res.body.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
      }
    }
    expect(failures).toEqual([]);
    // Not vacuous: every kind of answer was expected many times.
    expect(Math.min(seen.allowed, seen[401], seen[403])).toBeGreaterThan(20);
  });

  it('checks the matched route, not the raw URL: a percent-encoded /api path gets the same 401', async () => {
    const nobody = agents.get('nobody');
    if (!nobody) throw new Error('no anonymous agent');
    for (const route of apiRoutes(server).filter((r) => r.roles !== 'public')) {
      const encoded = fillPath(route.url, ids).replace(/^\/api\//, '/%61pi/');
      const res = await nobody.request(route.method, encoded, route.method === 'GET' ? undefined : {});
      expect([401, 404], `${route.method} ${encoded}`).toContain(res.status);
    }
  });

  it('refuses a socket handshake without a session, and for a role with no console (gateway, telephony, crew)', async () => {
    await expect(openSocket(server)).rejects.toThrow(/unauthenticated/);
    await expect(openSocket(server, { token: 'not-a-real-token' })).rejects.toThrow(/unauthenticated/);
    await expect(openSocket(server, { token: agents.get('gateway')?.token })).rejects.toThrow(/unauthenticated/);
    await expect(openSocket(server, { token: agents.get('telephony')?.token })).rejects.toThrow(/unauthenticated/);
    // A crew reads its own job by REST (docs/crew.md): a socket would join rooms that carry other patients.
    await expect(openSocket(server, { token: agents.get('crew')?.token })).rejects.toThrow(/unauthenticated/);
  });

  it('answers every client event for every console role, and only the listed events are handled', async () => {
    for (const who of ['dispatcher', 'nurse', 'command', 'admin'] as const) {
      const socket = await openSocket(server, { token: agents.get(who)?.token });
      try {
        // The listeners the server really registered for this socket, less Socket.IO's own.
        const handled = (server.ctx.hub().io.sockets.sockets.get(socket.id ?? '')?.eventNames() ?? []).filter((e) => !RESERVED.includes(String(e)));
        expect(handled.map(String).sort()).toEqual([...CLIENT_EVENTS].sort());
        const resync = (await emitWithAck(socket, 'resync', [{ lastSeq: null }])) as { ok: boolean; value: { kind: string; snapshot: { user: { role: string } } } };
        expect(resync).toMatchObject({ ok: true, value: { kind: 'snapshot', snapshot: { user: { role: who } } } });
        expect(typeof (await emitWithAck(socket, 'ping', [Date.now()]))).toBe('number');
      } finally {
        socket.close();
      }
    }
  });
});
