/**
 * Several instances behind a real load balancer: three server processes (one PostgreSQL database made
 * for the run, one Redis stream named for the run) behind a private nginx, N units at 1 Hz posted by a
 * gateway through nginx, M dispatcher consoles (in worker processes) spread over the instances by nginx.
 *
 * 1. Steady state: push latency (frame emit -> console receipt, decode included) and fix age.
 * 2. Failover: while a writer creates calls through nginx, one instance is killed with SIGKILL. Its
 *    consoles reconnect through nginx with their lastSeq and get a replay: time from the kill to each
 *    one being back; then every console is compared with the database's event log.
 */
import os from 'node:os';
import { createBenchDatabase, currentSeq, growFleet, sqlClient, type BenchDatabase } from './lib/db.ts';
import { forkBench, type BenchChild, type ServerReady } from './lib/child.ts';
import { AvlFeeder, CallWriter } from './lib/feeder.ts';
import { login } from './lib/http.ts';
import { ensureNginx, nginxErrors, startNginx, type RunningNginx } from './lib/nginx.ts';
import { deleteStream, sweepStaleStreams } from './lib/redis.ts';
import { mergeHistograms, printTable, round, sleep, summarize, summarizeHistogram, writeResult, type HistogramData } from './lib/stats.ts';
import { busyCores, cpuMark, loadAverage } from './lib/machine.ts';
import type { ServerStats } from './lib/serverChild.ts';
import type { ConsoleStats, Recovery, Verification } from './fanout/consoles.ts';

/** BENCH_QUICK=1: a small load, to check the bench itself works. */
const QUICK = process.env.BENCH_QUICK === '1';
const LOAD = QUICK
  ? { units: 200, consoles: 100, consoleWorkers: 1, steadySeconds: 5, writes: 60, killAfterMs: 2000 }
  : { units: 2000, consoles: 1000, consoleWorkers: 2, steadySeconds: 20, writes: 200, killAfterMs: 5000 };
const INSTANCES = 3;
/** The writer: one change every 100 ms, `writes` in all; the kill comes `killAfterMs` into it. */
const WRITE_EVERY_MS = 100;
const TARGETS = { pushP99Ms: 250, backWithinMs: 5000, missedEvents: 0 };
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SETTLE_MS = 3000;
/** After the writer: how long consoles get to be back and to hold everything before what is missing counts as missed. */
const BACK_WAIT_MS = 30_000;
const VERIFY_GRACE_MS = 10_000;
const ASK_MS = 30_000;
const DISPATCHERS = ['dispatcher', 'dispatcher2', 'sim-dispatcher'];

interface Instance {
  child: BenchChild<ServerReady>;
  port: number;
  killed: boolean;
}

interface Window {
  seconds: number;
  push: ReturnType<typeof summarizeHistogram>;
  fixAge: ReturnType<typeof summarizeHistogram>;
  deliveredRatio: number;
  consolesConnected: number;
  disconnects: number;
  consolesProcCores: number;
  serverCores: number | null;
  /** Worst event-loop delay p99 among the instances alive at the end of the window. */
  serverLoopDelayP99Ms: number | null;
  nginxCores: number | null;
  machineBusyCores: number | null;
  loadAverage: number;
}

