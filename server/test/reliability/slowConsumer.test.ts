/**
 * Slow consumer: a console whose link stops taking data (its TCP socket paused) while the centre is
 * busy. Its backlog on the server stays bounded and it is cut loose (it would resync by lastSeq),
 * while a normal console keeps getting every event with a short round trip.
 */
import type { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlogOf } from '../../src/realtime/hub.ts';
import { MAX_REPLAY, REPLAY_OVERLAP } from '../../src/realtime/replay.ts';
import { callBody, connectConsole, login, startTestServer, waitFor, type Agent, type RecordingConsole, type TestServer } from '../harness.ts';

const MAX_BYTES = 256 * 1024;
const MAX_PACKETS = 300;
// Long notes (6 kB of UTF-8 per event) fill the kernel's socket buffers sooner.
const BIG_NOTE = '慈'.repeat(2000);

describe('a console that stops reading', () => {
  let server: TestServer;
  let dispatcher: Agent;
  const consoles: RecordingConsole[] = [];
  beforeAll(async () => {
    server = await startTestServer({ env: { SLOW_CONSUMER_MAX_BYTES: String(MAX_BYTES), SLOW_CONSUMER_MAX_PACKETS: String(MAX_PACKETS) } });
    dispatcher = await login(server, 'dispatcher');
  });
  afterAll(async () => {
    for (const c of consoles) c.close();
    await server.close();
  });

  it('drops the stalled console with its backlog; the normal one keeps every event and a short round trip', async () => {
    const normal = connectConsole(server, dispatcher);
    const slow = connectConsole(server, await login(server, 'sim-dispatcher'));
    consoles.push(normal, slow);
    await Promise.all([normal.ready, slow.ready]);
    const slowId = slow.socket.id;
    const serverSide = () => server.ctx.hub().io.of('/').sockets.get(slowId ?? '');
    expect(serverSide()).toBeDefined();
    // The slow link: the client's TCP socket stops reading, so the kernel buffers fill and the server queues.
    const tcp = (slow.socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;
    tcp.pause();

    let maxBacklog = 0;
    let maxPackets = 0;
    let droppedAfterMs: number | null = null;
    const started = Date.now();
    const sampler = setInterval(() => {
      const s = serverSide();
      if (!s) {
        droppedAfterMs ??= Date.now() - started;
        return;
      }
      const backlog = backlogOf(s);
      maxBacklog = Math.max(maxBacklog, backlog.bytes);
      maxPackets = Math.max(maxPackets, backlog.packets);
    }, 20);
    const rtts: number[] = [];
    const pinger = setInterval(() => {
      const sent = Date.now();
      normal.socket.timeout(5000).emitWithAck('ping', sent).then(
        () => rtts.push(Date.now() - sent),
        () => rtts.push(5000),
      );
    }, 100);

    const created: number[] = [];
    const stopAt = Date.now() + 30_000; // a few seconds on an idle machine; the kernel buffers take longer to fill on a busy one
    const seat = async () => {
      while (Date.now() < stopAt && droppedAfterMs === null) {
        const res = await dispatcher.post('/api/calls', callBody({ notes: BIG_NOTE }));
        if (res.status === 201) created.push(res.body.id);
      }
    };
    await Promise.all(Array.from({ length: 6 }, seat));
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(sampler);
    clearInterval(pinger);

    rtts.sort((a, b) => a - b);
    const p95 = rtts[Math.floor(rtts.length * 0.95)] ?? 0;
    process.stdout.write(`slow consumer: dropped after ${droppedAfterMs} ms, peak backlog ${maxPackets} packets / ${maxBacklog} bytes, ${created.length} calls, normal console RTT p95 ${p95} ms max ${rtts.at(-1)} ms\n`);
    expect(droppedAfterMs, 'slow console cut loose').not.toBeNull();
    // Bounded: at most what one check interval (250 ms) of this load adds past the limits.
    expect(maxPackets).toBeLessThan(MAX_PACKETS * 2);
    expect(maxBacklog).toBeLessThan(MAX_BYTES * 2);
    // Nobody else paid for it: every event arrived, and round trips stayed short.
    await waitFor(() => created.every((id) => normal.events.some((e) => e.name === 'call.created' && e.id === id)), 5000, 'every call on the normal console');
    expect(normal.socket.connected).toBe(true);
    expect(p95).toBeLessThan(250);
    expect(rtts.at(-1)).toBeLessThan(1000);

    // Once its link works again, the dropped console notices and resumes from what it had.
    tcp.resume();
    await waitFor(() => !slow.socket.connected, 10_000, 'the slow console to see its disconnect');
    const lastSeen = Math.max(slow.snapshots[0]?.seq ?? 0, ...slow.events.map((e) => e.seq));
    const back = connectConsole(server, dispatcher, { lastSeq: lastSeen });
    consoles.push(back);
    await back.ready;
    // What it missed comes as a replay from its lastSeq, or as a fresh snapshot past MAX_REPLAY events.
    const missed = normal.events.filter((e) => e.seq > lastSeen).length;
    if (missed <= MAX_REPLAY) expect(back.replays[0]).toMatchObject({ fromSeq: Math.max(0, lastSeen - REPLAY_OVERLAP), toSeq: normal.events.at(-1)?.seq });
    else expect(back.snapshots[0]?.seq).toBe(normal.events.at(-1)?.seq);
  }, 50_000);
});
