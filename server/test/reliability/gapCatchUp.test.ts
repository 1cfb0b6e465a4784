/**
 * A connected console that loses a push notices it and catches up over the same socket: no reconnect, no
 * new snapshot, the missed entity arrives through a 'resync' replay. The console runs the client's own
 * GapWatch (shared) and reducer; the push is dropped on purpose in its receive path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, applyReplay, applySnapshot, decodeReplay, decodeSnapshot, GapWatch, type LiveEvent, type LiveState, type ReplayResult } from '@dispatch/shared';
import { callBody, connectConsole, login, startTestServer, waitFor, type Agent, type RecordingConsole, type TestServer } from '../harness.ts';

/** A console as the React client runs it (reducer + GapWatch), with a hole in its receive path. */
class LossyConsole {
  state: LiveState | null = null;
  readonly dropped: LiveEvent[] = [];
  readonly watch: GapWatch;
  readonly connection: RecordingConsole;
  disconnects = 0;
  connects = 0;
  catchUps: ReplayResult[] = [];

  constructor(server: TestServer, agent: Agent, drop: (e: LiveEvent) => boolean) {
    const c = connectConsole(server, agent);
    this.connection = c;
    this.watch = new GapWatch({
      graceMs: 300,
      minIntervalMs: 500,
      resync: async (lastSeq) => {
        const answer = await c.socket.timeout(3000).emitWithAck('resync', { lastSeq });
        return answer.ok ? decodeReplay(answer.value) : null;
      },
      apply: (r) => {
        this.catchUps.push(r);
        if (this.state) this.state = applyReplay(this.state, r);
      },
    });
    c.socket.on('connect', () => this.connects++);
    c.socket.on('disconnect', () => this.disconnects++);
    c.socket.on('snapshot', (wire) => {
      const s = decodeSnapshot(wire);
      this.state = applySnapshot(s);
      this.watch.caughtUp({ kind: 'snapshot', snapshot: s });
    });
    c.socket.on('events', (list) => {
      for (const e of list) {
        if (drop(e)) {
          this.dropped.push(e);
          continue;
        }
        if (this.state) applyEvent(this.state, e);
        this.watch.heard(e.seq);
      }
    });
    c.socket.on('heartbeat', (beat) => this.watch.head(beat.seq));
  }

  close() {
    this.watch.pause();
    this.connection.close();
  }
}

/** Drop every push about the first call created while the console listens. */
function dropFirstCall() {
  let callId: number | null = null;
  return (e: LiveEvent) => {
    if (e.entity !== 'call') return false;
    if (callId === null && e.name === 'call.created') callId = e.id;
    return e.id === callId;
  };
}

describe('a missed push is caught up without reconnecting: seq jump', () => {
  let server: TestServer;
  let dispatcher: Agent;
  beforeAll(async () => {
    // No heartbeat: the jump in seq alone must reveal the loss.
    server = await startTestServer({ env: { LIVE_HEARTBEAT_MS: '0' } });
    dispatcher = await login(server, 'dispatcher');
  });
  afterAll(() => server.close());

  it('the next push reveals the gap; one resync brings the missed call, on the same socket', async () => {
    const desk = new LossyConsole(server, dispatcher, dropFirstCall());
    await desk.connection.ready;
    const socketId = desk.connection.socket.id;
    const lost = await dispatcher.post('/api/calls', callBody({ callerPhone: '13900000001' }));
    expect(lost.status).toBe(201);
    await waitFor(() => desk.dropped.length >= 2, 5000, 'both pushes of the first call to be dropped');
    expect(desk.state?.calls.has(lost.body.id)).toBe(false);

    const next = await dispatcher.post('/api/calls', callBody({ callerPhone: '13900000002' }));
    await waitFor(() => desk.state?.calls.get(lost.body.id), 5000, 'the missed call to arrive through the replay');
    expect(desk.state?.calls.get(next.body.id)).toBeDefined();
    expect(desk.state?.calls.get(lost.body.id)?.status).toBe(lost.body.status);
    expect(desk.state?.calls.get(lost.body.id)?.callerPhone).toBe('13900000001');
    // Caught up over the open socket: same connection, one snapshot, no replay at (re)connect, one request.
    expect(desk.connection.socket.id).toBe(socketId);
    expect(desk.connects).toBe(1);
    expect(desk.disconnects).toBe(0);
    expect(desk.connection.snapshots).toHaveLength(1);
    expect(desk.connection.replays).toHaveLength(0);
    expect(desk.watch.asked).toBe(1);
    expect(desk.catchUps[0]?.kind).toBe('replay');
    expect(desk.watch.behind).toBe(false);
    desk.close();
  });
});

describe('a missed push is caught up without reconnecting: heartbeat', () => {
  let server: TestServer;
  let dispatcher: Agent;
  let nurse: Agent;
  beforeAll(async () => {
    server = await startTestServer({ env: { LIVE_HEARTBEAT_MS: '250' } });
    dispatcher = await login(server, 'dispatcher');
    nurse = await login(server, 'nurse');
  });
  afterAll(() => server.close());

  it('an idle console that lost the last push hears the newest seq in the heartbeat and asks for it', async () => {
    const desk = new LossyConsole(server, dispatcher, dropFirstCall());
    await desk.connection.ready;
    const socketId = desk.connection.socket.id;
    const lost = await dispatcher.post('/api/calls', callBody({ callerPhone: '13900000003' }));
    // Nothing follows: only the heartbeat can tell the console it is behind.
    await waitFor(() => desk.state?.calls.get(lost.body.id), 5000, 'the missed call to arrive through the replay');
    expect(desk.dropped.map((e) => e.name)).toEqual(['call.created', 'call.statusChanged']);
    expect(desk.connection.socket.id).toBe(socketId);
    expect(desk.disconnects).toBe(0);
    expect(desk.connection.snapshots).toHaveLength(1);
    expect(desk.watch.asked).toBe(1);
    desk.close();
  });

  it('a nurse, who hears only some seqs, pays a bounded number of empty catch-ups and receives nothing she may not see', async () => {
    const ed = new LossyConsole(server, nurse, () => false);
    await ed.connection.ready;
    const before = ed.state?.calls.size;
    const started = Date.now();
    // Calls elsewhere in the city move the log's seq; the nurse hears none of them.
    for (let i = 0; i < 5; i++) await dispatcher.post('/api/calls', callBody({ callerPhone: `1390000001${i}` }));
    await new Promise((r) => setTimeout(r, 2000));
    const elapsed = Date.now() - started;
    expect(ed.watch.asked).toBeGreaterThanOrEqual(1);
    // graceMs 300, minIntervalMs 500 in this console: at most one request per interval.
    expect(ed.watch.asked).toBeLessThanOrEqual(Math.ceil(elapsed / 500) + 1);
    expect(ed.state?.calls.size).toBe(before);
    expect(ed.catchUps.flatMap((r) => (r.kind === 'replay' ? r.events : [])).filter((e) => e.entity === 'call')).toEqual([]);
    // Once caught up with an idle log, the heartbeats stop costing requests.
    const settled = ed.watch.asked;
    await new Promise((r) => setTimeout(r, 1500));
    expect(ed.watch.asked).toBe(settled);
    expect(ed.watch.behind).toBe(false);
    ed.close();
  });
});
