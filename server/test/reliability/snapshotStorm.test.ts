/**
 * A reconnect storm: many consoles ask for a snapshot at once while calls are taken and units move.
 * Each must end with exactly the state of a console that never dropped (positions included: a fix
 * that came while a shared snapshot was being built must not be lost), and the server builds the
 * dispatchers' view far fewer times than there are consoles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, applyPositions, applySnapshot, createLiveState, decodePositions, decodeSnapshot, type LiveEvent, type LiveState, type PositionFrame } from '@dispatch/shared';
import { callBody, connectConsole, login, startTestServer, waitFor, type Agent, type TestServer } from '../harness.ts';
import { sql } from 'drizzle-orm';

const STORM = 120;

class Desk {
  state: LiveState = createLiveState();
  ready: Promise<void>;
  close: () => void;
  constructor(server: TestServer, agent: Agent) {
    const c = connectConsole(server, agent);
    // As the console does (client/src/live/connection.ts): pushes heard before the snapshot are applied after it.
    let early: { events: LiveEvent[]; frames: PositionFrame[] } | null = { events: [], frames: [] };
    c.socket.on('snapshot', (wire) => {
      this.state = applySnapshot(decodeSnapshot(wire));
      for (const e of early?.events ?? []) applyEvent(this.state, e);
      for (const f of early?.frames ?? []) applyPositions(this.state, f);
      early = null;
    });
    c.socket.on('events', (list) => list.forEach((e) => void (early ? early.events.push(e) : applyEvent(this.state, e))));
    c.socket.on('positions', (wire) => {
      const frame = decodePositions(wire);
      if (early) early.frames.push(frame);
      else applyPositions(this.state, frame);
    });
    this.ready = c.ready;
    this.close = c.close;
  }

  entities() {
    const { calls, units, transports, hospitals, alerts, stations, thresholds } = this.state;
    return { calls, units, transports, hospitals, alerts, stations, thresholds };
  }
}

async function snapshotBuilds(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('dispatch_snapshot_builds_total{view_kind="dispatch"}'))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

describe('reconnect storm', () => {
  let server: TestServer;
  let dispatcher: Agent;
  let gateway: Agent;
  const desks: Desk[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    dispatcher = await login(server, 'dispatcher');
    gateway = await login(server, 'avl-gateway');
  });
  afterAll(async () => {
    for (const d of desks) d.close();
    await server.close();
  });

  it(`${STORM} consoles asking at once, with calls and fixes flowing, all end equal to one that never dropped`, async () => {
    const steady = new Desk(server, dispatcher);
    desks.push(steady);
    await steady.ready;
    const units = ((await dispatcher.get('/api/units')).body as { id: number; status: string }[]).map((u) => u.id);
    const free = units.filter((_, i) => i % 2 === 0);
    let moving = true;
    // Fixes at the wire's precision (1e-6 degree, whole degrees and km/h), so a frame and a snapshot say the same.
    const fleet = (async () => {
      for (let n = 1; moving; n++) {
        const at = Date.now();
        const fixes = units.map((id) => ({ unitId: id, lon: Math.round((121.2 + ((id * 7 + n) % 100) / 1000) * 1e6) / 1e6, lat: 30.15, heading: (n * 10) % 360, speedKmh: 40, at }));
        await gateway.post('/api/units/positions', { fixes });
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
    let taking = true;
    const seat = (async () => {
      for (let n = 0; taking; n++) {
        const call = await dispatcher.post('/api/calls', callBody({ notes: `storm #${n}` }));
        const unitId = free.pop();
        if (unitId !== undefined) await dispatcher.post(`/api/calls/${call.body.id}/assign`, { unitId });
        await new Promise((r) => setTimeout(r, 80));
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    const builds0 = await snapshotBuilds(server);
    const storm = Array.from({ length: STORM }, () => new Desk(server, dispatcher));
    desks.push(...storm);
    await Promise.all(storm.map((d) => d.ready));
    const builds = (await snapshotBuilds(server)) - builds0;
    await new Promise((r) => setTimeout(r, 1000));
    taking = false;
    await seat;
    moving = false;
    await fleet;
    const rows = (await server.database.db.execute(sql`select max(seq)::int as seq from events`)) as unknown as { seq: number }[];
    const last = Number(rows[0]?.seq);
    await waitFor(() => [steady, ...storm].every((d) => d.state.seq === last), 10_000, 'every console at the last seq');
    // The last fixes reach every console by frame.
    await new Promise((r) => setTimeout(r, 500));
    process.stdout.write(`snapshot storm: ${STORM} consoles, ${builds} builds of the dispatch view\n`);
    expect(builds).toBeGreaterThanOrEqual(1);
    expect(builds).toBeLessThan(STORM / 4);
    const want = steady.entities();
    expect(want.units.size).toBe(units.length);
    for (const d of storm) expect(d.entities()).toEqual(want);
  }, 60_000);
});
