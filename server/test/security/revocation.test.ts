/** A disabled account, a password reset, a role change or "log out everywhere" ends sessions at once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, login, startTestServer, type Agent, type ConsoleSocket, type TestServer } from '../harness.ts';
import { openSocket } from './fixtures.ts';

/** Resolves when the socket is cut off: when, what it was told, and why Socket.IO says it closed. */
function cutOff(socket: ConsoleSocket): Promise<{ at: number; reason: string | null; disconnect: string }> {
  let told: string | null = null;
  socket.on('session:ended', (info) => (told = info.reason));
  return new Promise((resolve) => socket.once('disconnect', (why) => resolve({ at: Date.now(), reason: told, disconnect: why })));
}

describe('revocation', () => {
  let server: TestServer;
  let admin: Agent;
  const ids = new Map<string, number>();
  beforeAll(async () => {
    server = await startTestServer();
    admin = await login(server, 'admin');
    for (const u of (await admin.get('/api/admin/users')).body as { id: number; username: string }[]) ids.set(u.username, u.id);
  });
  afterAll(() => server.close());

  it('disabling a user disconnects their open socket within 1 s; their token and their password get 401', async () => {
    const victim = await login(server, 'dispatcher2');
    const cookieVictim = await login(server, 'dispatcher2', 'cookie');
    const socket = await openSocket(server, { token: victim.token });
    const cookieSocket = await openSocket(server, { headers: { cookie: `sid=${cookieVictim.token}`, origin: server.url } });
    const watch = [cutOff(socket), cutOff(cookieSocket)];
    expect((await victim.get('/api/auth/me')).status).toBe(200);

    const t0 = Date.now();
    const disabled = await admin.patch(`/api/admin/users/${ids.get('dispatcher2')}`, { disabled: true });
    expect(disabled.status).toBe(200);
    // Straight after the answer, without waiting out any cache.
    expect((await victim.get('/api/auth/me')).status).toBe(401);
    expect((await cookieVictim.get('/api/calls')).status).toBe(401);
    for (const ended of await Promise.all(watch)) {
      expect(ended.at - t0).toBeLessThan(1000);
      expect(ended.reason).toBe('account disabled');
      expect(ended.disconnect).toBe('io server disconnect');
    }
    expect((await anonymous(server).post('/api/auth/login', { username: 'dispatcher2', password: 'dispatch-120' })).status).toBe(401);
    await expect(openSocket(server, { token: victim.token })).rejects.toThrow(/unauthenticated/);

    // Enabled again: a fresh login works, the old token stays dead.
    expect((await admin.patch(`/api/admin/users/${ids.get('dispatcher2')}`, { disabled: false })).status).toBe(200);
    const back = await login(server, 'dispatcher2');
    expect((await back.get('/api/auth/me')).status).toBe(200);
    expect((await victim.get('/api/auth/me')).status).toBe(401);
  });

  it('"log out everywhere" ends every session of that user and no one else\'s', async () => {
    const a = await login(server, 'command');
    const b = await login(server, 'command');
    const bystander = await login(server, 'dispatcher');
    const socket = await openSocket(server, { token: a.token });
    const other = await openSocket(server, { token: bystander.token });
    const watch = cutOff(socket);
    const t0 = Date.now();
    const res = await admin.delete(`/api/admin/users/${ids.get('command')}/sessions`);
    expect(res.status).toBe(200);
    expect(res.body.revoked).toBeGreaterThanOrEqual(2);
    expect(res.body.user.activeSessions).toBe(0);
    const ended = await watch;
    expect(ended.at - t0).toBeLessThan(1000);
    expect([(await a.get('/api/auth/me')).status, (await b.get('/api/auth/me')).status]).toEqual([401, 401]);
    expect((await bystander.get('/api/auth/me')).status).toBe(200);
    expect(other.connected).toBe(true);
    other.close();
    const audit = await admin.get(`/api/admin/events?entity=user&entityId=${ids.get('command')}`);
    expect(audit.body[0]).toMatchObject({ name: 'user.sessionsRevoked', actor: 'admin' });
  });

  it("moving a nurse to another hospital ends her sessions, so she never sees the old hospital's patients again", async () => {
    const n = await login(server, 'sim-h03');
    const socket = await openSocket(server, { token: n.token });
    const watch = cutOff(socket);
    expect((await admin.patch(`/api/admin/users/${ids.get('sim-h03')}`, { hospitalId: 4 })).status).toBe(200);
    expect((await watch).reason).toBe('role or hospital changed');
    expect((await n.get('/api/auth/me')).status).toBe(401);
    const again = await login(server, 'sim-h03');
    expect((await again.get('/api/auth/me')).body.hospitalId).toBe(4);
  });

  it('logging out (browser cookie) ends that session and its socket only', async () => {
    const browser = await login(server, 'nurse', 'cookie');
    const otherTab = await login(server, 'nurse');
    const socket = await openSocket(server, { headers: { cookie: `sid=${browser.token}`, origin: server.url } });
    const watch = cutOff(socket);
    expect((await browser.post('/api/auth/logout')).status).toBe(200);
    expect((await watch).reason).toBe('logged out');
    expect((await browser.get('/api/auth/me')).status).toBe(401);
    expect((await otherTab.get('/api/auth/me')).status).toBe(200);
  });
});
