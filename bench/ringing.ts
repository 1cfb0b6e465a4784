/**
 * Ringing storm (issue 13): a telephony gateway posts 100 line events a second for 60 s (ringing → answered
 * at a seat → ended, some abandoned, over the centre's 40 surge-plan lines and 30 seats, a batch every
 * 100 ms) while 500 consoles are connected: 450 dispatch seats and 50 command-group screens, all of which
 * hear lines. Measured from the gateway's send time to each console having received and parsed the
 * `line.<kind>` event: p50, p99, max, and every (event, console) pair that never arrived. Baseline in the
 * same run: the same storm on a fresh copy of the database with no console connected (the POST round trip
 * and the server's CPU without the fan-out). Server, gateway and consoles are three processes.
 */
import { createBenchDatabase, currentSeq, sqlClient } from './lib/db.ts';
import { forkBench, type BenchChild, type ServerReady } from './lib/child.ts';
import { login } from './lib/http.ts';
import { busyCores, cpuMark, loadAverage } from './lib/machine.ts';
import { mergeHistograms, printTable, round, sleep, summarizeHistogram, writeResult, type Cell } from './lib/stats.ts';
import type { ServerStats } from './lib/serverChild.ts';
import type { RingingConsoleStats } from './ringing/consoles.ts';
import { RingingGateway } from './ringing/gateway.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const EVENTS_PER_SECOND = 100;
/** BENCH_RINGING_SECONDS and BENCH_RINGING_CONSOLES change the load, to look into a figure (a profile, a smaller load). */
const SECONDS = Number(process.env.BENCH_RINGING_SECONDS ?? (QUICK ? 10 : 60));
const CONSOLE_COUNT = Number(process.env.BENCH_RINGING_CONSOLES ?? (QUICK ? 50 : 500));
/** One in ten a command-group screen. */
const CONSOLES = { dispatch: CONSOLE_COUNT - Math.round(CONSOLE_COUNT / 10), command: Math.round(CONSOLE_COUNT / 10) };
const TARGET_P99_MS = 250;
const SETTLE_MS = 2000;
/** After the last batch is answered, how long consoles may take to hold every event before it counts as lost. */
const DRAIN_MS = 10_000;
const ASK_MS = 30_000;
/**
 * BENCH_RINGING_CORK=1 adds a third storm, an experiment and not the product: the consoles' sockets corked
 * while engine.io writes what is queued for them (bench/lib/serverChild.ts, BENCH_WS_CORK), to measure what
 * one write per flush instead of one per event would be worth. About a minute more.
 */
const CORK_EXPERIMENT = process.env.BENCH_RINGING_CORK === '1';

interface StormResult {
  run: 'consoles' | 'baseline' | 'consoles corked (experiment)';
  consoles: number;
  dispatchConsoles: number;
  commandConsoles: number;
  seconds: number;
  eventsPosted: number;
  /** Stored over the time until the last batch was answered: below 100 the server fell behind and the gateway queued. */
  eventsPerSec: number;
  eventsStored: number;
  eventsLogged: number;
  kinds: Record<string, number>;
  postStatuses: Record<string, number>;
  postRetries: number;
  batchesHeldBack: number;
  eventsFailed: number;
  postP50Ms: number;
  postP99Ms: number;
  postMaxMs: number;
  expectedDeliveries: number;
  delivered: number;
  lost: number;
  consolesComplete: number;
  worstConsoleLost: number;
  duplicates: number;
  eventToConsoleP50Ms: number | null;
  eventToConsoleP99Ms: number | null;
  eventToConsoleMaxMs: number | null;
  dispatchP99Ms: number | null;
  commandP99Ms: number | null;
  commandNumberLeaks: number;
  otherEventsPerConsole: number | null;
  disconnects: number;
  snapshotsAfterDrop: number;
  serverCpuCores: number;
  serverCpuSeconds: number;
  /** Seat changes and the like the consoles heard besides the line events (each its own packet too). */
  otherEventsDelivered: number;
  /** Server CPU above the baseline's per packet written to a console (line or seat event): the fan-out's own cost. */
  fanoutMicrosPerPacket: number | null;
  serverRssMiB: number;
  serverLoopDelayP99Ms: number;
  serverLoopDelayMaxMs: number;
  consolesProcessCpuCores: number | null;
  machineBusyCores: number | null;
  loadAverage: number;
}

