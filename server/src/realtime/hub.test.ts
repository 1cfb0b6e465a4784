import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { applyReplay, applySnapshot, applyEvent, type AckResult, type LiveState, type ReplayResult } from '@dispatch/shared';
import { callBody, connectConsole, login, startTestServer, waitFor, type Agent, type TestServer } from '../../test/harness.ts';
import { MAX_REPLAY, REPLAY_OVERLAP } from './replay.ts';
import { DEFAULT_FRAME_MIN_INTERVAL_MS } from './positions.ts';

/** Compare two console states by what a dispatcher sees: entity ids and their versions. */
function visible(state: LiveState) {
  const pick = (m: Map<number, { version?: number; status?: string }>) => [...m.entries()].map(([id, v]) => [id, v.version, v.status]).sort();
  return { calls: pick(state.calls), units: pick(state.units), transports: pick(state.transports), hospitals: pick(state.hospitals) };
}

describe('socket protocol: snapshot, deltas in order, resync by sequence, coalesced positions', () => {
  let server: TestServer;
  let dispatcher: Agent;
  let gateway: Agent;
  beforeAll(async () => {
    server = await startTestServer();
    dispatcher = await login(server, 'dispatcher');
    gateway = await login(server, 'avl-gateway');
  });
  afterAll(() => server.close());

  it('a console gets a snapshot stamped with the log sequence, then every change in order', async () => {
    const c = connectConsole(server, dispatcher);
    await c.ready;
    const snap = c.snapshots[0];
    expect(snap?.units).toHaveLength(64);
    expect(snap?.hospitals.length).toBeGreaterThanOrEqual(27);
    const created = await dispatcher.post('/api/calls', callBody());
    expect(created.status).toBe(201);
    await c.waitFor(() => c.events.find((e) => e.name === 'call.statusChanged' && e.id === created.body.id));
    const seqs = c.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs[0]).toBeGreaterThan(snap?.seq ?? Infinity);
    expect(c.events[0]?.name).toBe('call.created');
    c.close();
  });

  it('a console that reconnects with its last seq gets exactly what it missed and ends in the same state', async () => {
    const a = connectConsole(server, dispatcher);
    await a.ready;
    let state = applySnapshot(a.snapshots[0]!);
    a.close();
    // Changes happen while it is away.
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await dispatcher.post('/api/calls', callBody({ callerPhone: `1390000000${i}` }))).body.id);
    const suggestions = await dispatcher.get(`/api/calls/${ids[0]}/suggestions`);
    await dispatcher.post(`/api/calls/${ids[0]}/assign`, { unitId: suggestions.body.units[0].unitId });

    const back = connectConsole(server, dispatcher, { lastSeq: state.seq });
    await back.ready;
    const replay = back.replays[0];
    expect(replay).toBeDefined();
    expect(back.snapshots).toHaveLength(0);
    // 3 calls x (created + statusChanged) + assignment (transport, unit, call) = 9 events after its seq,
    // plus a short overlap below it that the reducer recognises as already seen.
    expect(replay?.events.filter((e) => e.seq > state.seq)).toHaveLength(9);
    expect(replay?.fromSeq).toBe(Math.max(0, state.seq - REPLAY_OVERLAP));
    state = applyReplay(state, { kind: 'replay', ...replay! });

    const fresh = connectConsole(server, dispatcher);
    await fresh.ready;
    expect(visible(state)).toEqual(visible(applySnapshot(fresh.snapshots[0]!)));
    back.close();
    fresh.close();
  });

  it('a console too far behind gets a fresh snapshot instead of a replay', async () => {
    await server.database.db.execute(
      sql`insert into events (at, actor, actor_role, name, entity, entity_id, after) select now(), 'test', 'system', 'hospital.updated', 'hospital', 1, null from generate_series(1, ${MAX_REPLAY + 5})`,
    );
    const c = connectConsole(server, dispatcher, { lastSeq: 1 });
    await c.ready;
    expect(c.snapshots).toHaveLength(1);
    expect(c.replays).toHaveLength(0);
    c.close();
  });

  it('the resync request answers with a replay through its ack', async () => {
    const c = connectConsole(server, dispatcher);
    await c.ready;
    const seq = c.snapshots[0]!.seq;
    await dispatcher.post('/api/calls', callBody({ callerPhone: '13911112222' }));
    const result: AckResult<ReplayResult> = await c.socket.timeout(3000).emitWithAck('resync', { lastSeq: seq });
    expect(result.ok).toBe(true);
    if (result.ok && result.value.kind === 'replay') expect(result.value.events.filter((e) => e.seq > seq).map((e) => e.name)).toEqual(['call.created', 'call.statusChanged']);
    else throw new Error('expected a replay');
    c.close();
  });

  it('coalesces AVL fixes: many fixes per unit become one latest position per frame, at most one frame per interval', async () => {
    const c = connectConsole(server, dispatcher);
    await c.ready;
    const start = Date.now();
    for (let i = 1; i <= 20; i++) {
      const res = await gateway.post('/api/units/positions', { fixes: [{ unitId: 5, lon: 121.2 + i / 1000, lat: 30.18, heading: 90, speedKmh: 40, at: start + i * 10 }] });
      expect(res.status).toBe(200);
    }
    await waitFor(() => c.frames.some((f) => f.fixes.some((x) => x[0] === 5 && x[1] === 121.22)), 3000, 'the last fix');
    await new Promise((r) => setTimeout(r, 400));
    const framesWithUnit = c.frames.filter((f) => f.fixes.some((x) => x[0] === 5));
    // 20 fixes posted within a few hundred ms arrive as a handful of frames, each holding one fix for the unit.
    expect(framesWithUnit.length).toBeLessThan(20);
    for (const f of framesWithUnit) expect(f.fixes.filter((x) => x[0] === 5)).toHaveLength(1);
    const elapsed = (Date.now() - start) / 1000;
    expect(c.frames.length / elapsed).toBeLessThanOrEqual(1000 / DEFAULT_FRAME_MIN_INTERVAL_MS);
    c.close();
  });

  it('refuses a console without a session at the handshake', async () => {
    const c = connectConsole(server, { token: 'nope' } as Agent);
    await expect(c.ready).rejects.toThrow(/unauthenticated/);
    c.close();
  });
});

describe('the embedded database (PGlite) serves the same protocol', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ pglite: true });
  });
  afterAll(() => server.close());

  it('takes a call over REST and pushes it live to a console', async () => {
    const dispatcher = await login(server, 'dispatcher');
    const c = connectConsole(server, dispatcher);
    await c.ready;
    const state = applySnapshot(c.snapshots[0]!);
    const created = await dispatcher.post('/api/calls', callBody({ clinicalClass: 'critical' }));
    expect(created.status).toBe(201);
    await c.waitFor(() => c.events.length >= 2);
    for (const e of c.events) applyEvent(state, e);
    expect(state.calls.get(created.body.id)?.status).toBe('awaiting_unit');
    const suggestions = await dispatcher.get(`/api/calls/${created.body.id}/suggestions`);
    expect(suggestions.body.units[0].kind).toBe('critical_care');
    c.close();
  });
});