const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  // Last started, first stopped; every step runs even when one fails.
  while (cleanups.length) {
    const step = cleanups.pop()!;
    await step().catch((e: unknown) => console.error(`cleanup: ${String(e)}`));
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping nginx, the instances and the consoles ...`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main() {
  const loadAtStart = os.loadavg().map((v) => round(v, 2));
  console.log(`cluster: load average at start ${loadAtStart.join(' / ')} (1 / 5 / 15 min), ${os.cpus().length} cores`);
  ensureNginx();
  const stream = `dispatch-bench-${process.pid}-${Date.now().toString(36)}`;
  await sweepStaleStreams(REDIS_URL);
  cleanups.push(() => deleteStream(REDIS_URL, stream));

  console.log(`cluster: database with ${LOAD.units} units; ${INSTANCES} instances on Redis stream ${stream} ...`);
  const db: BenchDatabase = await createBenchDatabase('cluster');
  cleanups.push(() => db.drop());
  const unitIds = await growFleet(db.url, LOAD.units);

  const instances: Instance[] = await Promise.all(
    Array.from({ length: INSTANCES }, async () => {
      const child = await forkBench<ServerReady>('lib/serverChild.ts', { DATABASE_URL: db.url, BENCH_REDIS_URL: REDIS_URL, BENCH_REDIS_STREAM: stream });
      cleanups.push(() => child.stop());
      return { child, port: Number(new URL(child.ready.url).port), killed: false };
    }),
  );
  const nginx: RunningNginx = await startNginx({ upstreams: instances.map((i) => ({ host: '127.0.0.1', port: i.port })), maxFails: 1, failTimeoutS: 10 });
  let nginxLog: string[] = [];
  cleanups.push(async () => {
    nginxLog = nginxErrors(nginx);
    await nginx.stop();
  });
  const base = nginx.url;
  console.log(`cluster: nginx ${nginx.url} -> ${instances.map((i) => i.port).join(', ')}`);

  const gateway = await login(base, 'avl-gateway');
  const tokens = await Promise.all(DISPATCHERS.map((u) => login(base, u)));
  const feeder = new AvlFeeder(base, gateway, unitIds);
  cleanups.push(async () => feeder.stop());

  const workers = await Promise.all(
    Array.from({ length: LOAD.consoleWorkers }, async () => {
      const w = await forkBench<unknown>('fanout/consoles.ts');
      cleanups.push(() => w.stop());
      return w;
    }),
  );
  const shares = workers.map((_, i) => Math.floor(LOAD.consoles / workers.length) + (i < LOAD.consoles % workers.length ? 1 : 0));
  const seqAtConnect = await currentSeq(db.url);
  const t0 = Date.now();
  const made = await Promise.all(
    workers.map((w, i) => w.ask<{ connected: number; failed: number }>('setConsoles', { url: base, tokens, count: shares[i], lastSeq: seqAtConnect, resume: true }, 300_000)),
  );
  const connected = made.reduce((a, m) => a + m.connected, 0);
  const spread = await Promise.all(instances.map((i) => i.child.ask<ServerStats>('stats', {}, ASK_MS)));
  console.log(`cluster: ${connected}/${LOAD.consoles} consoles in ${round((Date.now() - t0) / 1000, 1)} s, per instance ${spread.map((s) => s.sockets).join(' / ')}`);

  // 1. Steady state.
  feeder.setUnits(LOAD.units);
  feeder.start();
  await sleep(SETTLE_MS);
  const steady = await measure(instances, workers, feeder, nginx, LOAD.steadySeconds * 1000, async (ms) => sleep(ms));
  const feederSteady = { sent: feeder.sent, applied: feeder.applied, skipped: feeder.skipped, errors: feeder.errors };
  console.log(`  steady: push p99 ${steady.push.p99} ms, fix age p99 ${steady.fixAge.p99} ms, delivered ${Math.round(steady.deliveredRatio * 100)}%`);

  // 2. Failover: the instance holding the most consoles is killed while the writer runs.
  const sockets = await Promise.all(instances.map((i) => i.child.ask<ServerStats>('stats', {}, ASK_MS).then((s) => s.sockets)));
  const victimIndex = sockets.indexOf(Math.max(...sockets));
  const victim = instances[victimIndex]!;
  const seqBefore = await currentSeq(db.url);
  const writer = new CallWriter(base, tokens[0]!, LOAD.writes, WRITE_EVERY_MS);
  let killAt = 0;
  let dbAfterKill: Record<string, number> = {};
  const failover = await measure(instances, workers, feeder, nginx, 0, async () => {
    const writing = writer.run();
    await sleep(LOAD.killAfterMs);
    killAt = Date.now();
    victim.killed = true;
    victim.child.proc.kill('SIGKILL');
    console.log(`  killed instance ${victimIndex + 1} (port ${victim.port}, ${sockets[victimIndex]} consoles) with SIGKILL`);
    // What the database is doing while the consoles come back (lock waits show here).
    await sleep(2000);
    dbAfterKill = await dbActivity(db.url, db.name);
    await writing;
    // Everyone back on the living instances (bounded).
    const until = Date.now() + BACK_WAIT_MS;
    while (Date.now() < until) {
      const stats = await Promise.all(workers.map((w) => w.ask<ConsoleStats>('collect', {}, ASK_MS)));
      if (stats.reduce((a, s) => a + s.connected, 0) >= connected) break;
      await sleep(500);
    }
  });
  const feederFailover = { sent: feeder.sent, applied: feeder.applied, skipped: feeder.skipped, errors: feeder.errors };
  const recovery = (await Promise.all(workers.map((w) => w.ask<Recovery>('recovery', {}, ASK_MS)))).flat();
  const affected = recovery.filter((r) => r.droppedAt >= killAt - 100);
  const back = affected.filter((r) => r.backAt !== null).map((r) => r.backAt! - killAt);
  const backSummary = summarize(back);
  const notBack = affected.length - back.length;
  const backWith = { replay: affected.filter((r) => r.backWith === 'replay').length, snapshot: affected.filter((r) => r.backWith === 'snapshot').length };
  console.log(`  failover: ${affected.length} consoles dropped, ${back.length} back (p50 ${backSummary.p50} ms, p99 ${backSummary.p99} ms, max ${backSummary.max} ms), ${notBack} not back`);

  // Every console against the event log: what a dispatcher hears after seqBefore, and the calls created.
  const { verification, log, graceMs } = await verifyAll(db.url, workers, seqBefore);
  const spreadAfter = await Promise.all(instances.filter((i) => !i.killed).map((i) => i.child.ask<ServerStats>('stats', {}, ASK_MS).then((s) => s.sockets)));
  const writerOk = writer.createdIds.length;
  const writerMissingInLog = writer.createdIds.filter((id) => !log.callIds.includes(id)).length;
  console.log(
    `  events: ${log.seqs.length} logged after the writer started (${log.callIds.length} calls created, ${writerOk} answered 201); ${verification.complete}/${verification.consoles} consoles hold all of them`,
  );

  const missedEvents = verification.missingSeqs + verification.missingCalls;
  const verdict = {
    pushP99Ms: steady.push.p99,
    pushP99Met: steady.push.p99 < TARGETS.pushP99Ms && steady.deliveredRatio >= 0.9,
    backMaxMs: backSummary.max,
    backMet: notBack === 0 && affected.length > 0 && backSummary.max <= TARGETS.backWithinMs,
    missedEvents,
    noMissedEventMet: missedEvents === 0 && verification.complete === verification.consoles && writerMissingInLog === 0,
  };

  printTable(`Cluster: ${INSTANCES} instances behind nginx, ${LOAD.units} units at 1 Hz, ${LOAD.consoles} consoles (push = frame emit -> console receipt; fix age = gateway send -> console receipt)`, [
    row('steady', steady),
    row('failover', failover),
  ]);
  printTable('Failover (SIGKILL of one instance; back = kill -> reconnected through nginx and got its replay or snapshot)', [
    {
      'consoles per instance': spread.map((s) => s.sockets).join(' / '),
      killed: `#${victimIndex + 1} (${sockets[victimIndex]})`,
      affected: affected.length,
      'back p50 ms': backSummary.p50,
      'back p99 ms': backSummary.p99,
      'back max ms': backSummary.max,
      'not back': notBack,
      'via replay/snapshot': `${backWith.replay}/${backWith.snapshot}`,
      'after: per instance': spreadAfter.join(' / '),
    },
  ]);
  printTable('No missed event (every console vs the database event log after the writer started)', [
    {
      'writes sent': LOAD.writes,
      'answered 201': writerOk,
      'other answers': [...writer.statuses].filter(([s]) => s !== 201).map(([s, n]) => `${s}x${n}`).join(' ') || '-',
      'events logged': log.seqs.length,
      'calls logged': log.callIds.length,
      'consoles complete': `${verification.complete}/${verification.consoles}`,
      'missing seqs': verification.missingSeqs,
      'missing calls': verification.missingCalls,
      'consoles behind': verification.behind,
      'grace used ms': graceMs,
    },
  ]);
  printTable('Verdict', [
    {
      [`push p99 < ${TARGETS.pushP99Ms} ms`]: `${verdict.pushP99Met ? 'met' : 'MISSED'} (${steady.push.p99} ms)`,
      [`back within ${TARGETS.backWithinMs / 1000} s`]: `${verdict.backMet ? 'met' : 'MISSED'} (max ${backSummary.max} ms, ${notBack} not back)`,
      'no missed event': `${verdict.noMissedEventMet ? 'met' : 'MISSED'} (${missedEvents} missing)`,
      'load avg start': loadAtStart[0],
      'load avg end': loadAverage(),
    },
  ]);
  await cleanUp();
  const file = await writeResult('cluster', {
    quick: QUICK,
    targets: TARGETS,
    load: { ...LOAD, instances: INSTANCES, writeEveryMs: WRITE_EVERY_MS },
    loadAverageAtStart: loadAtStart,
    verdict,
    consolesConnected: connected,
    consolesPerInstance: spread.map((s) => s.sockets),
    steady: { ...steady, feeder: feederSteady },
    failover: {
      ...failover,
      killedInstance: victimIndex + 1,
      consolesOnKilled: sockets[victimIndex],
      affected: affected.length,
      back: backSummary,
      notBack,
      backWith,
      droppedBeforeKill: recovery.length - affected.length,
      consolesPerLivingInstanceAfter: spreadAfter,
      feeder: feederFailover,
      attempts: summarize(affected.map((r) => r.attempts)),
      lastErrors: Object.fromEntries(countBy(affected.map((r) => r.lastError ?? 'none'))),
      dbActivity2sAfterKill: dbAfterKill,
    },
    events: {
      writesSent: LOAD.writes,
      answered201: writerOk,
      answers: Object.fromEntries(writer.statuses),
      writerCallsMissingInLog: writerMissingInLog,
      logged: log.seqs.length,
      callsLogged: log.callIds.length,
      verification,
      graceMs,
    },
    nginxErrorLog: nginxLog.slice(-20),
  });
  console.log(`\nwrote ${file}`);
}

