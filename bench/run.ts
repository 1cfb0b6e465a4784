/**
 * `pnpm bench [name ...]`: builds the client, then runs each benchmark in its own process, one
 * after another (they would disturb each other's figures on two cores). Each prints its table and
 * writes bench/results/<name>.json. BENCH_QUICK=1 shrinks every load to check the benches work.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '..');
const ALL = ['suggestions', 'geocode', 'writes', 'fanout', 'framerate', 'startup', 'cluster', 'cityImport', 'surgeDay', 'idle', 'storm', 'pageLoad', 'ringing'] as const;
/** Per bench, generous: a bench that hangs is stopped and reported, the rest still run. */
const TIMEOUT_MS: Record<(typeof ALL)[number], number> = { suggestions: 60_000, geocode: 120_000, writes: 120_000, fanout: 420_000, framerate: 150_000, startup: 150_000, cluster: 480_000, cityImport: 300_000, surgeDay: 180_000, idle: 180_000, storm: 420_000, pageLoad: 180_000, ringing: 300_000 };

const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !(ALL as readonly string[]).includes(a));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (have: ${ALL.join(', ')})`);
  process.exit(2);
}
const chosen = ALL.filter((b) => asked.length === 0 || asked.includes(b));
const started = Date.now();

if (chosen.some((b) => b === 'framerate' || b === 'startup' || b === 'pageLoad') && !process.argv.includes('--no-build')) {
  console.log('building the client (framerate, startup and pageLoad serve it) ...');
  const build = spawnSync('pnpm', ['--filter', '@dispatch/client', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) console.error('client build failed; using the client/dist already there, if any');
}

const outcomes: { bench: string; ok: boolean; seconds: number }[] = [];
for (const bench of chosen) {
  console.log(`\n=== ${bench} ===`);
  const t0 = Date.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, `${bench}.ts`)], {
    cwd: REPO,
    stdio: 'inherit',
    timeout: TIMEOUT_MS[bench],
    killSignal: 'SIGKILL',
  });
  const ok = run.status === 0;
  if (!ok) console.error(`${bench} failed (${run.error?.message ?? `exit ${run.status ?? run.signal}`})`);
  outcomes.push({ bench, ok, seconds: Math.round((Date.now() - t0) / 1000) });
}

console.log(`\n=== summary (${Math.round((Date.now() - started) / 1000)} s) ===`);
for (const o of outcomes) console.log(`  ${o.ok ? 'ok    ' : 'FAILED'} ${o.bench.padEnd(12)} ${o.seconds} s  bench/results/${o.bench}.json`);
process.exit(outcomes.every((o) => o.ok) ? 0 : 1);
