/**
 * `pnpm city:import <folder> --as <admin username>`: validate a city bundle and load it into DATABASE_URL
 * (or the embedded database in DATA_DIR, as the server). Every mistake is printed as `file:line:column:
 * message` and the exit code is 1 with nothing written; on success the report is printed. The actor must
 * be an existing, enabled admin account, so the event log names who imported.
 */
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { NO_CITY, type CityImportReport } from '@dispatch/shared';
import { loadEnv } from '../env.ts';
import { openDatabase } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { createEstimator } from '../travel/estimators.ts';
import { readBundle } from './readBundle.ts';
import { importCity } from '../commands/importCity.ts';
import { formatBundleError } from './validateBundle.ts';

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

function printReport(r: CityImportReport): void {
  out(`imported ${r.city.name} (${r.city.id}, adcode ${r.city.adcode})`);
  for (const kind of ['stations', 'hospitals', 'units'] as const) {
    const c = r[kind];
    out(`  ${kind}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
    if (r.notInBundle[kind].length > 0) out(`    not in the bundle, left as they are: ${r.notInBundle[kind].join(', ')}`);
  }
  out(`  places: ${r.places.replaced} (replaced)`);
  out(r.seq ? `  event log: seq ${r.seq.from}..${r.seq.to}` : '  event log: nothing changed');
  for (const w of r.warnings) out(`warning: ${w}`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ args: process.argv.slice(2), options: { as: { type: 'string' } }, allowPositionals: true });
  const folder = positionals[0];
  if (!folder || positionals.length > 1 || !values.as) {
    err('usage: pnpm city:import <folder> --as <admin username>');
    return 2;
  }
  // Validate before opening the database: a broken bundle needs no connection to be refused.
  const checked = await readBundle(folder);
  for (const w of checked.warnings) err(`warning: ${w}`);
  if (!checked.ok) {
    for (const e of checked.errors) err(formatBundleError(e));
    err(`${checked.errors.length} error(s); nothing was imported`);
    return 1;
  }
  const env = loadEnv();
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, poolSize: 2 });
  try {
    const [user] = await database.db.select().from(users).where(eq(users.username, values.as));
    if (!user || user.role !== 'admin' || user.disabled) {
      err(`--as ${values.as}: not an enabled admin account; nothing was imported`);
      return 1;
    }
    const deps = { db: database.db, clock: () => new Date(), estimator: createEstimator(env), city: NO_CITY, publish: () => {} };
    const report = await importCity(deps, { id: user.id, name: user.username, role: 'admin', hospitalId: null }, checked.bundle, checked.warnings);
    printReport(report);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      err(`${error.code}: ${error.message}; nothing was imported`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
