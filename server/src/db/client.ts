/** Opens PostgreSQL (postgres driver) when DATABASE_URL is set, an embedded PGlite otherwise. */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';
import { REPO_ROOT } from '../env.ts';
import { MIGRATIONS_LOCK } from './locks.ts';
import type { Sql } from 'postgres';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** True when the database answers a trivial query within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
  /** PostgreSQL only: the pool's size and the queries and transactions under way (for the metrics). */
  pool?: () => { max: number; inFlight: number };
}

const MIGRATIONS = path.join(REPO_ROOT, 'migrations');

export interface OpenOptions {
  url?: string;
  dataDir: string;
  poolSize?: number;
  /** Runs right after the migrations, still under their lock (the demo seed: check-then-insert must not race). */
  afterMigrate?: (db: Db) => Promise<unknown>;
}

/** Connect and apply the committed migrations (one instance at a time, see migrateLocked). */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    const client = postgres(opts.url, {
      max: opts.poolSize ?? 10,
      onnotice: () => {},
      connect_timeout: 5,
      idle_timeout: 30,
    });
    const max = opts.poolSize ?? 10;
    const inFlight = countInFlight(client);
    const db = drizzle(client, { schema }) as unknown as Db;
    await migrateLocked(opts.url, async () => {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
      await opts.afterMigrate?.(db);
    });
    // The health ping has a connection of its own: under load, time queued behind requests in
    // the pool is not an outage, and must not take the server offline.
    const pinger = postgres(opts.url, { max: 1, onnotice: () => {}, connect_timeout: 2, idle_timeout: 0 });
    const pingDb = drizzle(pinger) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      ping: (timeoutMs = 2000) => pingWith(pingDb, timeoutMs),
      pool: () => ({ max, inFlight: inFlight() }),
      close: async () => {
        await pinger.end({ timeout: 1 });
        await client.end({ timeout: 5 });
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const dir = opts.dataDir === 'memory://' ? undefined : path.resolve(opts.dataDir, 'pglite');
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  // One process owns a PGlite directory, so there is nobody to race with.
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
  await opts.afterMigrate?.(db);
  return {
    db,
    kind: 'pglite',
    // Embedded: it cannot be unreachable, only busy; a queued ping would only raise false alarms.
    ping: async () => !client.closed,
    close: () => client.close(),
  };
}

/**
 * postgres.js keeps its pool's queues to itself. Drizzle sends every statement through unsafe() and
 * every transaction through begin() (statements inside one run on its reserved connection), so the
 * calls not yet settled are what holds or waits for a connection. Returns the live count.
 */
function countInFlight(client: Sql): () => number {
  let n = 0;
  const done = () => {
    n -= 1;
  };
  const unsafe = client.unsafe.bind(client);
  const begin = client.begin.bind(client);
  Object.assign(client, {
    unsafe: (...args: Parameters<typeof unsafe>) => {
      const query = unsafe(...args);
      n += 1;
      // then() starts the query after a microtask, so the caller's .values() still applies.
      query.then(done, done);
      return query;
    },
    begin: (...args: Parameters<typeof begin>) => {
      n += 1;
      return (begin as (...a: unknown[]) => Promise<unknown>)(...args).finally(done);
    },
  });
  return () => n;
}

/**
 * Instances starting together on an empty database would each create the migrations table and apply the
 * same migration (the losers fail on "already exists"). They queue on a session advisory lock held on a
 * connection of its own; the next one in sees the migrations applied and has nothing to do. Closing that
 * connection releases the lock even if the unlock never ran.
 */
async function migrateLocked(url: string, work: () => Promise<void>): Promise<void> {
  const { default: postgres } = await import('postgres');
  const locker = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5, idle_timeout: 0, max_lifetime: null });
  try {
    const session = await locker.reserve();
    try {
      await session`select pg_advisory_lock(${MIGRATIONS_LOCK})`;
      try {
        await work();
      } finally {
        await session`select pg_advisory_unlock(${MIGRATIONS_LOCK})`.catch(() => undefined);
      }
    } finally {
      session.release();
    }
  } finally {
    await locker.end({ timeout: 1 });
  }
}

async function pingWith(db: Db, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      db.execute(sql`select 1`).then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