/** One measured window: reset, `body` (or a plain wait of `ms`), then what consoles, servers and the machine did. */
async function measure(
  instances: Instance[],
  workers: BenchChild<unknown>[],
  feeder: AvlFeeder,
  nginx: RunningNginx,
  ms: number,
  body: (ms: number) => Promise<void>,
): Promise<Window> {
  const living = () => instances.filter((i) => !i.killed);
  await Promise.all([...living().map((i) => i.child.ask('reset', {}, ASK_MS)), ...workers.map((w) => w.ask('reset', {}, ASK_MS))]);
  feeder.resetCounters();
  const cpu0 = new Map(await Promise.all(living().map(async (i) => [i, await i.child.ask<ServerStats>('stats', {}, ASK_MS)] as const)));
  const machine0 = cpuMark();
  const nginx0 = nginx.cpuMs();
  const t0 = performance.now();
  await body(ms);
  const machine1 = cpuMark();
  const nginx1 = nginx.cpuMs();
  const seconds = (performance.now() - t0) / 1000;
  const [stats, servers] = await Promise.all([
    Promise.all(workers.map((w) => w.ask<ConsoleStats>('collect', {}, ASK_MS))),
    Promise.all(living().map(async (i) => [i, await i.child.ask<ServerStats>('stats', {}, ASK_MS).catch(() => null)] as const)),
  ]);
  const consoles = stats.reduce((a, s) => a + s.connected, 0);
  const fixesPerConsolePerSec = stats.reduce((a, s) => a + s.fixesPerConsolePerSec * s.connected, 0) / Math.max(1, consoles);
  // Only instances alive for the whole window have a CPU figure for it.
  let serverCpuMs = 0;
  let serverKnown = true;
  for (const [i, s] of servers) {
    const s0 = cpu0.get(i);
    if (!s || !s0) serverKnown = false;
    else serverCpuMs += s.cpuUserMs + s.cpuSystemMs - s0.cpuUserMs - s0.cpuSystemMs;
  }
  const machine = busyCores(machine0, machine1);
  return {
    seconds: round(seconds, 1),
    push: summarizeHistogram(mergeHistograms(stats.map((s) => s.push as HistogramData))),
    fixAge: summarizeHistogram(mergeHistograms(stats.map((s) => s.fixAge as HistogramData))),
    deliveredRatio: round(fixesPerConsolePerSec / LOAD.units, 3),
    consolesConnected: consoles,
    disconnects: stats.reduce((a, s) => a + s.disconnects, 0),
    consolesProcCores: round(stats.reduce((a, s) => a + s.cpuCores, 0), 2),
    serverCores: serverKnown ? round(serverCpuMs / 1000 / seconds, 2) : null,
    serverLoopDelayP99Ms: servers.some(([, st]) => st) ? round(Math.max(...servers.map(([, st]) => st?.loopDelayP99Ms ?? 0)), 0) : null,
    nginxCores: nginx0 === null || nginx1 === null ? null : round((nginx1 - nginx0) / 1000 / seconds, 2),
    machineBusyCores: machine === null ? null : round(machine, 2),
    loadAverage: loadAverage(),
  };
}

