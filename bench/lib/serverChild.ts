/**
 * The real app in its own process, as the bench's server: fresh database from DATABASE_URL, 127.0.0.1,
 * port 0. It answers the parent over IPC with its CPU time, memory and event-loop health.
 *
 * BENCH_SNAPSHOT=unshared builds a snapshot for every console that asks (the storm bench's baseline).
 *
 * BENCH_FRAME_MIN_MS sets the shortest time between position frames (POSITION_FRAME_MIN_MS).
 *
 * BENCH_FANOUT=naive swaps the coalesced frames for the naive baseline: every accepted fix is
 * emitted to every console on its own, as a JSON object, at once (bench only; never in the product).
 *
 * BENCH_REDIS_URL and BENCH_REDIS_STREAM make it one of several instances sharing live events through
 * Redis (the cluster bench); bench-only names, so a REDIS_URL in the developer's shell changes no other bench.
 *
 * BENCH_CLIENT_DIST serves another build of the client than client/dist (the page-load bench's "before").
 *
 * BENCH_WS_CORK=1 (an experiment of the ringing bench, never the product) corks each console's TCP socket
 * while engine.io writes the packets queued for it, so they leave in one write instead of one each.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { loadEnv } from '../../server/src/env.ts';
import { openDatabase } from '../../server/src/db/client.ts';
import { buildApp } from '../../server/src/app.ts';
import type { PositionFixInput } from '@dispatch/shared';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface ServerStats {
  cpuUserMs: number;
  cpuSystemMs: number;
  rssMiB: number;
  heapUsedMiB: number;
  /** Event-loop utilisation since the last reset (0..1). */
  elu: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  sockets: number;
  naiveEmits: number;
}

const naive = process.env.BENCH_FANOUT === 'naive';
const env = loadEnv({
  PORT: '0',
  HOST: '127.0.0.1',
  DEMO: 'off',
  LOG_LEVEL: 'silent',
  DATABASE_URL: process.env.DATABASE_URL,
  REDIS_URL: process.env.BENCH_REDIS_URL,
  REDIS_STREAM: process.env.BENCH_REDIS_STREAM,
  CLIENT_DIST: process.env.BENCH_CLIENT_DIST,
  // One bench account makes far more writes than any dispatcher; the limit is not what is measured.
  RATE_LIMIT_WRITES_PER_MIN: '10000000',
  RATE_LIMIT_LOGIN_PER_MIN: '10000',
  // The fan-out bench runs the frame interval before issue 18 (250 ms) beside the current one.
  ...(process.env.BENCH_FRAME_MIN_MS ? { POSITION_FRAME_MIN_MS: process.env.BENCH_FRAME_MIN_MS } : {}),
});
if (process.env.BENCH_WS_CORK === '1') corkWebSocketWrites();
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: 'unused' });
const { app, ctx } = await buildApp({ env, database, logger: false });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const hub = ctx.hub();

if (process.env.BENCH_SNAPSHOT === 'unshared') hub.snapshots.unshared = true;

let naiveEmits = 0;
if (naive) {
  hub.positions.stop();
  hub.positions.ingest = (fixes: readonly PositionFixInput[], acceptedIds?: ReadonlySet<number>) => {
    let taken = 0;
    const consoles = [...hub.io.of('/').sockets.values()].filter((s) => s.rooms.has('positions'));
    for (const f of fixes) {
      if (acceptedIds && !acceptedIds.has(f.unitId)) continue;
      taken++;
      for (const socket of consoles) {
        // One emit per fix per console: encoded and written for each socket separately.
        (socket as unknown as { emit(name: string, data: unknown): void }).emit('position', { ...f, sentAt: Date.now() });
        naiveEmits++;
      }
    }
    return taken;
  };
}

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let eluMark = performance.eventLoopUtilization();

function stats(): ServerStats {
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  return {
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    rssMiB: mem.rss / 2 ** 20,
    heapUsedMiB: mem.heapUsed / 2 ** 20,
    elu: performance.eventLoopUtilization(eluMark).utilization,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    loopDelayMaxMs: loop.max / 1e6,
    sockets: hub.io.of('/').sockets.size,
    naiveEmits,
  };
}

process.on('message', (msg: { id: number; type: string }) => {
  if (msg.type === 'stats') process.send!({ id: msg.id, value: stats() });
  if (msg.type === 'reset') {
    loop.reset();
    eluMark = performance.eventLoopUtilization();
    process.send!({ id: msg.id, value: stats() });
  }
  if (msg.type === 'stop') {
    const force = setTimeout(() => process.exit(0), 5000);
    force.unref();
    void app
      .close()
      .then(() => database.close())
      .finally(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', url: `http://127.0.0.1:${new URL(address).port}`, pid: process.pid });

/**
 * engine.io sends the packets a socket has queued one WebSocket frame at a time, and each frame is its own
 * write(2); corked, the frames of one flush leave together. Reaches into engine.io's and ws's internals, which
 * is why it is a bench experiment: it measures what one write per flush would be worth.
 */
function corkWebSocketWrites(): void {
  const fromSocketIo = createRequire(createRequire(path.resolve(import.meta.dirname, '../../server/package.json')).resolve('socket.io'));
  type Transport = { socket?: { _socket?: { cork(): void; uncork(): void } }; send(packets: unknown[]): void };
  const engine = fromSocketIo('engine.io') as { transports: { websocket: { prototype: Transport } } };
  const proto = engine.transports.websocket.prototype;
  const send = proto.send;
  proto.send = function (this: Transport, packets: unknown[]) {
    const raw = this.socket?._socket;
    raw?.cork();
    try {
      send.call(this, packets);
    } finally {
      raw?.uncork();
    }
  };
}
