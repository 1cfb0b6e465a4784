import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call, Hospital, Unit } from '@dispatch/shared';
import { loadEnv } from '../env.ts';
import { openDatabase } from '../db/client.ts';
import { connectConsole, createTestDatabase, login, type Agent, type RecordingConsole, type TestServer, startTestServer } from '../../test/harness.ts';
import { loadDemoCity } from './bundle.ts';
import { seedDemoCity } from './seed.ts';
import { simCityOf, type SimCity } from './sim/cityModel.ts';
import { startSimulator, type Simulator } from './simulator.ts';

const ACTIVE: readonly string[] = ['on_scene', 'transporting', 'at_hospital', 'returning'];

/** Polls an async probe until it yields a value. */
async function eventually<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('demo simulator against a real server, through the public API only', () => {
  let server: TestServer;
  let dispatcher: Agent;
  let console_: RecordingConsole;
  let sim: Simulator;
  let unitsAtStart: Unit[];

  beforeAll(async () => {
    server = await startTestServer();
    dispatcher = await login(server, 'dispatcher');
    unitsAtStart = (await dispatcher.get<Unit[]>('/api/units')).body;
    console_ = connectConsole(server, dispatcher);
    await console_.ready;
    const env = loadEnv({ DEMO_SPEEDUP: '40', DEMO_CALLS_PER_HOUR: '40', RATE_LIMIT_LOGIN_PER_MIN: '1000', LOG_LEVEL: 'silent' });
    sim = startSimulator({ baseUrl: server.url, env, log: server.app.log, seed: 42 });
  });
  afterAll(async () => {
    await sim?.stop();
    console_?.close();
    await server?.close();
  });

  it('makes the console live at once: calls arrive, units drive with 1 Hz fixes and reach the scene, EDs report capacity', async () => {
    // Warm-up: calls taken through POST /api/calls, the first few dispatched at once.
    const calls = await eventually(async () => {
      const list = (await dispatcher.get<Call[]>('/api/calls')).body;
      return list.length >= 8 && list.some((c) => c.status !== 'awaiting_unit' && c.status !== 'closed') && list;
    }, 10_000, 'warm-up calls, some dispatched');
    expect(calls.every((c) => c.address.length > 0 && c.complaint.length > 0)).toBe(true);
    const cixi = await loadDemoCity('cixi');
    const city = simCityOf(cixi.bundle, cixi.extras);
    for (const c of calls) expect(city.inside(c.lon, c.lat), `${c.lon}, ${c.lat}`).toBe(true);

    // Fixes reach a connected console as position frames, and a dispatched unit leaves its station.
    await console_.waitFor(() => console_.frames.some((f) => f.fixes.length >= 1 && f.fixes.some((x) => x[4] > 0)), 10_000);
    const moved = await eventually(async () => {
      const now = (await dispatcher.get<Unit[]>('/api/units')).body;
      return now.find((u) => {
        const before = unitsAtStart.find((b) => b.id === u.id);
        return before && u.status !== 'available' && (Math.abs(u.lon - before.lon) > 0.001 || Math.abs(u.lat - before.lat) > 0.001);
      });
    }, 10_000, 'a unit away from its station');
    expect(moved.fixAt).not.toBeNull();

    // A crew reaches the scene (or later): the status went in through the AVL gateway's API.
    await eventually(async () => (await dispatcher.get<Unit[]>('/api/units')).body.some((u) => ACTIVE.includes(u.status)), 15_000, 'a unit on scene or further');

    // Hospital capacity updated by a simulated ED nurse.
    const hospital = await eventually(
      async () => (await dispatcher.get<Hospital[]>('/api/hospitals')).body.find((h) => /^sim-h\d+$/.test(h.capacityUpdatedBy)),
      10_000,
      'a capacity report by a sim nurse',
    );
    expect(hospital.occupiedBeds).toBeLessThanOrEqual(hospital.openBeds);
    expect(sim.stats().errors).toBeLessThan(sim.stats().statusChanges + sim.stats().created);
  });

  it('follows a unit a human took out of service: it stops where it is and stays out', async () => {
    const driving = await eventually(
      async () => (await dispatcher.get<Unit[]>('/api/units')).body.find((u) => u.status === 'en_route' || u.status === 'transporting' || u.status === 'returning'),
      10_000,
      'a moving unit',
    );
    const res = await dispatcher.post<Unit>(`/api/units/${driving.id}/status`, { status: 'out_of_service', reason: 'breakdown' });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 3500));
    const a = (await dispatcher.get<Unit>(`/api/units/${driving.id}`)).body;
    await new Promise((r) => setTimeout(r, 2500));
    const b = (await dispatcher.get<Unit>(`/api/units/${driving.id}`)).body;
    expect(b.status).toBe('out_of_service');
    // At most GPS noise (a few metres) between the two reads, no driving.
    expect(Math.abs(b.lon - a.lon)).toBeLessThan(0.0002);
    expect(Math.abs(b.lat - a.lat)).toBeLessThan(0.0002);
  });

  it('the surge switch multiplies the call rate by five', async () => {
    const normal = sim.stats();
    expect(sim.get()).toEqual({ surge: false });
    const countOver = async (ms: number) => {
      const before = sim.stats().created;
      await new Promise((r) => setTimeout(r, ms));
      return sim.stats().created - before;
    };
    const normalCount = await countOver(4000);
    sim.setSurge(true);
    expect(sim.get()).toEqual({ surge: true });
    expect(sim.stats().callsPerHour).toBeCloseTo(normal.callsPerHour * 5);
    const surgeCount = await countOver(4000);
    // 40/h × 40 = 0.44 calls/s normal (≈2 in 4 s) against ≈9 in a surge.
    expect(surgeCount).toBeGreaterThan(normalCount);
    expect(surgeCount).toBeGreaterThanOrEqual(4);
    const listed = (await dispatcher.get<Call[]>('/api/calls')).body;
    expect(listed.length).toBeGreaterThanOrEqual(sim.stats().created - sim.stats().transfers);
    sim.setSurge(false);
  });
});

