/**
 * Several instances: two servers share one PostgreSQL and fan out through Redis (Streams adapter).
 * A change made through instance A reaches a console on instance B, in the order A's own consoles see.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBody, connectConsole, createTestDatabase, login, startTestServer, waitFor, type RecordingConsole, type TestServer } from '../harness.ts';
import { freePort } from './processes.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';

describe('two instances behind Redis', () => {
  const stream = `dispatch-test-${process.pid}-${Date.now().toString(36)}`;
  let a: TestServer;
  let b: TestServer;
  const consoles: RecordingConsole[] = [];
  beforeAll(async () => {
    const { url } = await createTestDatabase();
    const env = { REDIS_URL, REDIS_STREAM: stream };
    a = await startTestServer({ databaseUrl: url, env });
    b = await startTestServer({ databaseUrl: url, env });
  });
  afterAll(async () => {
    for (const c of consoles) c.close();
    await a?.close();
    await b?.close();
    // Leave nothing behind in the shared Redis.
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    await redis.del(stream);
    await redis.quit();
  });

  const open = async (server: TestServer, agent: Awaited<ReturnType<typeof login>>) => {
    const c = connectConsole(server, agent);
    consoles.push(c);
    await c.ready;
    return c;
  };

  it('delivers changes made on A to a console on B, in the same order as on A', async () => {
    const dispatcher = await login(a, 'dispatcher');
    const onA = await open(a, dispatcher);
    const onB = await open(b, dispatcher);
    // Give B's stream reader a moment to start at the stream's end.
    await new Promise((r) => setTimeout(r, 300));
    const created: number[] = [];
    for (let i = 0; i < 15; i++) created.push((await dispatcher.post('/api/calls', callBody({ notes: `cluster ${i}` }))).body.id);
    // And a burst of concurrent ones, where ordering is hardest.
    const burst = await Promise.all(Array.from({ length: 15 }, (_, i) => dispatcher.post('/api/calls', callBody({ notes: `burst ${i}` }))));
    created.push(...burst.map((r) => r.body.id as number));
    const createdOn = (c: RecordingConsole) => c.events.filter((e) => e.name === 'call.created' && created.includes(e.id));
    await waitFor(() => createdOn(onB).length === created.length, 5000, 'all 30 calls on B');
    await waitFor(() => createdOn(onA).length === created.length, 5000, 'all 30 calls on A');
    expect(onB.events.map((e) => e.seq)).toEqual(onA.events.map((e) => e.seq));
    // Sequential changes keep their log order end to end.
    const firstFifteen = createdOn(onB).slice(0, 15).map((e) => e.seq);
    expect(firstFifteen).toEqual([...firstFifteen].sort((x, y) => x - y));
    expect(createdOn(onB).map((e) => e.id)).toEqual(expect.arrayContaining(created));
  });

  it('delivers position frames from a gateway on A to a console on B', async () => {
    const gateway = await login(a, 'avl-gateway');
    const onB = await open(b, await login(b, 'command'));
    const at = Date.now();
    await gateway.post('/api/units/positions', { fixes: [{ unitId: 11, lon: 121.301, lat: 30.201, at }] });
    await onB.waitFor(() => onB.frames.some((f) => f.fixes.some((x) => x[0] === 11 && x[5] === at)), 5000);
  });

  it('routes a unit assigned on B, whose fixes come in through A, to its hospital’s screens on both instances', async () => {
    const dispatcherB = await login(b, 'dispatcher');
    const gatewayA = await login(a, 'avl-gateway');
    const nurse = await login(a, 'nurse');
    const edOnA = await open(a, nurse);
    const edOnB = await open(b, nurse);
    const call = await dispatcherB.post('/api/calls', callBody({ clinicalClass: 'severe', notes: 'across instances' }));
    const units = (await dispatcherB.get(`/api/calls/${call.body.id}/suggestions`)).body.units as { unitId: number }[];
    const unitId = units[0]?.unitId as number;
    expect((await dispatcherB.post(`/api/calls/${call.body.id}/assign`, { unitId, hospitalId: 1 })).status).toBe(201);
    const at = Date.now() + 1;
    expect((await gatewayA.post('/api/units/positions', { fixes: [{ unitId, lon: 121.28, lat: 30.18, at }] })).status).toBe(200);
    const got = (c: RecordingConsole) => c.frames.some((f) => f.fixes.some((x) => x[0] === unitId && x[5] === at));
    await waitFor(() => got(edOnA) && got(edOnB), 5000, 'the inbound unit on both hospital screens');
  });

  it('works the other way round: a change through B reaches a console on A', async () => {
    const dispatcher = await login(b, 'dispatcher');
    const onA = await open(a, dispatcher);
    const res = await dispatcher.post('/api/calls', callBody({ notes: 'via B' }));
    await onA.waitFor(() => onA.events.some((e) => e.name === 'call.created' && e.id === res.body.id), 5000);
  });
});

describe('a Redis blip between two instances', () => {
  const stream = `dispatch-blip-${process.pid}-${Date.now().toString(36)}`;
  let redis: ChildProcess | null = null;
  let port: number;
  let a: TestServer;
  let b: TestServer;
  const consoles: RecordingConsole[] = [];

  /** A private redis-server, so stopping it bothers nobody else. */
  const startRedis = async () => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => out.includes('Ready to accept connections'), 5000, 'redis-server to start');
    redis = child;
  };

  beforeAll(async () => {
    port = await freePort();
    await startRedis();
    const { url } = await createTestDatabase();
    const env = { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_STREAM: stream };
    a = await startTestServer({ databaseUrl: url, env });
    b = await startTestServer({ databaseUrl: url, env });
  });
  afterAll(async () => {
    for (const c of consoles) c.close();
    await a?.close();
    await b?.close();
    redis?.kill('SIGKILL');
  });

  it('delays pushes while Redis is down and delivers them, in order, when it is back', async () => {
    const dispatcher = await login(a, 'dispatcher');
    const onA = connectConsole(a, dispatcher);
    const onB = connectConsole(b, dispatcher);
    consoles.push(onA, onB);
    await Promise.all([onA.ready, onB.ready]);
    await new Promise((r) => setTimeout(r, 300));
    const seen = (c: RecordingConsole, id: number) => c.events.some((e) => e.name === 'call.created' && e.id === id);

    const before = (await dispatcher.post('/api/calls', callBody())).body.id as number;
    await onB.waitFor(() => seen(onB, before), 5000);

    redis?.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    // The database is fine, so the change is taken; only its push waits.
    const during = await dispatcher.post('/api/calls', callBody({ notes: 'during the blip' }));
    expect(during.status).toBe(201);
    await new Promise((r) => setTimeout(r, 1500));
    await startRedis();

    const after = (await dispatcher.post('/api/calls', callBody())).body.id as number;
    await onB.waitFor(() => seen(onB, during.body.id) && seen(onB, after), 10_000);
    await onA.waitFor(() => seen(onA, during.body.id) && seen(onA, after), 10_000);
    const order = (c: RecordingConsole) => c.events.filter((e) => e.name === 'call.created').map((e) => e.id);
    expect(order(onB)).toEqual([before, during.body.id, after]);
  }, 30_000);
});
