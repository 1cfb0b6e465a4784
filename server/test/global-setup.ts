/**
 * One throwaway PostgreSQL database per test run: a template with the migrations and the demo city,
 * cloned per test file so files never see each other's data.
 */
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client.ts';
import { seedDemoCity } from '../src/demo/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(project: TestProject) {
  const template = `dispatch_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${template}`);
  const url = withDatabase(ADMIN_URL, template);
  const database = await openDatabase({ url, dataDir: 'unused', poolSize: 2 });
  await seedDemoCity(database.db, new Date(), { simulatorAccounts: true, city: 'cixi' });
  // The seed's import is logged at the real time of this setup, but some tests run a clock in 2025: dated
  // at that setup time, the seed would come after their whole day, and replays from the log (trends,
  // states at a time) would read the city as not yet there. In a deployment the seed comes before every
  // call, so here too its events are dated before any test's clock; the rows keep their real times.
  await database.db.execute(sql`update events set at = '2000-01-01T00:00:00Z' where actor = 'seed'`);
  await database.close();
  project.provide('adminUrl', ADMIN_URL);
  project.provide('templateDb', template);
  return async () => {
    // Drop every database this run made: the template and its per-file clones.
    const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`dispatch_%_${process.pid}_%`} or datname = ${template}`;
    for (const r of rows) await admin.unsafe(`drop database if exists ${r.datname} with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
