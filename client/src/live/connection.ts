/**
 * The console's Socket.IO connection: snapshot, then events; a missed push (a seq gap, or a heartbeat ahead of
 * us) is caught up over the open socket by GapWatch; after a drop, resume from the last complete seq.
 */
import { io, type Socket } from 'socket.io-client';
import { decodePositions, decodeReplay, decodeSnapshot, GapWatch, PROTOCOL_VERSION, type ClientToServerEvents, type HandshakeAuth, type LiveEvent, type PositionWire, type ReplayResult, type ServerToClientEvents } from '@dispatch/shared';
import { liveStore } from './store.ts';
import { reloadForNewVersion } from './reload.ts';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: LiveSocket | null = null;

/** Ask for what this console missed after `lastSeq`, over the open socket; null when it did not work. */
export function requestResync(s: LiveSocket, lastSeq: number, timeoutMs = 5000): Promise<ReplayResult | null> {
  return new Promise((resolve) => {
    s.timeout(timeoutMs).emit('resync', { lastSeq }, (err, answer) => resolve(!err && answer.ok ? decodeReplay(answer.value) : null));
  });
}

export function connectLive(): void {
  if (socket) return;
  liveStore.setConnection({ status: 'connecting' });
  const watch = new GapWatch({
    resync: (lastSeq) => (socket ? requestResync(socket, lastSeq) : Promise.resolve(null)),
    apply: (r) => liveStore.replay(r),
  });
  // Resume from the seq up to which we hold everything (so an open gap is replayed too), else the highest applied.
  const resumeFrom = () => (liveStore.state.seq > 0 ? watch.completeSeq || liveStore.state.seq : null);
  const s: LiveSocket = io({
    transports: ['websocket'],
    // A function, so every reconnect sends the seq we have reached by then.
    auth: (cb) => cb({ protocol: PROTOCOL_VERSION, lastSeq: resumeFrom() } satisfies HandshakeAuth),
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  socket = s;
  s.on('connect', () => liveStore.setConnection({ status: 'live' }));
  s.on('disconnect', () => {
    watch.pause();
    if (!outdated()) liveStore.setConnection({ status: 'reconnecting' });
  });
  s.on('connect_error', (error) => {
    liveStore.setConnection({ status: 'reconnecting' });
    if ((error as { data?: { code?: string } }).data?.code === 'UNAUTHENTICATED' || error.message === 'unauthenticated') {
      window.dispatchEvent(new CustomEvent('dispatch:unauthenticated'));
    }
  });
  // Pushes heard on a new connection before its snapshot or replay: the snapshot may have been read before
  // they were committed (in a reconnect storm it waits for a build shared with other consoles), so they are
  // applied after it instead of being wiped by it (and then fetched again by the gap watch).
  let early: { events: LiveEvent[]; frames: PositionWire[] } | null = null;
  const caughtUp = (result: ReplayResult) => {
    liveStore.replay(result);
    watch.caughtUp(result);
    release();
  };
  const release = () => {
    const held = early;
    early = null;
    for (const e of held?.events ?? []) {
      liveStore.event(e);
      watch.heard(e.seq);
    }
    for (const f of held?.frames ?? []) liveStore.positions(decodePositions(f));
  };
  s.on('connect', () => (early = { events: [], frames: [] }));
  s.on('snapshot', (wire) => caughtUp({ kind: 'snapshot', snapshot: decodeSnapshot(wire) }));
  s.on('replay', (r) => caughtUp(r));
  s.on('events', (list) => {
    for (const e of list) {
      if (early) early.events.push(e);
      else {
        liveStore.event(e);
        watch.heard(e.seq);
      }
    }
  });
  s.on('heartbeat', (beat) => watch.head(beat.seq));
  s.on('positions', (wire) => (early ? void early.frames.push(wire) : liveStore.positions(decodePositions(wire))));
  s.on('server:status', (st) => {
    liveStore.setConnection({ degraded: st.degraded });
    // No snapshot is coming on this connection: what was held is applied as it came.
    if (st.reason === 'sync failed') release();
  });
  s.on('server:shutdown', () => liveStore.setConnection({ status: 'reconnecting' }));
  // The server speaks another protocol: this page is an old build. The server disconnects us next.
  s.on('reload', () => liveStore.setConnection({ status: reloadForNewVersion() ? 'reloading' : 'outdated' }));
  s.on('session:ended', () => {
    disconnectLive();
    window.dispatchEvent(new CustomEvent('dispatch:unauthenticated'));
  });
}

const outdated = () => liveStore.connection.status === 'reloading' || liveStore.connection.status === 'outdated';

export function disconnectLive(): void {
  // Closing fires 'disconnect', which pauses the gap watch.
  socket?.close();
  socket = null;
  liveStore.reset();
  liveStore.setConnection({ status: 'offline' });
}

/** Measure the round trip (connection indicator, tests). */
export function pingServer(): Promise<number> {
  return new Promise((resolve, reject) => {
    if (!socket) return reject(new Error('not connected'));
    const sent = Date.now();
    socket.timeout(3000).emit('ping', sent, (err, _serverAt) => (err ? reject(err) : resolve(Date.now() - sent)));
  });
}
