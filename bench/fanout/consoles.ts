/**
 * M dispatcher consoles in one process (socket.io-client), separate from the server. Every console
 * times every position frame it receives; a sample of them also counts bytes and times single fixes.
 *
 * With `resume` (the cluster bench) each console behaves as the real one after a drop: it reconnects by
 * itself and sends the last seq it holds, and it keeps what it received (seqs, call ids) so the bench
 * can compare it with the database's event log, and when it lost and regained its server.
 */
import { decodePositions, decodeSnapshot, PROTOCOL_VERSION, type LiveEvent, type PositionWire, type SnapshotWire } from '@dispatch/shared';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { Histogram } from '../lib/stats.ts';

type Frame = { at: number; fixes: [number, number, number, number, number, number][] };
type NaiveFix = { unitId: number; at: number; sentAt: number };

/** Consoles that count bytes and time individual fixes (the rest only time frames). */
const SAMPLED = 10;
/** Of those, units whose fixes are timed end to end (7 is coprime with the gateway's 10 send slots, so every phase is sampled). */
const SAMPLE_UNIT_MOD = 7;

interface Console extends Track {
  socket: Socket;
  sampled: boolean;
}

interface Track {
  /** Highest seq held (events, replay, snapshot): sent as lastSeq on every reconnect. */
  lastSeq: number | null;
  /** Only with `resume`: what the console holds, for the end check. */
  held: Held | null;
  /** Since the last reset: when the connection first dropped, and when the next snapshot or replay came. */
  droppedAt: number | null;
  backAt: number | null;
  backWith: 'snapshot' | 'replay' | null;
  /** Reconnection attempts since the last reset, and why the last failed one failed. */
  attempts: number;
  lastError: string | null;
}

interface Held {
  seqs: Set<number>;
  /** Events up to this seq are in a snapshot the console got. */
  snapshotSeq: number;
  callIds: Set<number>;
}

/** As the real console reconnects (client/src/live/connection.ts). */
const RESUME_OPTIONS = { reconnection: true, reconnectionDelay: 500, reconnectionDelayMax: 5000 } as const;

const consoles: Console[] = [];
let push = new Histogram();
let fixAge = new Histogram();
let sampledBytes = 0;
let frames = 0;
let fixes = 0;
let events = 0;
let disconnects = 0;
let mark = { at: performance.now(), cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() };

function connectOne(url: string, token: string, lastSeq: number | null, sampled: boolean, resume: boolean): Promise<Console | null> {
  return new Promise((resolve) => {
    const track: Track = { lastSeq, held: resume ? { seqs: new Set(), snapshotSeq: -1, callIds: new Set() } : null, droppedAt: null, backAt: null, backWith: null, attempts: 0, lastError: null };
    const socket = io(url, {
      transports: ['websocket'],
      // A function, so every reconnect sends the seq reached by then (as the client does); the protocol
      // version for the server's reload check.
      auth: (cb) => cb({ token, lastSeq: track.lastSeq, protocol: PROTOCOL_VERSION }),
      ...(resume ? RESUME_OPTIONS : { reconnection: false }),
      forceNew: true,
      timeout: 20_000,
    });
    const c: Console = Object.assign(track, { socket, sampled });
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      socket.close();
      resolve(null);
    }, 30_000);
    const ready = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(c);
    };
    socket.once('snapshot', ready);
    socket.once('replay', ready);
    socket.on('connect_error', () => {
      // The first connection must succeed; after it, a resuming console keeps trying by itself.
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolve(null);
    });
    socket.io.on('reconnect_attempt', () => c.attempts++);
    socket.on('connect_error', (e) => {
      c.lastError = e.message;
    });
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') {
        disconnects++;
        c.droppedAt ??= Date.now();
      }
    });
    const back = (kind: 'snapshot' | 'replay') => {
      if (c.droppedAt !== null && c.backAt === null) {
        c.backAt = Date.now();
        c.backWith = kind;
      }
    };
    const hold = (e: LiveEvent) => {
      if (c.lastSeq === null || e.seq > c.lastSeq) c.lastSeq = e.seq;
      if (c.held) {
        c.held.seqs.add(e.seq);
        if (e.name === 'call.created') c.held.callIds.add(e.id);
      }
    };
    socket.on('snapshot', (wire: SnapshotWire) => {
      // Unpacked as the real console does: its cost is part of coming back.
      const snap = decodeSnapshot(wire);
      c.lastSeq = Math.max(c.lastSeq ?? 0, snap.seq);
      if (c.held) {
        c.held.snapshotSeq = Math.max(c.held.snapshotSeq, snap.seq);
        for (const call of snap.calls) c.held.callIds.add(call.id);
      }
      back('snapshot');
    });
    socket.on('replay', (r: { toSeq: number; events: LiveEvent[] }) => {
      for (const e of r.events) hold(e);
      c.lastSeq = Math.max(c.lastSeq ?? 0, r.toSeq);
      back('replay');
    });
    socket.on('events', (list: LiveEvent[]) => {
      for (const e of list) {
        events++;
        hold(e);
      }
    });
    socket.on('positions', (wire: PositionWire) => {
      // Decoding is part of what a console pays on receipt (JSON was parsed before this handler), so it is measured.
      const frame: Frame = decodePositions(wire);
      const now = Date.now();
      push.record(now - frame.at);
      frames++;
      fixes += frame.fixes.length;
      if (c.sampled) {
        for (const f of frame.fixes) if (f[0] % SAMPLE_UNIT_MOD === 0) fixAge.record(now - f[5]);
      }
    });
    // The naive baseline's one-fix-per-emit messages.
    socket.on('position' as 'positions', ((f: NaiveFix) => {
      const now = Date.now();
      push.record(now - f.sentAt);
      fixes++;
      if (c.sampled && f.unitId % SAMPLE_UNIT_MOD === 0) fixAge.record(now - f.at);
    }) as never);
    if (sampled) {
      socket.io.on('open', () => {
        socket.io.engine.on('packet', (p: { data?: unknown }) => {
          const d = p.data;
          // Engine.io message framing (1 byte) and a WebSocket frame header (2-10 bytes) per packet.
          sampledBytes += (typeof d === 'string' ? Buffer.byteLength(d) : d instanceof ArrayBuffer || ArrayBuffer.isView(d) ? d.byteLength : 0) + 4;
        });
      });
    }
  });
}

