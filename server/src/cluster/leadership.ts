/**
 * One leader at a time for the work that must run once per deployment (the alert monitor, clean-ups).
 *
 * The leader is whoever holds a PostgreSQL session advisory lock on a connection of its own. Followers try
 * `pg_try_advisory_lock` every `retryMs`; a leader that dies takes its connection with it, PostgreSQL drops
 * the lock, and a follower leads within about one retry. The leader checks every `retryMs` that its
 * connection still holds the lock (a dropped and silently re-opened connection would not) and steps down,
 * stopping its jobs, when it does not or the check fails or hangs. With PGlite there is one process, and it
 * always leads.
 *
 * Jobs are started on gaining leadership and stopped (awaited) on losing it or on shutdown, before the lock
 * is let go, so two instances never run a job at once while both can reach the database.
 */
import os from 'node:os';
import type { Sql } from 'postgres';
import { LEADERSHIP_LOCK } from '../db/locks.ts';

export interface LeaderJob {
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
}

export interface Leadership {
  isLeader(): boolean;
  /** When this instance became leader; null while it follows. */
  leaderSince(): Date | null;
  /** Called after every change, once the jobs have started (gained) or stopped (lost); returns an unsubscribe. */
  onChange(listener: (leader: boolean) => void): () => void;
  /** Run `job` only while this instance leads: started on gaining leadership (at once if it leads), stopped on losing it. */
  whileLeader(name: string, job: LeaderJob): void;
  /** Makes the first attempt before it resolves: a lone instance leads as soon as it is ready. */
  start(): Promise<void>;
  /** Stops the jobs, then lets the lock go. */
  stop(): Promise<void>;
}

export interface LeadershipOptions {
  /** PostgreSQL URL; without one (PGlite) this process always leads. */
  url?: string;
  /** How often a follower tries to lead and a leader checks it still does. */
  retryMs?: number;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** The leadership connection's application_name: `pg_stat_activity` joined to `pg_locks` shows who leads. */
export function leadershipConnectionName(pid = process.pid): string {
  return `dispatch leadership pid ${pid} ${os.hostname()}`.slice(0, 63);
}

export function createLeadership(opts: LeadershipOptions): Leadership {
  const retryMs = opts.retryMs ?? 1000;
  const { log } = opts;
  const jobs: { name: string; job: LeaderJob }[] = [];
  const listeners = new Set<(leader: boolean) => void>();
  let since: Date | null = null;
  let stopped = false;
  let client: Sql | null = null;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();

  const runJob = async (name: string, what: 'start' | 'stop', job: LeaderJob) => {
    try {
      await job[what]();
    } catch (err) {
      log.error({ err, job: name }, `leader job failed to ${what}`);
    }
  };

  const change = async (leader: boolean, reason: string) => {
    if (leader === (since !== null)) return;
    since = leader ? new Date() : null;
    if (leader) {
      log.info({ leader, reason, jobs: jobs.map((j) => j.name) }, 'leadership gained: this instance runs the periodic jobs');
      for (const { name, job } of jobs) await runJob(name, 'start', job);
    } else {
      // Stopped before the lock goes (or is taken over), so jobs do not overlap with the next leader's.
      for (const { name, job } of [...jobs].reverse()) await runJob(name, 'stop', job);
      if (stopped) log.info({ leader, reason }, 'leadership released: the periodic jobs stopped here');
      else log.warn({ leader, reason }, 'leadership lost: the periodic jobs stopped here');
    }
    for (const listener of listeners) listener(leader);
  };

  const dropConnection = () => {
    // Closing the connection releases the lock on the server, even one taken by a query we gave up on.
    const old = client;
    client = null;
    if (old) void old.end({ timeout: 0 }).catch(() => undefined);
  };

  const connect = async (url: string): Promise<Sql> => {
    const { default: postgres } = await import('postgres');
    return postgres(url, {
      max: 1,
      onnotice: () => {},
      connect_timeout: 5,
      // One long-lived session: the lock lives exactly as long as this connection.
      idle_timeout: 0,
      max_lifetime: null,
      connection: { application_name: leadershipConnectionName() },
    });
  };

  const withTimeout = async <T>(query: Promise<T>): Promise<T> => {
    let t: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        query,
        new Promise<never>((_, reject) => {
          t = setTimeout(() => reject(new Error(`no answer within ${2 * retryMs} ms`)), 2 * retryMs);
        }),
      ]);
    } finally {
      clearTimeout(t);
    }
  };

  const attempt = async (url: string): Promise<void> => {
    try {
      client ??= await connect(url);
      const sql = client;
      if (since === null) {
        const [row] = await withTimeout(sql<{ got: boolean }[]>`select pg_try_advisory_lock(${LEADERSHIP_LOCK}::bigint) as got`);
        if (row?.got) await change(true, 'took the leadership lock');
      } else {
        const [row] = await withTimeout(
          sql<{ held: boolean }[]>`select exists(
            select 1 from pg_locks
            where locktype = 'advisory' and classid = 0 and objid::bigint = ${LEADERSHIP_LOCK}::bigint and objsubid = 1
              and pid = pg_backend_pid() and granted) as held`,
        );
        if (!row?.held) {
          dropConnection();
          await change(false, 'the leadership connection no longer holds the lock');
        }
      }
    } catch (err) {
      dropConnection();
      if (since !== null) {
        log.warn({ err }, 'leadership check failed');
        await change(false, 'could not confirm the leadership lock');
      }
    }
  };

  const schedule = (url: string) => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = attempt(url).finally(() => schedule(url));
    }, retryMs);
    timer.unref();
  };

  return {
    isLeader: () => since !== null,
    leaderSince: () => since,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    whileLeader(name, job) {
      jobs.push({ name, job });
      if (since !== null) void runJob(name, 'start', job);
    },
    async start() {
      stopped = false;
      const url = opts.url;
      if (!url) return change(true, 'embedded database: the only instance');
      current = attempt(url);
      await current;
      schedule(url);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await current;
      await change(false, 'shutting down');
      const old = client;
      client = null;
      await old?.end({ timeout: 1 }).catch(() => undefined);
    },
  };
}
