/**
 * Consoles for the reconnect-storm bench, in their own process (socket.io-client).
 * - `steady`: K consoles that stay connected and time the gap between the frames they receive.
 * - `storm`: N consoles opened all at once; each is live when its snapshot has come and a frame after it.
 * The storm consoles do not unpack their snapshots (one process unpacking a thousand would measure this
 * process, not the server; a browser unpacks its own): the bench times one decode on its own instead.
 */
import { decodeSnapshot, PROTOCOL_VERSION, type SnapshotWire } from '@dispatch/shared';
import { io, type Socket } from 'socket.io-client';

const steady: { socket: Socket; last: number; maxGap: number; frames: number }[] = [];
let storm: Socket[] = [];

function open(url: string, token: string): Socket {
  return io(url, { transports: ['websocket'], auth: { token, lastSeq: null, protocol: PROTOCOL_VERSION }, reconnection: false, forceNew: true, timeout: 120_000 });
}

async function startSteady(url: string, token: string, count: number) {
  for (let i = 0; i < count; i++) {
    const socket = open(url, token);
    const c = { socket, last: 0, maxGap: 0, frames: 0 };
    await new Promise<void>((resolve, reject) => {
      socket.once('snapshot', () => resolve());
      socket.once('connect_error', reject);
    });
    socket.on('positions', () => {
      const now = Date.now();
      if (c.last) c.maxGap = Math.max(c.maxGap, now - c.last);
      c.last = now;
      c.frames++;
    });
    steady.push(c);
  }
  return { connected: steady.length };
}

function steadyGaps(reset: boolean) {
  const out = { consoles: steady.length, connected: steady.filter((c) => c.socket.connected).length, maxGapMs: Math.max(0, ...steady.map((c) => c.maxGap)), frames: steady.reduce((n, c) => n + c.frames, 0) };
  if (reset) {
    for (const c of steady) {
      c.maxGap = 0;
      c.frames = 0;
    }
  }
  return out;
}

/** Open `count` consoles at once; resolves with each one's time to live (ms from the start), or null. */
function runStorm(url: string, token: string, count: number, giveUpMs: number) {
  return new Promise<{ live: (number | null)[]; snapshotBytes: number[]; failed: number; decodeMs: number | null; jsonBytes: number | null; units: number | null }>((resolve) => {
    const t0 = Date.now();
    const live: (number | null)[] = new Array<number | null>(count).fill(null);
    const snapshotBytes: number[] = [];
    let done = 0;
    let failed = 0;
    let sample: SnapshotWire | null = null;
    const finish = () => {
      clearTimeout(timer);
      // One decode, timed after the storm (what each browser pays once, in parallel with the others).
      let decodeMs: number | null = null;
      let jsonBytes: number | null = null;
      let units: number | null = null;
      const wire = sample as SnapshotWire | null;
      if (wire) {
        decodeSnapshot(wire);
        const t = performance.now();
        const snap = decodeSnapshot(wire);
        decodeMs = performance.now() - t;
        units = snap.units.length;
        const { user: _u, serverTime: _t, ...body } = snap;
        jsonBytes = Buffer.byteLength(JSON.stringify(body));
      }
      resolve({ live, snapshotBytes, failed, decodeMs, jsonBytes, units });
    };
    const timer = setTimeout(finish, giveUpMs);
    storm = Array.from({ length: count }, (_, i) => {
      const socket = open(url, token);
      let snapshotAt = 0;
      socket.once('snapshot', (wire: SnapshotWire) => {
        snapshotAt = Date.now();
        const body = wire.body as Uint8Array;
        snapshotBytes.push(body.byteLength);
        sample ??= wire;
      });
      socket.on('positions', () => {
        if (!snapshotAt || live[i] !== null) return;
        live[i] = Date.now() - t0;
        if (++done + failed === count) finish();
      });
      socket.once('connect_error', () => {
        if (++failed + done === count) finish();
      });
      return socket;
    });
  });
}

process.on('message', (msg: { id: number; type: string; url?: string; token?: string; count?: number; giveUpMs?: number; reset?: boolean }) => {
  const answer = (value: unknown) => process.send!({ id: msg.id, value });
  const fail = (e: unknown) => process.send!({ id: msg.id, error: String(e) });
  if (msg.type === 'steady') startSteady(msg.url!, msg.token!, msg.count!).then(answer, fail);
  else if (msg.type === 'gaps') answer(steadyGaps(msg.reset === true));
  else if (msg.type === 'storm') runStorm(msg.url!, msg.token!, msg.count!, msg.giveUpMs!).then(answer, fail);
  else if (msg.type === 'endStorm') {
    for (const s of storm) s.close();
    storm = [];
    answer(null);
  } else if (msg.type === 'stop') {
    for (const c of steady) c.socket.close();
    for (const s of storm) s.close();
    setTimeout(() => process.exit(0), 200);
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready' });
