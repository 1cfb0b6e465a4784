/**
 * City import (issue 11): a generated 200-station, 200-hospital, 2,000-unit, 20,000-place bundle loaded
 * into PostgreSQL as `pnpm city:import <folder>` does it (server/src/city/importCli.ts): read + validate the
 * folder, open the database (the migration check and the account lookup), then the import transaction.
 * Three cases, each repeated on a fresh database: the first import into an empty city, a second import of
 * the same bundle (nothing changes), and a re-import with 10 % of hospitals and units changed; then the real
 * CLI once per case in a child process. Baseline in the same run: the same rows written by plain multi-row
 * INSERTs in one transaction with the postgres driver (no validation, no event log): the floor.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CityImportReport } from '@dispatch/shared';
import { openDatabase } from '../server/src/db/client.ts';
import { createUserRepo } from '../server/src/repositories/users.ts';
import { NO_CITY } from '../shared/src/city.ts';
import { readBundle } from '../server/src/city/readBundle.ts';
import type { CityBundle } from '../server/src/city/validateBundle.ts';
import { importCity } from '../server/src/commands/importCity.ts';
import { changeTenth, generateBundle, writeBundle } from './lib/cityBundle.ts';
import { createBenchDatabase, sqlClient, type BenchDatabase } from './lib/db.ts';
import { busyCores, cpuMark, loadAverage } from './lib/machine.ts';
import { printTable, round, sleep, summarize, writeResult, type Cell } from './lib/stats.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const SIZE = QUICK ? { stations: 20, hospitals: 20, units: 200, places: 2000 } : { stations: 200, hospitals: 200, units: 2000, places: 20_000 };
const REPS = QUICK ? 1 : 3;
const TARGET_S = 30;
const ADMIN = 'bench-importer';
const REPO = path.resolve(import.meta.dirname, '..');
const CLI = path.join(REPO, 'server/src/city/importCli.ts');

interface Timing {
  readValidateMs: number;
  connectMs: number;
  transactionMs: number;
  totalMs: number;
  report: CityImportReport;
}

/** What importCli.ts's main() does, step by step, with the clock read between the steps. */
async function importLikeTheCli(url: string, folder: string): Promise<Timing> {
  const t0 = performance.now();
  const checked = await readBundle(folder);
  if (!checked.ok) throw new Error(`bundle refused: ${JSON.stringify(checked.errors.slice(0, 5))}`);
  const t1 = performance.now();
  const database = await openDatabase({ url, dataDir: 'unused', poolSize: 2 });
  try {
    // The same query as the CLI's (select the user by name), through the repository: bench/ has no drizzle of its own.
    const user = await createUserRepo(database.db).getByUsername(ADMIN);
    if (!user) throw new Error('no bench admin');
    const t2 = performance.now();
    const deps = { db: database.db, clock: () => new Date(), estimator: { name: 'fixed', minutes: () => 10 }, city: NO_CITY, publish: () => {} };
    const report = await importCity(deps, { id: user.id, name: user.username, role: 'admin', hospitalId: null }, checked.bundle, checked.warnings);
    const t3 = performance.now();
    await database.close();
    return { readValidateMs: t1 - t0, connectMs: t2 - t1, transactionMs: t3 - t2, totalMs: performance.now() - t0, report };
  } catch (error) {
    await database.close();
    throw error;
  }
}

const events = (r: CityImportReport) => (r.seq ? r.seq.to - r.seq.from + 1 : 0);

/** The counts each case must show, or the figure is of some other work. */
function check(kase: string, r: CityImportReport): void {
  const want =
    kase === 'first'
      ? [r.stations.created, r.hospitals.created, r.units.created, SIZE.stations, SIZE.hospitals, SIZE.units]
      : kase === 'same'
        ? [r.stations.unchanged, r.hospitals.unchanged, r.units.unchanged, SIZE.stations, SIZE.hospitals, SIZE.units]
        : [r.stations.unchanged, r.hospitals.updated, r.units.updated, SIZE.stations, SIZE.hospitals / 10, SIZE.units / 10];
  if (want[0] !== want[3] || want[1] !== want[4] || want[2] !== want[5] || r.places.replaced !== SIZE.places) {
    throw new Error(`${kase}: unexpected report ${JSON.stringify({ stations: r.stations, hospitals: r.hospitals, units: r.units, places: r.places })}`);
  }
}