async function setConsoles(url: string, tokens: string[], count: number, lastSeq: number | null, resume: boolean) {
  let failed = 0;
  while (consoles.length > count) consoles.pop()!.socket.close();
  const WAVE = 25;
  while (consoles.length < count) {
    const wave = Math.min(WAVE, count - consoles.length);
    const base = consoles.length;
    const made = await Promise.all(
      Array.from({ length: wave }, (_, k) => connectOne(url, tokens[(base + k) % tokens.length]!, lastSeq, base + k < SAMPLED, resume)),
    );
    for (const c of made) {
      if (c) consoles.push(c);
      else failed++;
    }
    if (failed > 20) break;
  }
  return { connected: consoles.length, failed };
}

function reset() {
  push = new Histogram();
  fixAge = new Histogram();
  sampledBytes = frames = fixes = events = disconnects = 0;
  mark = { at: performance.now(), cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() };
  for (const c of consoles) {
    c.droppedAt = c.backAt = c.backWith = c.lastError = null;
    c.attempts = 0;
  }
}

/** Consoles that lost their connection since the last reset: when, and when they were back (Date.now() ms). */
function recovery() {
  return consoles
    .filter((c) => c.droppedAt !== null)
    .map((c) => ({ droppedAt: c.droppedAt!, backAt: c.backAt, backWith: c.backWith, connected: c.socket.connected, attempts: c.attempts, lastError: c.lastError }));
}
export type Recovery = ReturnType<typeof recovery>;

/**
 * Against the database's event log: which of these seqs (every event a dispatcher hears) and call ids
 * each console lacks. A seq is held when the console received that event, or a snapshot taken after it.
 */
function verify(seqs: number[], callIds: number[]) {
  let complete = 0;
  let missingSeqs = 0;
  let missingCalls = 0;
  let worstMissing = 0;
  let disconnected = 0;
  const maxSeq = seqs.length ? Math.max(...seqs) : 0;
  let behind = 0;
  for (const c of consoles) {
    if (!c.socket.connected) disconnected++;
    const held = c.held;
    if (!held) continue;
    const ms = seqs.filter((s) => s > held.snapshotSeq && !held.seqs.has(s)).length;
    const mc = callIds.filter((id) => !held.callIds.has(id)).length;
    if ((c.lastSeq ?? 0) < maxSeq) behind++;
    missingSeqs += ms;
    missingCalls += mc;
    worstMissing = Math.max(worstMissing, ms + mc);
    if (ms === 0 && mc === 0) complete++;
  }
  return { consoles: consoles.length, complete, disconnected, behind, missingSeqs, missingCalls, worstMissing };
}
export type Verification = ReturnType<typeof verify>;

function collect() {
  const seconds = (performance.now() - mark.at) / 1000;
  const cpu = process.cpuUsage(mark.cpu);
  const connected = consoles.filter((c) => c.socket.connected).length;
  const sampled = Math.max(1, Math.min(SAMPLED, consoles.length));
  return {
    seconds,
    connected,
    disconnects,
    push: push.toJSON(),
    fixAge: fixAge.toJSON(),
    bytesPerConsolePerSec: sampledBytes / sampled / seconds,
    framesPerConsolePerSec: frames / Math.max(1, consoles.length) / seconds,
    fixesPerConsolePerSec: fixes / Math.max(1, consoles.length) / seconds,
    eventsPerConsolePerSec: events / Math.max(1, consoles.length) / seconds,
    cpuCores: (cpu.user + cpu.system) / 1e6 / seconds,
    elu: performance.eventLoopUtilization(mark.elu).utilization,
  };
}
export type ConsoleStats = ReturnType<typeof collect>;

interface Message {
  id: number;
  type: string;
  url?: string;
  tokens?: string[];
  count?: number;
  lastSeq?: number | null;
  resume?: boolean;
  seqs?: number[];
  callIds?: number[];
}

process.on('message', (msg: Message) => {
  const answer = (value: unknown) => process.send!({ id: msg.id, value });
  const fail = (e: unknown) => process.send!({ id: msg.id, error: String(e) });
  if (msg.type === 'setConsoles') setConsoles(msg.url!, msg.tokens!, msg.count!, msg.lastSeq ?? null, msg.resume === true).then(answer, fail);
  else if (msg.type === 'recovery') answer(recovery());
  else if (msg.type === 'verify') answer(verify(msg.seqs ?? [], msg.callIds ?? []));
  else if (msg.type === 'reset') answer(reset());
  else if (msg.type === 'collect') answer(collect());
  else if (msg.type === 'stop') {
    for (const c of consoles) c.socket.close();
    setTimeout(() => process.exit(0), 200);
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready' });
