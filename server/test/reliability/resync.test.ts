/**
 * No missed update: a console that loses its connection under load and comes back with its lastSeq
 * ends with exactly the state of one that never dropped, and of a console that starts fresh.
 *
 * The issue says "for a minute"; the drop here lasts 10 s to keep the suite short. Length does not
 * change the mechanism (a replay of everything after lastSeq, or a snapshot past MAX_REPLAY), only
 * how many events are missed, and 10 s of this load already misses a few hundred.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, applyReplay, applySnapshot, createLiveState, decodeSnapshot, type LiveState } from '@dispatch/shared';
import { callBody, connectConsole, login, startTestServer, waitFor, type Agent, type RecordingConsole, type TestServer } from '../harness.ts';

const DROP_MS = 10_000;

/** A console that keeps its state with the client's own reducer, across reconnects. */
class TrackedConsole {
  state: LiveState = createLiveState();
  connection: RecordingConsole | null = null;
  replays = 0;
  snapshots = 0;

  constructor(
    private readonly server: TestServer,
    private readonly agent: Agent,
  ) {}

  async connect(): Promise<void> {
    const resume = this.snapshots > 0 ? this.state.seq : null;
    const c = connectConsole(this.server, this.agent, { lastSeq: resume });
    c.socket.on('snapshot', (s) => {
      this.snapshots++;
      this.state = applySnapshot(decodeSnapshot(s));
    });
    c.socket.on('replay', (r) => {
      this.replays++;
      this.state = applyReplay(this.state, r);
    });
    c.socket.on('events', (list) => list.forEach((e) => void applyEvent(this.state, e)));
    this.connection = c;
    await c.ready;
  }

  drop(): void {
    this.connection?.close();
    this.connection = null;
  }

  entities() {
    const { calls, units, transports, hospitals, alerts, stations, thresholds } = this.state;
    return { calls, units, transports, hospitals, alerts, stations, thresholds };
  }
}

describe('reconnect with lastSeq under load', () => {
  let server: TestServer;
  let dispatcher: Agent;
  const consoles: TrackedConsole[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    dispatcher = await login(server, 'dispatcher');
  });
  afterAll(async () => {
    for (const c of consoles) c.drop();
    await server.close();
  });

  it('ends with the same state as a console that never dropped', async () => {
    const steady = new TrackedConsole(server, dispatcher);
    const dropping = new TrackedConsole(server, await login(server, 'sim-dispatcher'));
    consoles.push(steady, dropping);
    await steady.connect();
    await dropping.connect();

    const free = ((await dispatcher.get('/api/units')).body as { id: number; status: string }[]).filter((u) => u.status === 'available').map((u) => u.id);
    let changes = 0;
    const stopAt = Date.now() + DROP_MS + 3000;
    // Paced (10 intakes a second per seat) so what the dropped console misses stays under MAX_REPLAY
    // on a fast machine too: this test is about the replay; past that limit a snapshot is sent instead.
    const seat = async (i: number) => {
      const start = Date.now();
      for (let n = 0; Date.now() < stopAt; n++) {
        await new Promise((r) => setTimeout(r, Math.max(0, start + n * 100 - Date.now())));
        const call = await dispatcher.post('/api/calls', callBody({ notes: `seat ${i} #${n}` }));
        const unitId = n % 2 === 0 ? free.pop() : undefined;
        if (unitId !== undefined) {
          await dispatcher.post(`/api/calls/${call.body.id}/assign`, { unitId });
          await dispatcher.post(`/api/units/${unitId}/status`, { status: 'en_route' });
        } else {
          await dispatcher.post(`/api/calls/${call.body.id}/status`, { status: 'cancelled', outcome: 'cancelled' });
        }
        changes++;
      }
    };
    const load = Promise.all([0, 1, 2].map(seat));
    await new Promise((r) => setTimeout(r, 1000));
    dropping.drop();
    const seqAtDrop = dropping.state.seq;
    await new Promise((r) => setTimeout(r, DROP_MS));
    await dropping.connect();
    await load;
    expect(changes).toBeGreaterThan(50);
    expect(dropping.replays).toBe(1);

    const rows = (await server.database.db.execute(sql`select max(seq)::int as seq from events`)) as unknown as { seq: number }[];
    const last = Number(rows[0]?.seq);
    expect(last - seqAtDrop).toBeGreaterThan(100);
    process.stdout.write(`resync: ${changes} intakes, ${last - seqAtDrop} events logged while the console was away ${DROP_MS} ms\n`);
    await waitFor(() => steady.state.seq === last && dropping.state.seq === last, 5000, 'both consoles at the last seq');
    expect(dropping.entities()).toEqual(steady.entities());

    // And both equal what a console starting now would get.
    const fresh = new TrackedConsole(server, dispatcher);
    consoles.push(fresh);
    await fresh.connect();
    expect(fresh.state.seq).toBe(last);
    expect(steady.entities()).toEqual(fresh.entities());
  }, 40_000);
});