/** The floor: the same rows, multi-row INSERTs of 1,000 in one transaction, nothing read back but station ids. */
async function rawInsert(url: string, b: CityBundle): Promise<number> {
  const sql = sqlClient(url);
  const now = new Date().toISOString();
  const arrayLiteral = (xs: readonly string[]) => `{${xs.map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
  async function insert(tx: { unsafe: typeof sql.unsafe }, table: string, columns: string[], casts: string[], rows: unknown[][], returning = '') {
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const values = chunk.map((_, r) => `(${columns.map((_c, c) => `$${r * columns.length + c + 1}${casts[c] ?? ''}`).join(',')})`).join(',');
      out.push(...(await tx.unsafe(`insert into ${table} (${columns.join(',')}) values ${values}${returning}`, chunk.flat())));
    }
    return out;
  }
  try {
    const t0 = performance.now();
    await sql.begin(async (tx) => {
      const ids = await insert(tx, 'stations', ['code', 'name', 'name_en', 'lon', 'lat'], [], b.stations.map((s) => [s.code, s.name_zh, s.name_en, s.lon, s.lat]), ' returning id, code');
      const stationId = new Map(ids.map((r) => [String(r.code), Number(r.id)]));
      await insert(
        tx,
        'hospitals',
        ['code', 'name', 'name_en', 'kind', 'lon', 'lat', 'open_beds', 'icu_open', 'icu_convertible', 'ventilators_free', 'capacity_updated_at', 'capacity_updated_by'],
        ['', '', '', '', '', '', '', '', '', '', '::timestamptz'],
        b.hospitals.map((h) => [h.code, h.name_zh, h.name_en, h.kind, h.lon, h.lat, h.open_beds, h.icu_beds, h.icu_convertible, h.ventilators, now, ADMIN]),
      );
      const station = new Map(b.stations.map((s) => [s.code, s]));
      await insert(
        tx,
        'units',
        ['call_sign', 'kind', 'station_id', 'status', 'status_since', 'lon', 'lat', 'crew', 'has_terminal'],
        ['', '', '', '', '::timestamptz', '', '', '::jsonb'],
        b.units.map((u) => [u.call_sign, u.kind, stationId.get(u.station_code), 'available', now, station.get(u.station_code)?.lon, station.get(u.station_code)?.lat, '{"driver":"","doctor":"","nurse":""}', u.has_terminal]),
      );
      await insert(
        tx,
        'places',
        ['name', 'aliases', 'kind', 'town', 'setting', 'lon', 'lat'],
        ['', '::text[]'],
        b.places.map((p) => [p.name, arrayLiteral(p.aliases), p.kind, p.town, p.setting, p.lon, p.lat]),
      );
    });
    return performance.now() - t0;
  } finally {
    await sql.end();
  }
}

/** The real command in a child process, as a user runs it (less pnpm's own start-up). */
function runCli(url: string, folder: string): { ms: number; out: string } {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, folder, '--as', ADMIN], { cwd: REPO, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8', timeout: 120_000 });
  const ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(`city:import exited ${run.status ?? run.signal}: ${run.stderr}`);
  return { ms, out: run.stdout };
}

async function main() {
  const load0 = loadAverage();
  const mark0 = cpuMark();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dispatch-bench-city-'));
  const databases: BenchDatabase[] = [];
  try {
    const g0 = performance.now();
    const bundle = generateBundle(SIZE);
    writeBundle(path.join(dir, 'same'), bundle);
    writeBundle(path.join(dir, 'changed'), changeTenth(bundle));
    const bytes = fs.readdirSync(path.join(dir, 'same')).reduce((n, f) => n + fs.statSync(path.join(dir, 'same', f)).size, 0);
    console.log(`cityImport: bundle of ${SIZE.stations} stations, ${SIZE.hospitals} hospitals, ${SIZE.units} units, ${SIZE.places} places (${(bytes / 1e6).toFixed(1)} MB) generated in ${Math.round(performance.now() - g0)} ms`);

    const template = await createBenchDatabase('cityimport_tpl', { seed: false });
    databases.push(template);
    const admin = sqlClient(template.url);
    await admin.unsafe(`insert into users (username, display_name, password_hash, role) values ($1, 'Bench importer', 'not a hash: nobody logs in', 'admin')`, [ADMIN]);
    await admin.end();

    const fresh = async (tag: string) => {
      const db = await createBenchDatabase(tag, { template: template.name });
      databases.push(db);
      return db;
    };
    const cases = { first: [] as Timing[], same: [] as Timing[], changed: [] as Timing[] };
    const baseline: number[] = [];
    for (let r = 1; r <= REPS; r++) {
      const db = await fresh(`cityimport_${r}`);
      for (const [kase, folder] of [['first', 'same'], ['same', 'same'], ['changed', 'changed']] as const) {
        const t = await importLikeTheCli(db.url, path.join(dir, folder));
        check(kase, t.report);
        cases[kase].push(t);
        console.log(`  rep ${r} ${kase.padEnd(7)} total ${(t.totalMs / 1000).toFixed(2)} s (read+validate ${Math.round(t.readValidateMs)} ms, connect ${Math.round(t.connectMs)} ms, transaction ${Math.round(t.transactionMs)} ms, ${events(t.report)} events)`);
      }
      await db.drop();
      const raw = await fresh(`cityimport_raw${r}`);
      const parsed = await readBundle(path.join(dir, 'same'));
      if (!parsed.ok) throw new Error('bundle refused');
      baseline.push(await rawInsert(raw.url, parsed.bundle));
      console.log(`  rep ${r} raw INSERTs ${Math.round(baseline[baseline.length - 1] ?? 0)} ms`);
      await raw.drop();
    }

    // The real command, once per case: what the user waits for, process start and module loading included.
    const cliDb = await fresh('cityimport_cli');
    const cli = (['same', 'same', 'changed'] as const).map((folder) => runCli(cliDb.url, path.join(dir, folder)));
    if (!cli.every((c, i) => c.out.includes(i === 1 ? 'event log: nothing changed' : 'event log: seq'))) throw new Error(`unexpected CLI output: ${cli.map((c) => c.out).join('\n')}`);
    await cliDb.drop();

    const s = (xs: number[]) => summarize(xs.map((x) => x / 1000));
    const rawS = s(baseline);
    const label = { first: 'first import, empty city', same: 'same bundle again (nothing changes)', changed: 're-import, 10 % of hospitals + units changed' };
    const rows: Record<string, Cell>[] = (Object.keys(cases) as (keyof typeof cases)[]).map((kase, i) => {
      const ts = cases[kase];
      const total = s(ts.map((t) => t.totalMs));
      const tx = s(ts.map((t) => t.transactionMs));
      return {
        case: label[kase],
        reps: ts.length,
        'total p50 s': round(total.p50, 2),
        'total max s': round(total.max, 2),
        'read+validate p50 s': round(s(ts.map((t) => t.readValidateMs)).p50, 2),
        'connect p50 s': round(s(ts.map((t) => t.connectMs)).p50, 2),
        'transaction p50 s': round(tx.p50, 2),
        'transaction max s': round(tx.max, 2),
        'tx / raw INSERTs': round(tx.p50 / rawS.p50, 1),
        events: ts[0] ? events(ts[0].report) : 0,
        'CLI wall s': round((cli[i]?.ms ?? NaN) / 1000, 2),
        meetsTarget: total.max < TARGET_S && (cli[i]?.ms ?? Infinity) < TARGET_S * 1000,
      };
    });
    rows.push({
      case: 'baseline: multi-row INSERTs of the same rows, one transaction',
      reps: baseline.length,
      'total p50 s': round(rawS.p50, 2),
      'total max s': round(rawS.max, 2),
      'read+validate p50 s': null,
      'connect p50 s': null,
      'transaction p50 s': round(rawS.p50, 2),
      'transaction max s': round(rawS.max, 2),
      'tx / raw INSERTs': 1,
      events: 0,
      'CLI wall s': null,
      meetsTarget: rawS.max < TARGET_S,
    });
    const busy = busyCores(mark0, cpuMark());
    printTable(`City import on PostgreSQL: ${SIZE.units} units, ${SIZE.hospitals} hospitals, ${SIZE.places} places (target < ${TARGET_S} s end to end)`, rows);
    const meets = rows.slice(0, 3).every((r) => r.meetsTarget === true);
    console.log(`  target met: ${meets}; machine load average ${load0} at the start, ${loadAverage()} at the end; ${busy === null ? '?' : round(busy, 2)} cores busy on average`);
    const file = await writeResult('cityImport', {
      targets: { seconds: TARGET_S },
      meetsTarget: meets,
      size: SIZE,
      bundleBytes: bytes,
      note: 'total = read + validate + open database (migration check, account lookup) + import transaction, in process as importCli.ts does it; CLI wall = the real command in a child process (tsx start-up included, pnpm excluded); baseline = the same rows by multi-row INSERT, no validation, no event log',
      machineBusyCores: busy === null ? null : round(busy, 2),
      loadAverageAtStart: load0,
      results: rows,
      samplesMs: Object.fromEntries([...Object.entries(cases).map(([k, ts]) => [k, ts.map((t) => ({ readValidate: round(t.readValidateMs, 0), connect: round(t.connectMs, 0), transaction: round(t.transactionMs, 0), total: round(t.totalMs, 0) }))]), ['baseline', baseline.map((b) => round(b, 0))]]),
    });
    console.log(`\nwrote ${file}`);
  } finally {
    for (const db of databases.reverse()) await db.drop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
await sleep(10);
process.exit(0);
