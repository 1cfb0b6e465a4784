/**
 * M dispatcher consoles in one process (socket.io-client), separate from the server. Every console
 * times every position frame it receives; a sample of them also counts bytes and times single fixes.
 */
import { decodePositions, PROTOCOL_VERSION, type PositionWire } from '@dispatch/shared';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { Histogram } from '../lib/stats.ts';

type Frame = { at: number; fixes: [number, number, number, number, number, number][] };
type NaiveFix = { unitId: number; at: number; sentAt: number };

/** Consoles that count bytes and time individual fixes (the rest only time frames). */
const SAMPLED = 10;
/** Of those, units whose fixes are timed end to end (7 is coprime with the gateway's 10 send slots, so every phase is sampled). */
const SAMPLE_UNIT_MOD = 7;

interface Console {
  socket: Socket;
  sampled: boolean;
}

const consoles: Console[] = [];
let push = new Histogram();
let fixAge = new Histogram();
let sampledBytes = 0;
let frames = 0;
let fixes = 0;
let events = 0;
let disconnects = 0;
let mark = { at: performance.now(), cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() };

function connectOne(url: string, token: string, lastSeq: number | null, sampled: boolean): Promise<Console | null> {
  return new Promise((resolve) => {
    const socket = io(url, { transports: ['websocket'], auth: { token, lastSeq, protocol: PROTOCOL_VERSION }, reconnection: false, forceNew: true, timeout: 20_000 });
    const c: Console = { socket, sampled };
    const timer = setTimeout(() => {
      socket.close();
      resolve(null);
    }, 30_000);
    const ready = () => {
      clearTimeout(timer);
      resolve(c);
    };
    socket.once('snapshot', ready);
    socket.once('replay', ready);
    socket.once('connect_error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') disconnects++;
    });
    socket.on('event', () => events++);
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

async function setConsoles(url: string, tokens: string[], count: number, lastSeq: number | null) {
  let failed = 0;
  while (consoles.length > count) consoles.pop()!.socket.close();
  const WAVE = 25;
  while (consoles.length < count) {
    const wave = Math.min(WAVE, count - consoles.length);
    const base = consoles.length;
    const made = await Promise.all(
      Array.from({ length: wave }, (_, k) => connectOne(url, tokens[(base + k) % tokens.length]!, lastSeq, base + k < SAMPLED)),
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
}

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

process.on('message', (msg: { id: number; type: string; url?: string; tokens?: string[]; count?: number; lastSeq?: number | null }) => {
  const answer = (value: unknown) => process.send!({ id: msg.id, value });
  const fail = (e: unknown) => process.send!({ id: msg.id, error: String(e) });
  if (msg.type === 'setConsoles') setConsoles(msg.url!, msg.tokens!, msg.count!, msg.lastSeq ?? null).then(answer, fail);
  else if (msg.type === 'reset') answer(reset());
  else if (msg.type === 'collect') answer(collect());
  else if (msg.type === 'stop') {
    for (const c of consoles) c.socket.close();
    setTimeout(() => process.exit(0), 200);
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready' });
