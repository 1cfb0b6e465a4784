/**
 * The ringing storm's consoles (bench/ringing.ts): dispatch seats and command-group screens in one process,
 * apart from the server and the gateway. Every console marks every `line.<kind>` event it receives in its
 * own bitmap (by the event's index in the storm) and times it from the gateway's send time, which the
 * bench's event ids carry (`ring.<index>.<sentAtMs>`): nothing is sampled, so a lost event shows.
 *
 * Like the real console (client/src/live/connection.ts) a console that loses its connection reconnects by
 * itself with the last seq it holds, so what the server replays counts as received (late) and only an event
 * that never arrives is lost.
 */
import { PROTOCOL_VERSION, type LiveEvent } from '@dispatch/shared';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { Histogram } from '../lib/stats.ts';

type Seat = 'dispatch' | 'command';

interface Console {
  socket: Socket;
  seat: Seat;
  lastSeq: number | null;
  /** 1 at an event's storm index once this console has it. */
  heard: Uint8Array;
  received: number;
  duplicates: number;
  /** Reconnected and got a snapshot instead of a replay: the events before it arrived only as state. */
  snapshotsAfterDrop: number;
  dropped: boolean;
}

const RESUME_OPTIONS = { reconnection: true, reconnectionDelay: 500, reconnectionDelayMax: 5000 } as const;

const consoles: Console[] = [];
let capacity = 0;
let latency: Record<Seat, Histogram> = { dispatch: new Histogram(), command: new Histogram() };
let otherEvents = 0;
let numberLeaks = 0;
let disconnects = 0;
let unknownIds = 0;
let mark = { at: performance.now(), cpu: process.cpuUsage() };

/** `ring.<index>.<sentAtMs>`, as bench/ringing/gateway.ts makes them; null for anyone else's id. */
function parseId(eventId: string): { index: number; sentAt: number } | null {
  const [tag, index, sentAt] = eventId.split('.');
  if (tag !== 'ring' || index === undefined || sentAt === undefined) return null;
  return { index: Number(index), sentAt: Number(sentAt) };
}

function hear(c: Console, e: LiveEvent, now: number): void {
  if (c.lastSeq === null || e.seq > c.lastSeq) c.lastSeq = e.seq;
  if (e.entity !== 'line') {
    otherEvents++;
    return;
  }
  const logged = e.data;
  const id = logged ? parseId(logged.event.eventId) : null;
  if (!logged || !id || !(id.index >= 0 && id.index < capacity)) {
    unknownIds++;
    return;
  }
  // The command group hears lines without the caller (shared/src/domain/visibility.ts): a bench that saw a
  // number there would be measuring a leak, not a console.
  if (c.seat === 'command' && (logged.event.callerNumber !== '' || logged.line.attempt?.callerNumber)) numberLeaks++;
  if (c.heard[id.index]) {
    c.duplicates++;
    return;
  }
  c.heard[id.index] = 1;
  c.received++;
  latency[c.seat].record(now - id.sentAt);
}

function connectOne(url: string, token: string, seat: Seat, lastSeq: number | null): Promise<Console | null> {
  return new Promise((resolve) => {
    const c: Console = { socket: null as unknown as Socket, seat, lastSeq, heard: new Uint8Array(capacity), received: 0, duplicates: 0, snapshotsAfterDrop: 0, dropped: false };
    const socket = io(url, {
      transports: ['websocket'],
      auth: (cb) => cb({ token, lastSeq: c.lastSeq, protocol: PROTOCOL_VERSION }),
      ...RESUME_OPTIONS,
      forceNew: true,
      timeout: 20_000,
    });
    c.socket = socket;
    let settled = false;
    const settle = (value: Console | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!value) socket.close();
      resolve(value);
    };
    const timer = setTimeout(() => settle(null), 30_000);
    socket.on('connect_error', () => settle(null));
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      disconnects++;
      c.dropped = true;
    });
    socket.on('snapshot', (wire: { seq: number }) => {
      // Not unpacked: the storm times events, and a snapshot's content is not what is measured here.
      c.lastSeq = Math.max(c.lastSeq ?? 0, wire.seq);
      if (c.dropped) c.snapshotsAfterDrop++;
      settle(c);
    });
    socket.on('replay', (r: { toSeq: number; events: LiveEvent[] }) => {
      const now = Date.now();
      for (const e of r.events) hear(c, e, now);
      c.lastSeq = Math.max(c.lastSeq ?? 0, r.toSeq);
      settle(c);
    });
    // Socket.IO has parsed the JSON before this handler: the decode is in the time measured.
    socket.on('events', (list: LiveEvent[]) => {
      const at = Date.now();
      for (const e of list) hear(c, e, at);
    });
  });
}