function row(phase: string, w: Window) {
  return {
    phase,
    seconds: w.seconds,
    consoles: w.consolesConnected,
    'push p50': w.push.p50,
    'push p99': w.push.p99,
    'push max': w.push.max,
    'age p50': w.fixAge.p50,
    'age p99': w.fixAge.p99,
    delivered: `${Math.round(w.deliveredRatio * 100)}%`,
    drops: w.disconnects,
    'servers cores': w.serverCores,
    'loop delay p99': w.serverLoopDelayP99Ms,
    'consoles proc cores': w.consolesProcCores,
    'nginx cores': w.nginxCores,
    'machine busy cores': w.machineBusyCores,
    'load avg': w.loadAverage,
  };
}

function countBy(values: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** Connections to the bench database by state and wait event. */
async function dbActivity(url: string, name: string): Promise<Record<string, number>> {
  const sql = sqlClient(url);
  try {
    const rows = await sql.unsafe<{ k: string; n: number }[]>(
      `select coalesce(state, '-') || ' / ' || coalesce(wait_event_type || ':' || wait_event, '-') as k, count(*)::int as n
       from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() group by 1 order by 2 desc`,
      [name],
    );
    return Object.fromEntries(rows.map((r) => [r.k, r.n]));
  } finally {
    await sql.end();
  }
}

interface EventLog {
  seqs: number[];
  callIds: number[];
}

/** What a dispatcher hears after `afterSeq` (every event but accounts), and the calls created. */
async function eventLog(url: string, afterSeq: number): Promise<EventLog> {
  const sql = sqlClient(url);
  try {
    const rows = await sql.unsafe<{ seq: string | number; name: string; entity_id: number }[]>(
      `select seq, name, entity_id from events where seq > $1 and entity <> 'user' order by seq`,
      [afterSeq],
    );
    return { seqs: rows.map((r) => Number(r.seq)), callIds: rows.filter((r) => r.name === 'call.created').map((r) => Number(r.entity_id)) };
  } finally {
    await sql.end();
  }
}

/** Ask every console what it lacks; pushes still on their way get VERIFY_GRACE_MS before a lack counts as missed. */
async function verifyAll(url: string, workers: BenchChild<unknown>[], afterSeq: number) {
  // Events logged after this point (an alert, say) are not part of the check: they may still be in flight.
  const log = await eventLog(url, afterSeq);
  const t0 = Date.now();
  for (;;) {
    const parts = await Promise.all(workers.map((w) => w.ask<Verification>('verify', { seqs: log.seqs, callIds: log.callIds }, ASK_MS)));
    const verification = parts.reduce((a, p) => ({
      consoles: a.consoles + p.consoles,
      complete: a.complete + p.complete,
      disconnected: a.disconnected + p.disconnected,
      behind: a.behind + p.behind,
      missingSeqs: a.missingSeqs + p.missingSeqs,
      missingCalls: a.missingCalls + p.missingCalls,
      worstMissing: Math.max(a.worstMissing, p.worstMissing),
    }));
    const graceMs = Date.now() - t0;
    if (verification.complete === verification.consoles || graceMs >= VERIFY_GRACE_MS) return { verification, log, graceMs };
    await sleep(1000);
  }
}

try {
  await main();
} catch (e) {
  console.error(e);
  await cleanUp();
  process.exit(1);
}
process.exit(0);
