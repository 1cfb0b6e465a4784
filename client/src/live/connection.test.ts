/** The browser connection with a fake socket: the handshake it sends, a gap caught up on the open socket, reload. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GAP_GRACE_MS, PROTOCOL_VERSION, type HandshakeAuth, type LiveEvent, type ReplayResult } from '@dispatch/shared';
import { buildCall, buildSnapshot, snapshotWire } from '@dispatch/shared/domain/testFactories';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io-client Socket: handlers by event, and what the console emitted. */
class FakeSocket {
  handlers = new Map<string, Handler[]>();
  emitted: { event: string; payload: unknown; ack: (err: Error | null, answer: unknown) => void }[] = [];
  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  timeout() {
    return { emit: (event: string, payload: unknown, ack: (err: Error | null, answer: unknown) => void) => this.emitted.push({ event, payload, ack }) };
  }
  close() {
    this.serverSends('disconnect', 'io client disconnect');
  }
  serverSends(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
}

const sockets: { socket: FakeSocket; opts: { auth: (cb: (auth: HandshakeAuth) => void) => void } }[] = [];
vi.mock('socket.io-client', () => ({
  io: (opts: (typeof sockets)[number]['opts']) => {
    const socket = new FakeSocket();
    sockets.push({ socket, opts });
    return socket;
  },
}));

const { connectLive, disconnectLive } = await import('./connection.ts');
const { liveStore } = await import('./store.ts');

const created = (seq: number, id: number): LiveEvent => ({ seq, name: 'call.created', at: '', actor: 'x', entity: 'call', id, data: buildCall({ id }) });
const handshake = (i: number) => {
  let sent: HandshakeAuth | null = null;
  sockets[i]?.opts.auth((auth) => (sent = auth));
  return sent;
};

describe('live connection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    sessionStorage.clear();
  });
  afterEach(() => {
    disconnectLive();
    vi.useRealTimers();
    sockets.length = 0;
  });

  it('sends its protocol version, and after a lost push asks resync on the same socket, applying the missed call', async () => {
    connectLive();
    expect(handshake(0)).toEqual({ protocol: PROTOCOL_VERSION, lastSeq: null });
    const s = sockets[0]!.socket;
    s.serverSends('connect');
    s.serverSends('snapshot', snapshotWire(buildSnapshot(10, { serverTime: new Date().toISOString() })));
    s.serverSends('events', [created(11, 1)]);
    // 12 is lost on the way; 13 reveals it.
    s.serverSends('events', [created(13, 3)]);
    await vi.advanceTimersByTimeAsync(GAP_GRACE_MS);
    expect(s.emitted.map((e) => [e.event, e.payload])).toEqual([['resync', { lastSeq: 11 }]]);
    const answer: { ok: true; value: ReplayResult } = { ok: true, value: { kind: 'replay', fromSeq: 0, toSeq: 13, events: [created(11, 1), created(12, 2), created(13, 3)] } };
    s.emitted[0]?.ack(null, answer);
    await vi.advanceTimersByTimeAsync(0);
    expect([...liveStore.state.calls.keys()].sort()).toEqual([1, 2, 3]);
    expect(liveStore.connection.status).toBe('live');
    // No reconnect: one socket, and a later reconnect would resume from the complete seq.
    expect(sockets).toHaveLength(1);
    expect(handshake(0)).toEqual({ protocol: PROTOCOL_VERSION, lastSeq: 13 });
  });

  it('a heartbeat ahead of what it holds makes an idle console ask', async () => {
    connectLive();
    const s = sockets[0]!.socket;
    s.serverSends('snapshot', snapshotWire(buildSnapshot(20, { serverTime: new Date().toISOString() })));
    s.serverSends('heartbeat', { seq: 20 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.emitted).toEqual([]);
    s.serverSends('heartbeat', { seq: 21 });
    await vi.advanceTimersByTimeAsync(GAP_GRACE_MS);
    expect(s.emitted.map((e) => e.payload)).toEqual([{ lastSeq: 20 }]);
  });

  it("on 'reload' it shows the new-version state and keeps it through the server's disconnect", () => {
    connectLive();
    const s = sockets[0]!.socket;
    s.serverSends('reload', { protocol: PROTOCOL_VERSION + 1, reason: 'test' });
    expect(liveStore.connection.status).toBe('reloading');
    s.serverSends('disconnect', 'io server disconnect');
    expect(liveStore.connection.status).toBe('reloading');
    // Reloaded and still told to reload within the minute: no loop, the banner asks instead.
    disconnectLive();
    connectLive();
    sockets[1]?.socket.serverSends('reload', { protocol: PROTOCOL_VERSION + 1, reason: 'test' });
    expect(liveStore.connection.status).toBe('outdated');
  });
});
