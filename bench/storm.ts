/**
 * Reconnect storm (issue 18): 5,000 units moving at 1 Hz, 50 consoles staying connected, then 1,000
 * dispatcher consoles connecting at the same moment, as after an instance restart. A console is live when
 * its snapshot has come and a positions frame after it. Run twice in one go: snapshots shared per view
 * (the product) and one build per console (as before issue 18, gzip kept), each on a fresh server.
 * The steady consoles' longest gap between frames during the storm says whether the others went blind.
 */
import { createBenchDatabase, growFleet } from './lib/db.ts';
import { forkBench, type BenchChild, type ServerReady } from './lib/child.ts';
import { AvlFeeder } from './lib/feeder.ts';
import { login } from './lib/http.ts';
import { percentile, printTable, round, sleep, writeResult } from './lib/stats.ts';
import type { ServerStats } from './lib/serverChild.ts';
import { loadAverage } from './lib/machine.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const UNITS = QUICK ? 500 : 5000;
const STORM = QUICK ? 100 : 1000;
const STEADY = QUICK ? 5 : 50;
const GIVE_UP_MS = 90_000;
const TARGET_MS = 5000;
const BYTES_TARGET = 300 * 1024;

type Mode = 'shared' | 'unshared';

interface StormResult {
  mode: Mode;
  units: number;
  consoles: number;
  live: number;
  failed: number;
  liveP50Ms: number;
  liveP99Ms: number;
  liveMaxMs: number;
  snapshotKiB: number;
  snapshotJsonKiB: number | null;
  decodeMs: number | null;
  builds: number | null;
  steadyMaxGapBeforeMs: number;
  steadyMaxGapDuringMs: number;
  steadyConnected: string;
  serverCpuCores: number;
  serverRssMiB: number;
  loadAverage: number;
}

async function buildsOf(base: string): Promise<number | null> {
  try {
    const text = await (await fetch(`${base}/metrics`)).text();
    return text
      .split('\n')
      .filter((l) => l.startsWith('dispatch_snapshot_builds_total{'))
      .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
  } catch {
    return null;
  }
}

async function run(url: string, unitIds: number[], mode: Mode): Promise<StormResult> {
  const server = await forkBench<ServerReady>('lib/serverChild.ts', { DATABASE_URL: url, ...(mode === 'unshared' ? { BENCH_SNAPSHOT: 'unshared' } : {}) });
  let consoles: BenchChild<unknown> | null = null;
  const base = server.ready.url;
  const feeder = new AvlFeeder(base, await login(base, 'avl-gateway'), unitIds);
  try {
    const token = await login(base, 'dispatcher');
    consoles = await forkBench('storm/consoles.ts');
    feeder.setUnits(UNITS);
    feeder.start();
    await consoles.ask('steady', { url: base, token, count: STEADY }, 60_000);
    await sleep(3000);
    const before = await consoles.ask<{ maxGapMs: number }>('gaps', { reset: true });
    const builds0 = await buildsOf(base);
    const s0 = await server.ask<ServerStats>('stats', {});
    const t0 = performance.now();
    const storm = await consoles.ask<{ live: (number | null)[]; snapshotBytes: number[]; failed: number; decodeMs: number | null; jsonBytes: number | null; units: number | null }>(
      'storm',
      { url: base, token, count: STORM, giveUpMs: GIVE_UP_MS },
      GIVE_UP_MS + 60_000,
    );
    const seconds = (performance.now() - t0) / 1000;
    const s1 = await server.ask<ServerStats>('stats', {});
    const during = await consoles.ask<{ maxGapMs: number; connected: number; consoles: number }>('gaps', { reset: true });
    const builds1 = await buildsOf(base);
    await consoles.ask('endStorm');
    const live = storm.live.filter((x): x is number => x !== null);
    const r: StormResult = {
      mode,
      units: UNITS,
      consoles: STORM,
      live: live.length,
      failed: storm.failed,
      liveP50Ms: live.length ? round(percentile(live, 50), 0) : NaN,
      liveP99Ms: live.length ? round(percentile(live, 99), 0) : NaN,
      liveMaxMs: live.length ? Math.max(...live) : NaN,
      snapshotKiB: storm.snapshotBytes.length ? round(Math.max(...storm.snapshotBytes) / 1024, 0) : NaN,
      snapshotJsonKiB: storm.jsonBytes === null ? null : round(storm.jsonBytes / 1024, 0),
      decodeMs: storm.decodeMs === null ? null : round(storm.decodeMs, 0),
      builds: builds0 !== null && builds1 !== null ? builds1 - builds0 : null,
      steadyMaxGapBeforeMs: before.maxGapMs,
      steadyMaxGapDuringMs: during.maxGapMs,
      steadyConnected: `${during.connected}/${during.consoles}`,
      serverCpuCores: round((s1.cpuUserMs + s1.cpuSystemMs - s0.cpuUserMs - s0.cpuSystemMs) / 1000 / seconds, 2),
      serverRssMiB: round(s1.rssMiB, 0),
      loadAverage: loadAverage(),
    };
    console.log(`  ${mode}: ${r.live}/${STORM} live, p50 ${r.liveP50Ms} ms, p99 ${r.liveP99Ms} ms, max ${r.liveMaxMs} ms; ${r.builds} builds; snapshot ${r.snapshotKiB} KiB; steady gap ${r.steadyMaxGapDuringMs} ms`);
    return r;
  } finally {
    feeder.stop();
    await consoles?.stop();
    await server.stop();
  }
}

async function main() {
  console.log(`storm: preparing a database with ${UNITS} units ...`);
  const db = await createBenchDatabase('storm');
  const results: StormResult[] = [];
  try {
    const unitIds = await growFleet(db.url, UNITS);
    results.push(await run(db.url, unitIds, 'shared'));
    results.push(await run(db.url, unitIds, 'unshared'));
  } finally {
    await db.drop();
  }
  printTable(
    `Reconnect storm: ${STORM} dispatcher consoles at once, ${UNITS} units moving at 1 Hz, ${STEADY} consoles staying connected (live = snapshot received and a frame after it; the decode is timed once on its own)`,
    results.map((r) => ({
      snapshots: r.mode,
      live: `${r.live}/${r.consoles}`,
      'live p50 ms': r.liveP50Ms,
      'live p99 ms': r.liveP99Ms,
      'live max ms': r.liveMaxMs,
      builds: r.builds,
      'snapshot KiB': r.snapshotKiB,
      'as JSON KiB': r.snapshotJsonKiB,
      'decode ms': r.decodeMs,
      'steady gap before ms': r.steadyMaxGapBeforeMs,
      'steady gap during ms': r.steadyMaxGapDuringMs,
      'steady connected': r.steadyConnected,
      'server cores': r.serverCpuCores,
      'server MiB': r.serverRssMiB,
      'load avg': r.loadAverage,
    })),
  );
  const shared = results[0]!;
  const verdict = {
    everyConsoleLiveWithin5s: shared.live === STORM && shared.liveMaxMs <= TARGET_MS,
    snapshotUnder300KB: shared.snapshotKiB * 1024 < BYTES_TARGET,
    steadyConsolesKeptFrames: shared.steadyMaxGapDuringMs < 1000,
  };
  printTable('Verdict', [verdict]);
  const file = await writeResult('storm', { targets: { liveMs: TARGET_MS, snapshotBytes: BYTES_TARGET }, verdict, results });
  console.log(`\nwrote ${file}`);
}

await main();
process.exit(0);
