/** The console's Socket.IO connection: snapshot, then events; after a drop, resume from the last seq. */
import { io, type Socket } from 'socket.io-client';
import { decodePositions, type ClientToServerEvents, type ServerToClientEvents } from '@dispatch/shared';
import { liveStore } from './store.ts';

let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

export function connectLive(): void {
  if (socket) return;
  liveStore.setConnection({ status: 'connecting' });
  const s: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    transports: ['websocket'],
    // A function, so every reconnect sends the seq we have reached by then.
    auth: (cb) => cb({ lastSeq: liveStore.state.seq > 0 ? liveStore.state.seq : null }),
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  socket = s;
  s.on('connect', () => liveStore.setConnection({ status: 'live' }));
  s.on('disconnect', () => liveStore.setConnection({ status: 'reconnecting' }));
  s.on('connect_error', (error) => {
    liveStore.setConnection({ status: 'reconnecting' });
    if ((error as { data?: { code?: string } }).data?.code === 'UNAUTHENTICATED' || error.message === 'unauthenticated') {
      window.dispatchEvent(new CustomEvent('dispatch:unauthenticated'));
    }
  });
  s.on('snapshot', (snap) => liveStore.snapshot(snap));
  s.on('replay', (r) => liveStore.replay(r));
  s.on('event', (e) => liveStore.event(e));
  s.on('positions', (wire) => liveStore.positions(decodePositions(wire)));
  s.on('server:status', (st) => liveStore.setConnection({ degraded: st.degraded }));
  s.on('server:shutdown', () => liveStore.setConnection({ status: 'reconnecting' }));
  s.on('session:ended', () => {
    disconnectLive();
    window.dispatchEvent(new CustomEvent('dispatch:unauthenticated'));
  });
}

export function disconnectLive(): void {
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
