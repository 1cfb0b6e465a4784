/**
 * Idle: what an instance costs when nothing happens, the night-shift state a centre's IT sizes a
 * server for. The demo city on PostgreSQL with the leader's background jobs running (alert monitor,
 * clean-ups), no fixes, no calls; first with no console (the baseline, same run), then with 500
 * dispatcher consoles connected and live. Server, consoles and bench are three processes.
 */
import { createBenchDatabase, currentSeq } from './lib/db.ts';
import { forkBench, type BenchChild, type ServerReady } from './lib/child.ts';
import { login } from './lib/http.ts';
import { printTable, round, sleep, writeResult } from './lib/stats.ts';
import type { ServerStats } from './lib/serverChild.ts';
import type { ConsoleStats } from './fanout/consoles.ts';
import { loadAverage } from './lib/machine.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const CONSOLES = QUICK ? 50 : 500;
const WINDOW_S = QUICK ? 4 : 30;
const SETTLE_MS = QUICK ? 1000 : 5000;
const ASK_MS = 30_000;

interface Row {
  consoles: number;
  connected: number;
  seconds: number;
  serverCpuPct: number;
  serverRssMiB: number;
  serverHeapMiB: number;
  loopDelayP99Ms: number;
  bytesPerConsolePerMin: number;
  consolesProcCpuPct: number;
  loadAverage: number;
}

async function measure(server: BenchChild<ServerReady>, consoles: BenchChild<unknown>, count: number, connected: number): Promise<Row> {
  await sleep(SETTLE_MS);
  await Promise.all([server.ask('reset', {}, ASK_MS), consoles.ask('reset', {}, ASK_MS)]);
  const s0 = await server.ask<ServerStats>('stats', {}, ASK_MS);
  const t0 = performance.now();
  await sleep(WINDOW_S * 1000);
  const [s1, c] = await Promise.all([server.ask<ServerStats>('stats', {}, ASK_MS), consoles.ask<ConsoleStats>('collect', {}, ASK_MS)]);
  const seconds = (performance.now() - t0) / 1000;
  return {
    consoles: count,
    connected,
    seconds: round(seconds, 1),
    serverCpuPct: round(((s1.cpuUserMs + s1.cpuSystemMs - s0.cpuUserMs - s0.cpuSystemMs) / 1000 / seconds) * 100, 2),
    serverRssMiB: round(s1.rssMiB, 0),
    serverHeapMiB: round(s1.heapUsedMiB, 0),
    loopDelayP99Ms: round(s1.loopDelayP99Ms, 1),
    bytesPerConsolePerMin: count ? round(c.bytesPerConsolePerSec * 60, 0) : 0,
    consolesProcCpuPct: round(c.cpuCores * 100, 2),
    loadAverage: loadAverage(),
  };
}

async function main() {
  const db = await createBenchDatabase('idle');
  const server = await forkBench<ServerReady>('lib/serverChild.ts', { DATABASE_URL: db.url });
  let consoles: BenchChild<unknown> | null = null;
  const rows: Row[] = [];
  try {
    const base = server.ready.url;
    const tokens = await Promise.all(['dispatcher', 'dispatcher2', 'sim-dispatcher', 'command'].map((u) => login(base, u)));
    consoles = await forkBench('fanout/consoles.ts');
    rows.push(await measure(server, consoles, 0, 0));
    const made = await consoles.ask<{ connected: number; failed: number }>('setConsoles', { url: base, tokens, count: CONSOLES, lastSeq: await currentSeq(db.url) }, 120_000);
    rows.push(await measure(server, consoles, CONSOLES, made.connected));
  } finally {
    await consoles?.stop();
    await server.stop();
    await db.drop();
  }
  const [alone, full] = rows as [Row, Row];
  printTable(`Idle instance: demo city on PostgreSQL, leader jobs running, no fixes or calls, ${WINDOW_S} s windows (server under tsx, as the other benches)`, rows.map((r) => ({
    consoles: `${r.connected}/${r.consoles}`,
    'server CPU %': r.serverCpuPct,
    'server RSS MiB': r.serverRssMiB,
    'heap MiB': r.serverHeapMiB,
    'loop p99 ms': r.loopDelayP99Ms,
    'bytes/console/min': r.bytesPerConsolePerMin,
    'consoles proc CPU %': r.consolesProcCpuPct,
    'load avg': r.loadAverage,
  })));
  const perConsoleKiB = full.connected ? round(((full.serverRssMiB - alone.serverRssMiB) * 1024) / full.connected, 0) : null;
  printTable(`Cost of the consoles (${CONSOLES} against none, same run)`, [{ 'RSS per console KiB': perConsoleKiB, 'CPU % added': round(full.serverCpuPct - alone.serverCpuPct, 2) }]);
  const file = await writeResult('idle', { consoles: CONSOLES, windowSeconds: WINDOW_S, perConsoleKiB, rows });
  console.log(`\nwrote ${file}`);
}

await main();
process.exit(0);
