/**
 * A throwaway PostgreSQL database per bench: created, migrated and seeded with the demo city, then
 * grown to the fleet size the bench needs, and dropped at the end.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { openDatabase } from '../../server/src/db/client.ts';
import { seedDemoCity } from '../../server/src/demo/seed.ts';
import { alive } from './machine.ts';

export const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The server's own postgres driver (the bench has no dependencies of its own). */
const requireFromServer = createRequire(path.resolve(import.meta.dirname, '../../server/package.json'));
type Sql = {
  unsafe<T = Record<string, unknown>[]>(query: string, params?: unknown[]): Promise<T>;
  begin<T>(work: (tx: Pick<Sql, 'unsafe'>) => Promise<T>): Promise<T>;
  end(opts?: { timeout?: number }): Promise<void>;
};
const postgres = requireFromServer('postgres') as (url: string, opts?: Record<string, unknown>) => Sql;

export function sqlClient(url: string): Sql {
  return postgres(url, { max: 1, onnotice: () => {} });
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Fresh database `dispatch_bench_<pid>_<tag>`, migrated, demo city seeded; `seed: false` leaves it empty
 * (migrated only); `template` copies that database instead (PostgreSQL's cheap clone, nothing to migrate).
 */
export async function createBenchDatabase(tag: string, opts: { seed?: boolean; template?: string } = {}): Promise<BenchDatabase> {
  const name = `dispatch_bench_${process.pid}_${tag}`;
  const admin = sqlClient(ADMIN_URL);
  // Databases of bench runs that were killed before they could clean up.
  const stale = await admin.unsafe<{ datname: string }[]>(`select datname from pg_database where datname like 'dispatch\\_bench\\_%'`);
  for (const { datname } of stale) {
    const pid = Number(datname.split('_')[2]);
    if (pid !== process.pid && !alive(pid)) await admin.unsafe(`drop database if exists ${datname} with (force)`);
  }
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(opts.template ? `create database ${name} template ${opts.template}` : `create database ${name}`);
  await admin.end();
  const url = withDatabase(ADMIN_URL, name);
  if (!opts.template) {
    const database = await openDatabase({ url, dataDir: 'unused', poolSize: 2 });
    if (opts.seed !== false) await seedDemoCity(database.db, new Date(), { simulatorAccounts: true, city: 'cixi' });
    await database.close();
  }
  return {
    name,
    url,
    async drop() {
      const a = sqlClient(ADMIN_URL);
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** Cixi's built-up area, where bench units are parked and wander. */
export const AREA = { lon: 121.27, lat: 30.17, dLon: 0.12, dLat: 0.06 };

/** Grow the fleet to `total` units (demo units included): one in ten critical-care, spread over the stations. */
export async function growFleet(url: string, total: number): Promise<number[]> {
  const sql = sqlClient(url);
  try {
    const n = Number((await sql.unsafe<{ n: number }[]>('select count(*)::int as n from units'))[0]?.n ?? 0);
    const extra = total - n;
    if (extra > 0) {
      await sql.unsafe(
        `insert into units (call_sign, kind, station_id, status, status_since, lon, lat, crew, has_terminal)
         select 'BX-' || g, case when g % 10 = 0 then 'critical_care' else 'standard' end,
                (select id from stations order by id offset (g % (select count(*) from stations)) limit 1),
                'available', now(), $1 + (random() - 0.5) * $2, $3 + (random() - 0.5) * $4,
                '{"driver":"司机","doctor":"医生","nurse":"护士"}'::jsonb, true
         from generate_series(1, $5::int) g`,
        [AREA.lon, AREA.dLon, AREA.lat, AREA.dLat, extra],
      );
    }
    const rows = await sql.unsafe<{ id: number }[]>('select id from units order by id');
    return rows.map((r) => Number(r.id));
  } finally {
    await sql.end();
  }
}

/** Add hospitals until there are `total` (township-level, open, some capacity). */
export async function growHospitals(url: string, total: number): Promise<void> {
  const sql = sqlClient(url);
  try {
    const n = Number((await sql.unsafe<{ n: number }[]>('select count(*)::int as n from hospitals'))[0]?.n ?? 0);
    for (let i = n + 1; i <= total; i++) {
      await sql.unsafe(
        `insert into hospitals (code, name, name_en, kind, lon, lat, open_beds, occupied_beds, ed_status, capacity_updated_by)
         values ($1, $2, $3, 'township', $4, $5, 60, 30, 'open', 'bench')`,
        [`HB${i}`, `测试卫生院 ${i}`, `Bench health centre ${i}`, AREA.lon + (Math.random() - 0.5) * AREA.dLon, AREA.lat + (Math.random() - 0.5) * AREA.dLat],
      );
    }
  } finally {
    await sql.end();
  }
}

/** The event log's last seq. */
export async function currentSeq(url: string): Promise<number> {
  const sql = sqlClient(url);
  try {
    const [row] = await sql.unsafe<{ seq: string | number }[]>('select coalesce(max(seq), 0) as seq from events');
    return Number(row?.seq ?? 0);
  } finally {
    await sql.end();
  }
}