async function setConsoles(url: string, tokens: Record<Seat, string[]>, counts: Record<Seat, number>, lastSeq: number | null, events: number) {
  for (const c of consoles.splice(0)) c.socket.close();
  capacity = events;
  const wanted: Seat[] = [...Array<Seat>(counts.dispatch).fill('dispatch'), ...Array<Seat>(counts.command).fill('command')];
  let failed = 0;
  const WAVE = 25;
  for (let i = 0; i < wanted.length && failed <= 20; i += WAVE) {
    const made = await Promise.all(
      wanted.slice(i, i + WAVE).map((seat, k) => {
        const pool = tokens[seat];
        return connectOne(url, pool[(i + k) % pool.length]!, seat, lastSeq);
      }),
    );
    for (const c of made) {
      if (c) consoles.push(c);
      else failed++;
    }
  }
  return { connected: consoles.length, failed };
}

function reset() {
  latency = { dispatch: new Histogram(), command: new Histogram() };
  otherEvents = numberLeaks = disconnects = unknownIds = 0;
  mark = { at: performance.now(), cpu: process.cpuUsage() };
}

/** Against the indexes the server accepted: what each console lacks. */
function collect(expected: number[]) {
  const seconds = (performance.now() - mark.at) / 1000;
  const cpu = process.cpuUsage(mark.cpu);
  let lost = 0;
  let complete = 0;
  let worst = 0;
  let duplicates = 0;
  let snapshotsAfterDrop = 0;
  const lostBySeat: Record<Seat, number> = { dispatch: 0, command: 0 };
  for (const c of consoles) {
    let missing = 0;
    for (const i of expected) if (!c.heard[i]) missing++;
    lost += missing;
    lostBySeat[c.seat] += missing;
    worst = Math.max(worst, missing);
    if (missing === 0) complete++;
    duplicates += c.duplicates;
    snapshotsAfterDrop += c.snapshotsAfterDrop;
  }
  return {
    seconds,
    consoles: consoles.length,
    bySeat: { dispatch: consoles.filter((c) => c.seat === 'dispatch').length, command: consoles.filter((c) => c.seat === 'command').length },
    connected: consoles.filter((c) => c.socket.connected).length,
    received: consoles.reduce((n, c) => n + c.received, 0),
    lost,
    lostBySeat,
    complete,
    worstLost: worst,
    duplicates,
    snapshotsAfterDrop,
    disconnects,
    otherEvents,
    numberLeaks,
    unknownIds,
    latency: { dispatch: latency.dispatch.toJSON(), command: latency.command.toJSON() },
    cpuCores: (cpu.user + cpu.system) / 1e6 / seconds,
  };
}
export type RingingConsoleStats = ReturnType<typeof collect>;

interface Message {
  id: number;
  type: string;
  url?: string;
  tokens?: Record<Seat, string[]>;
  counts?: Record<Seat, number>;
  lastSeq?: number | null;
  events?: number;
  expected?: number[];
}

process.on('message', (msg: Message) => {
  const answer = (value: unknown) => process.send!({ id: msg.id, value });
  const fail = (e: unknown) => process.send!({ id: msg.id, error: String(e) });
  if (msg.type === 'setConsoles') setConsoles(msg.url!, msg.tokens!, msg.counts!, msg.lastSeq ?? null, msg.events!).then(answer, fail);
  else if (msg.type === 'reset') answer(reset());
  else if (msg.type === 'collect') answer(collect(msg.expected ?? []));
  else if (msg.type === 'stop') {
    for (const c of consoles) c.socket.close();
    setTimeout(() => process.exit(0), 200);
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready' });