describe('demo simulator in Huairen (DEMO_CITY=huairen), from its bundle alone', () => {
  let server: TestServer;
  let sim: Simulator;
  let city: SimCity;

  beforeAll(async () => {
    const { url } = await createTestDatabase({ seeded: false });
    const database = await openDatabase({ url, dataDir: 'unused', poolSize: 2 });
    await seedDemoCity(database.db, new Date(), { simulatorAccounts: true, city: 'huairen' });
    await database.close();
    server = await startTestServer({ databaseUrl: url, env: { DEMO_CITY: 'huairen' } });
    const huairen = await loadDemoCity('huairen');
    city = simCityOf(huairen.bundle, huairen.extras);
    const env = loadEnv({ DEMO_CITY: 'huairen', DEMO_SPEEDUP: '40', DEMO_CALLS_PER_HOUR: '40', RATE_LIMIT_LOGIN_PER_MIN: '1000', LOG_LEVEL: 'silent' });
    sim = startSimulator({ baseUrl: server.url, env, log: server.app.log, seed: 7 });
  });
  afterAll(async () => {
    await sim?.stop();
    await server?.close();
  });

  it('takes calls inside Huairen, named after its towns, and dispatches its units', async () => {
    const dispatcher = await login(server, 'dispatcher');
    const calls = await eventually(async () => {
      const list = (await dispatcher.get<Call[]>('/api/calls')).body;
      return list.length >= 8 && list.some((c) => c.status !== 'awaiting_unit' && c.status !== 'closed') && list;
    }, 15_000, 'warm-up calls in Huairen, some dispatched');
    const towns = city.towns.map((t) => t.name);
    for (const c of calls) {
      if (c.kind === 'transfer') continue;
      expect(city.inside(c.lon, c.lat), `${c.lon}, ${c.lat}`).toBe(true);
      expect(towns.some((t) => c.address.startsWith(t)), c.address).toBe(true);
    }
    const units = (await dispatcher.get<Unit[]>('/api/units')).body;
    expect(units.every((u) => u.callSign.startsWith('HR-'))).toBe(true);
    expect(units.some((u) => u.status !== 'available')).toBe(true);
    expect(sim.stats().callsPerHour).toBeCloseTo(40 * 40);
  });
});
