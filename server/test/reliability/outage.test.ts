/**
 * Database outage: PostgreSQL stops for 30 s. The server stays up and alive (/livez 200), says it is degraded (/healthz, /readyz and
 * consoles), refuses writes with 503 at once and never claims a write it did not make, then recovers
 * by itself. Runs on a private PostgreSQL cluster: the shared one serves the other test files.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { seedDemoCity } from '../../src/demo/seed.ts';
import { anonymous, callBody, connectConsole, login, startTestServer, waitFor, type RecordingConsole, type TestServer } from '../harness.ts';
import { PrivateCluster } from './processes.ts';

const OUTAGE_MS = 30_000;

describe('PostgreSQL stopped for 30 s', () => {
  let cluster: PrivateCluster;
  let server: TestServer;
  let console1: RecordingConsole;
  beforeAll(async () => {
    cluster = await PrivateCluster.create();
    const seeding = await openDatabase({ url: cluster.url, dataDir: 'unused', poolSize: 2 });
    await seedDemoCity(seeding.db, new Date(), { simulatorAccounts: true, city: 'cixi' });
    await seeding.close();
    server = await startTestServer({ databaseUrl: cluster.url });
  }, 60_000);
  afterAll(async () => {
    console1?.close();
    await server?.close().catch(() => {});
    cluster?.destroy();
  });

  it('degrades, refuses writes with 503 DB_UNAVAILABLE, and recovers on its own', async () => {
    const dispatcher = await login(server, 'dispatcher');
    const probe = anonymous(server);
    console1 = connectConsole(server, dispatcher);
    await console1.ready;
    const statuses: { degraded: boolean; reason: string | null }[] = [];
    console1.socket.on('server:status', (s) => statuses.push(s));
    expect((await probe.get('/healthz')).status).toBe(200);
    expect((await probe.get('/readyz')).status).toBe(200);
    expect((await probe.get('/livez')).status).toBe(200);
    expect((await dispatcher.post('/api/calls', callBody())).status).toBe(201);
    const callsBefore = (await dispatcher.get('/api/calls')).body.length as number;

    cluster.stopNow();
    const downAt = Date.now();
    await waitFor(() => statuses.some((s) => s.degraded), 5000, 'server:status degraded on the console');

    const refused: number[] = [];
    const probes: number[] = [];
    while (Date.now() - downAt < OUTAGE_MS) {
      let t0 = Date.now();
      const health = await probe.get('/healthz');
      expect(health.status).toBe(503);
      expect(health.body.status).toBe('degraded');
      probes.push(Date.now() - t0);
      t0 = Date.now();
      // Readiness takes the instance out of the balancer; liveness must not get it restarted.
      const ready = await probe.get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body.reason).toEqual(expect.any(String));
      const live = await probe.get('/livez');
      expect(live.status).toBe(200);
      expect(live.body.status).toBe('ok');
      probes.push(Date.now() - t0);
      t0 = Date.now();
      const write = await dispatcher.post('/api/calls', callBody({ notes: 'during outage' }));
      expect(write.status).toBe(503);
      expect(write.body.code).toBe('DB_UNAVAILABLE');
      refused.push(Date.now() - t0);
      await new Promise((r) => setTimeout(r, 2000));
    }
    // Nobody waits on a dead pool: a refused write answers within 2 s, and so does each health probe
    // (each tries the database with a 1.5 s timeout; /livez never does).
    expect(Math.max(...refused)).toBeLessThan(2000);
    expect(Math.max(...probes)).toBeLessThan(2000);
    expect(console1.socket.connected).toBe(true);

    cluster.start();
    const upAt = Date.now();
    await waitFor(() => statuses.at(-1)?.degraded === false, 20_000, 'server:status back to normal').catch(async (e: Error) => {
      const ping = await server.database.ping(3000);
      throw new Error(`${e.message}; statuses ${JSON.stringify(statuses)}; health ${JSON.stringify(server.ctx.health)}; direct ping ${ping} after ${Date.now() - upAt} ms`);
    });
    // Readiness also reads the fleet through the pool, whose connections come back a moment after the
    // health ping's own one: ready again on its own within a few seconds.
    let healthAfter = await probe.get('/healthz');
    for (const until = Date.now() + 10_000; healthAfter.status !== 200 && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 250));
      healthAfter = await probe.get('/healthz');
    }
    expect(healthAfter.status, JSON.stringify(healthAfter.body)).toBe(200);
    expect((await probe.get('/readyz')).status).toBe(200);
    const after = await dispatcher.post('/api/calls', callBody({ notes: 'after outage' }));
    expect(after.status).toBe(201);
    // Not one of the refused writes was secretly stored.
    const rows = (await server.database.db.execute(sql`select count(*)::int as n from calls where notes = 'during outage'`)) as unknown as { n: number }[];
    expect(rows[0]?.n).toBe(0);
    expect((await dispatcher.get('/api/calls')).body.length).toBe(callsBefore + 1);
    // The console hears about the new call live again.
    await console1.waitFor(() => console1.events.some((e) => e.entity === 'call' && e.id === after.body.id), 5000);
  }, 90_000);
});
