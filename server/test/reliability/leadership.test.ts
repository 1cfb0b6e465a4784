/**
 * One leader runs the once-per-deployment jobs (the alert monitor, clean-ups): two server processes on
 * one database, the leader seen in pg_locks, killed with SIGKILL, and the other takes over and runs the
 * monitor within 5 s. A leader whose lock connection is cut steps down and the lead is taken again.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEADERSHIP_LOCK } from '../../src/db/locks.ts';
import { createTestDatabase, login, waitFor } from '../harness.ts';
import { startServerProcess, type ServerProcess } from './processes.ts';

const GAINED = 'leadership gained';

describe('leader failover between two server processes', () => {
  let sql: postgres.Sql;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    const { url } = await createTestDatabase();
    sql = postgres(url, { max: 1, onnotice: () => {} });
    const env = { DATABASE_URL: url, ALERT_MONITOR: 'on', ALERT_MONITOR_INTERVAL_MS: '500', LOG_LEVEL: 'info' };
    servers.push(...(await Promise.all([startServerProcess(env, 40_000), startServerProcess(env, 40_000)])));
  });
  afterAll(async () => {
    for (const s of servers) s.child.kill('SIGKILL');
    await Promise.all(servers.map((s) => s.exited));
    await sql?.end();
  });

  /** The process ids whose leadership connection holds the lock (its application_name names the pid). */
  const holders = async (): Promise<number[]> => {
    const rows = await sql<{ name: string; backend: number }[]>`
      select a.application_name as name, a.pid as backend from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.classid = 0 and l.objid::bigint = ${LEADERSHIP_LOCK}::bigint and l.objsubid = 1 and l.granted`;
    return rows.map((r) => Number(/^dispatch leadership pid (\d+)/.exec(r.name)?.[1] ?? -1));
  };
  const openAlerts = async () => (await sql<{ n: number }[]>`select count(*)::int as n from alerts where cleared_at is null`)[0]?.n ?? 0;
  const gainedCount = (s: ServerProcess) => s.output().split('\n').filter((l) => l.includes(GAINED)).length;
  const byPid = (pid: number | undefined) => servers.find((s) => s.child.pid === pid);

  let survivor: ServerProcess;

  it('exactly one of the two leads, and only the leader runs the monitor', async () => {
    let lead: number[] = [];
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && lead.length === 0) {
      lead = await holders();
      if (lead.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(lead).toHaveLength(1);
    const leader = byPid(lead[0]);
    expect(leader, `no server process with pid ${lead[0]}`).toBeDefined();
    const follower = servers.find((s) => s !== leader);
    if (!leader || !follower) throw new Error('two processes expected');
    // The demo city's People's Hospital runs its ICU at 90 %, the default alert line: the leader raises it.
    const deadlineAlert = Date.now() + 5000;
    while (Date.now() < deadlineAlert && (await openAlerts()) === 0) await new Promise((r) => setTimeout(r, 100));
    expect(await openAlerts()).toBeGreaterThan(0);
    // Over a few monitor intervals the follower never started the jobs.
    await new Promise((r) => setTimeout(r, 1500));
    expect(gainedCount(leader), leader.output()).toBe(1);
    expect(gainedCount(follower), follower.output()).toBe(0);
    expect(await holders()).toEqual([leader.child.pid]);
    survivor = follower;

    // Kill the leader: no goodbye, its connections just vanish.
    const killedAt = Date.now();
    leader.child.kill('SIGKILL');
    await leader.exited;
    const before = await openAlerts();
    // A change the monitor must act on: a lower ICU line raises alerts for more hospitals.
    const command = await login(survivor, 'command');
    expect((await command.put('/api/settings/thresholds', { icuOccupancyPct: 30 })).status).toBe(200);
    let took: number[] = [];
    let after = before;
    while (Date.now() - killedAt < 5000 && (took[0] !== survivor.child.pid || after <= before)) {
      await new Promise((r) => setTimeout(r, 100));
      [took, after] = await Promise.all([holders(), openAlerts()]);
    }
    expect(took).toEqual([survivor.child.pid]);
    expect(after, 'alerts raised by the new leader').toBeGreaterThan(before);
    expect(Date.now() - killedAt).toBeLessThan(5000);
    expect(gainedCount(survivor), survivor.output()).toBe(1);
  }, 60_000);

  it('a leader whose lock connection is cut steps down, and the lead is taken again', async () => {
    const [backend] = await sql<{ pid: number }[]>`
      select a.pid from pg_stat_activity a where a.application_name like ${`dispatch leadership pid ${survivor.child.pid} %`}`;
    expect(backend).toBeDefined();
    await sql`select pg_terminate_backend(${backend?.pid ?? 0})`;
    await waitFor(() => survivor.output().includes('leadership lost'), 5000, 'the leader to notice');
    let lead: number[] = [];
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && lead[0] !== survivor.child.pid) {
      await new Promise((r) => setTimeout(r, 100));
      lead = await holders();
    }
    expect(lead).toEqual([survivor.child.pid]);
    expect(gainedCount(survivor)).toBe(2);
  }, 30_000);
});