async function centreOf(url: string): Promise<{ lines: number[]; seats: number[] }> {
  const sql = sqlClient(url);
  try {
    const lines = await sql.unsafe<{ id: number }[]>('select id from phone_lines order by id');
    const seats = await sql.unsafe<{ seat: number }[]>('select seat from seats order by seat');
    return { lines: lines.map((l) => Number(l.id)), seats: seats.map((s) => Number(s.seat)) };
  } finally {
    await sql.end();
  }
}

async function lineEventsLoggedAfter(url: string, seq: number): Promise<number> {
  const sql = sqlClient(url);
  try {
    const [row] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from events where entity = 'line' and seq > $1`, [seq]);
    return Number(row?.n ?? 0);
  } finally {
    await sql.end();
  }
}

async function storm(url: string, centre: { lines: number[]; seats: number[] }, counts: { dispatch: number; command: number }, corked = false): Promise<StormResult> {
  const total = counts.dispatch + counts.command;
  const server = await forkBench<ServerReady>('lib/serverChild.ts', { DATABASE_URL: url, ...(corked ? { BENCH_WS_CORK: '1' } : {}) });
  let consoles: BenchChild<unknown> | null = null;
  const base = server.ready.url;
  try {
    const gateway = new RingingGateway(base, await login(base, 'cti-gateway'), centre.lines, centre.seats);
    const seq0 = await currentSeq(url);
    if (total > 0) {
      const tokens = {
        dispatch: await Promise.all(['dispatcher', 'dispatcher2', 'sim-dispatcher'].map((u) => login(base, u))),
        command: [await login(base, 'command')],
      };
      consoles = await forkBench('ringing/consoles.ts');
      const made = await consoles.ask<{ connected: number; failed: number }>('setConsoles', { url: base, tokens, counts, lastSeq: seq0, events: EVENTS_PER_SECOND * SECONDS }, 120_000);
      console.log(`  ${made.connected}/${total} consoles connected`);
    }
    await sleep(SETTLE_MS);
    await Promise.all([server.ask('reset', {}, ASK_MS), consoles?.ask('reset', {}, ASK_MS)]);
    const s0 = await server.ask<ServerStats>('stats', {}, ASK_MS);
    const machine0 = cpuMark();
    const t0 = performance.now();
    await gateway.run(EVENTS_PER_SECOND, SECONDS);
    const seconds = (performance.now() - t0) / 1000;
    const machine1 = cpuMark();
    const s1 = await server.ask<ServerStats>('stats', {}, ASK_MS);

    let c: RingingConsoleStats | null = null;
    let cpuOfConsoles: number | null = null;
    if (consoles) {
      // The first look right after the storm carries the consoles' CPU over it; later ones only wait for stragglers.
      const drainUntil = performance.now() + DRAIN_MS;
      c = await consoles.ask<RingingConsoleStats>('collect', { expected: gateway.stored }, ASK_MS);
      cpuOfConsoles = c.cpuCores;
      while (c.lost > 0 && performance.now() < drainUntil) {
        await sleep(1000);
        c = await consoles.ask<RingingConsoleStats>('collect', { expected: gateway.stored }, ASK_MS);
      }
    }
    const all = c ? summarizeHistogram(mergeHistograms([c.latency.dispatch, c.latency.command])) : null;
    const p99Of = (h: RingingConsoleStats['latency']['dispatch'] | undefined) => (h && h.total > 0 ? summarizeHistogram(h).p99 : null);
    const post = summarizeHistogram(gateway.roundTripMs.toJSON());
    const machine = busyCores(machine0, machine1);
    const r: StormResult = {
      run: corked ? 'consoles corked (experiment)' : total > 0 ? 'consoles' : 'baseline',
      consoles: c?.consoles ?? 0,
      dispatchConsoles: c?.bySeat.dispatch ?? 0,
      commandConsoles: c?.bySeat.command ?? 0,
      seconds: round(seconds, 1),
      eventsPosted: gateway.posted,
      eventsPerSec: round(gateway.posted / Math.max(seconds, SECONDS), 1),
      eventsStored: gateway.stored.length,
      eventsLogged: await lineEventsLoggedAfter(url, seq0),
      kinds: Object.fromEntries(gateway.kinds),
      postStatuses: Object.fromEntries([...gateway.statuses].map(([s, n]) => [String(s), n])),
      postRetries: gateway.retries,
      batchesHeldBack: gateway.heldBackBatches,
      eventsFailed: gateway.failed,
      postP50Ms: post.p50,
      postP99Ms: post.p99,
      postMaxMs: post.max,
      expectedDeliveries: gateway.stored.length * (c?.consoles ?? 0),
      delivered: c?.received ?? 0,
      lost: c?.lost ?? 0,
      consolesComplete: c?.complete ?? 0,
      worstConsoleLost: c?.worstLost ?? 0,
      duplicates: c?.duplicates ?? 0,
      eventToConsoleP50Ms: all?.p50 ?? null,
      eventToConsoleP99Ms: all?.p99 ?? null,
      eventToConsoleMaxMs: all?.max ?? null,
      dispatchP99Ms: p99Of(c?.latency.dispatch),
      commandP99Ms: p99Of(c?.latency.command),
      commandNumberLeaks: c?.numberLeaks ?? 0,
      otherEventsPerConsole: c && c.consoles > 0 ? round(c.otherEvents / c.consoles, 0) : null,
      disconnects: c?.disconnects ?? 0,
      snapshotsAfterDrop: c?.snapshotsAfterDrop ?? 0,
      serverCpuCores: round((s1.cpuUserMs + s1.cpuSystemMs - s0.cpuUserMs - s0.cpuSystemMs) / 1000 / seconds, 2),
      serverCpuSeconds: round((s1.cpuUserMs + s1.cpuSystemMs - s0.cpuUserMs - s0.cpuSystemMs) / 1000, 1),
      otherEventsDelivered: c?.otherEvents ?? 0,
      fanoutMicrosPerPacket: null,
      serverRssMiB: round(s1.rssMiB, 0),
      serverLoopDelayP99Ms: round(s1.loopDelayP99Ms, 1),
      serverLoopDelayMaxMs: round(s1.loopDelayMaxMs, 1),
      consolesProcessCpuCores: cpuOfConsoles === null ? null : round(cpuOfConsoles, 2),
      machineBusyCores: machine === null ? null : round(machine, 2),
      loadAverage: loadAverage(),
    };
    // A total the consoles cannot check for themselves: a stored event the gateway did not see answered.
    if (r.eventsLogged !== r.eventsStored) console.log(`  note: ${r.eventsLogged} line events logged, the gateway saw ${r.eventsStored} stored`);
    console.log(
      `  ${r.run}: ${r.eventsPosted} events in ${r.seconds} s, POST p99 ${r.postP99Ms} ms, server ${r.serverCpuCores} cores` +
        (c ? `; event to console p50 ${r.eventToConsoleP50Ms} ms, p99 ${r.eventToConsoleP99Ms} ms, max ${r.eventToConsoleMaxMs} ms; lost ${r.lost} of ${r.expectedDeliveries}; consoles proc ${r.consolesProcessCpuCores} cores` : ''),
    );
    return r;
  } finally {
    await consoles?.stop();
    await server.stop();
  }
}

async function main() {
  const consoles = CONSOLES.dispatch + CONSOLES.command;
  console.log(`ringing: ${EVENTS_PER_SECOND} line events/s for ${SECONDS} s, ${consoles} consoles, then the same storm with none ...`);
  const db = await createBenchDatabase('ringing');
  // The baseline's own copy, taken before the storm: the same centre, no earlier events on its lines to re-read.
  const baselineDb = await createBenchDatabase('ringing_base', { template: db.name });
  const corkedDb = CORK_EXPERIMENT ? await createBenchDatabase('ringing_cork', { template: db.name }) : null;
  const results: StormResult[] = [];
  try {
    const centre = await centreOf(db.url);
    console.log(`  the centre: ${centre.lines.length} lines, ${centre.seats.length} seats`);
    results.push(await storm(db.url, centre, CONSOLES));
    results.push(await storm(baselineDb.url, centre, { dispatch: 0, command: 0 }));
    if (corkedDb) results.push(await storm(corkedDb.url, centre, CONSOLES, true));
  } finally {
    await db.drop();
    await baselineDb.drop();
    await corkedDb?.drop();
  }
  const [withConsoles, baseline] = results as [StormResult, StormResult];
  const corked = results[2];
  for (const r of results) {
    const packets = r.delivered + r.otherEventsDelivered;
    if (packets > 0) r.fanoutMicrosPerPacket = round(((r.serverCpuSeconds - baseline.serverCpuSeconds) * 1e6) / packets, 1);
  }

  printTable(
    `Ringing storm: ${EVENTS_PER_SECOND} line events/s for ${SECONDS} s, a batch every 100 ms (event to console = gateway send time -> console parsed the line.<kind> event; lost = (event, console) pairs never received)`,
    results.map((r): Record<string, Cell> => ({
      run: r.run,
      consoles: r.consoles ? `${r.dispatchConsoles} + ${r.commandConsoles} cmd` : 0,
      'events/s': r.eventsPerSec,
      'POST p50': r.postP50Ms,
      'POST p99': r.postP99Ms,
      'POST max': r.postMaxMs,
      'held back': r.batchesHeldBack,
      'p50': r.eventToConsoleP50Ms,
      'p99': r.eventToConsoleP99Ms,
      'max': r.eventToConsoleMaxMs,
      'p99 dispatch': r.dispatchP99Ms,
      'p99 cmd': r.commandP99Ms,
      lost: r.consoles ? `${r.lost}/${r.expectedDeliveries}` : null,
      drops: r.disconnects,
      'server cores': r.serverCpuCores,
      'µs/packet': r.fanoutMicrosPerPacket,
      'server MiB': r.serverRssMiB,
      'loop p99': r.serverLoopDelayP99Ms,
      'consoles proc cores': r.consolesProcessCpuCores,
      'machine busy cores': r.machineBusyCores,
      'load avg': r.loadAverage,
    })),
  );
  const verdict = {
    load: `${EVENTS_PER_SECOND} events/s x ${SECONDS} s x ${consoles} consoles`,
    p99Under250: withConsoles.eventToConsoleP99Ms !== null && withConsoles.eventToConsoleP99Ms < TARGET_P99_MS,
    noEventLost: withConsoles.lost === 0 && withConsoles.consoles === consoles && withConsoles.eventsFailed === 0,
    commandHeardNoNumber: withConsoles.commandNumberLeaks === 0,
    serverCpuOverBaseline: baseline.serverCpuCores > 0 ? round(withConsoles.serverCpuCores / baseline.serverCpuCores, 1) : null,
    postP99OverBaseline: baseline.postP99Ms > 0 ? round(withConsoles.postP99Ms / baseline.postP99Ms, 1) : null,
    ...(corked ? { corkedP99Under250: corked.eventToConsoleP99Ms !== null && corked.eventToConsoleP99Ms < TARGET_P99_MS, corkedNoEventLost: corked.lost === 0 && corked.consoles === consoles } : {}),
  };
  printTable('Verdict', [verdict]);
  const file = await writeResult('ringing', { targets: { eventToConsoleP99Ms: TARGET_P99_MS, lost: 0 }, quick: QUICK, load: { eventsPerSecond: EVENTS_PER_SECOND, seconds: SECONDS, consoles: CONSOLES }, verdict, results });
  console.log(`\nwrote ${file}`);
}

await main();
process.exit(0);
