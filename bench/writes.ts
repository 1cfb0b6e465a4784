/**
 * Writes through the API against PostgreSQL: each call is created (POST /api/calls) and assigned a
 * free unit (POST /api/calls/:id/assign), from a load generator in this process, the server in
 * another. Closed loop at 8 and 32 seats (the most it sustains), then 20 calls a second offered open-loop
 * while 5,000 units post fixes at 1 Hz (what a surge night looks like to the write path).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createBenchDatabase, growFleet } from './lib/db.ts';
import { forkBench, type ServerReady } from './lib/child.ts';
import { callBody, login, post } from './lib/http.ts';
import { AvlFeeder } from './lib/feeder.ts';
import { printTable, round, sleep, summarize, writeResult } from './lib/stats.ts';
import type { ServerStats } from './lib/serverChild.ts';

const QUICK = process.env.BENCH_QUICK === '1';
/** Issue 18: >= 300 calls + assignments a second closed loop; p99 < 50 ms per request at 20/s offered with the fleet moving. */
const TARGET_CLOSED_RATE = 300;
const OPEN_RATE = 20;
const TARGET_P99_MS = 50;
const MOVING_UNITS = QUICK ? 500 : 5000;
const OPEN_SECONDS = QUICK ? 3 : 15;
const WARMUP_SECONDS = QUICK ? 1 : 2;
const CLOSED_SECONDS = QUICK ? 3 : 10;
const SEATS = [8, 32] as const;
/** Measured from outside before issue 18 (closed loop, the same two requests a call). */
const BEFORE = { '8 seats': '92-127 calls/s, p99 190 ms per request', '32 seats': 'p99 570 ms per request' };
/** Past this many calls in flight (a hundred seats) the generator stops offering more; the shortfall shows as rate. */
const MAX_IN_FLIGHT = 100;
/** Enough free units for every call of every phase. */
const FLEET = QUICK ? 2000 : Math.max(MOVING_UNITS, (OPEN_RATE * 1.2 * (OPEN_SECONDS + WARMUP_SECONDS) + 500 * CLOSED_SECONDS * SEATS.length) | 0);

interface Sample {
  createMs: number;
  assignMs: number;
  totalMs: number;
}

async function main() {
  console.log(`writes: preparing a database with ${FLEET} units ...`);
  const db = await createBenchDatabase('writes');
  const unitIds = await growFleet(db.url, FLEET);
  const server = await forkBench<ServerReady>('lib/serverChild.ts', { DATABASE_URL: db.url, BENCH_FANOUT: 'coalesced' });
  try {
    const base = server.ready.url;
    const tokens = await Promise.all(['dispatcher', 'dispatcher2', 'sim-dispatcher'].map((u) => login(base, u)));
    // Critical-care units are kept for the other classes; every bench call is 'common', which any unit carries.
    const free = [...unitIds];
    let n = 0;
    let errors = 0;
    const errorCodes = new Map<string, number>();

    async function oneCall(): Promise<Sample | null> {
      const i = ++n;
      const token = tokens[i % tokens.length]!;
      const t0 = performance.now();
      const call = await post<{ id: number }>(base, token, '/api/calls', callBody(i), randomUUID());
      const t1 = performance.now();
      if (call.status !== 201) return fail(`create ${call.status}`);
      const unitId = free.pop();
      if (unitId === undefined) return fail('no free unit');
      const res = await post(base, token, `/api/calls/${call.body.id}/assign`, { unitId, hospitalId: null }, randomUUID());
      const t2 = performance.now();
      if (res.status !== 201) return fail(`assign ${res.status} ${(res.body as { code?: string } | null)?.code ?? ''}`);
      return { createMs: t1 - t0, assignMs: t2 - t1, totalMs: t2 - t0 };
    }
    function fail(code: string): null {
      errors++;
      errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
      return null;
    }

    // Phase 1: open loop at the target rate (calls arrive whether or not the last is done).
    async function openLoop(rate: number, seconds: number, record: boolean) {
      const samples: Sample[] = [];
      let inFlight = 0;
      let refused = 0;
      let offered = 0;
      const started = performance.now();
      const all: Promise<void>[] = [];
      const tickMs = 10;
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          const elapsed = (performance.now() - started) / 1000;
          if (elapsed >= seconds) {
            clearInterval(timer);
            resolve();
            return;
          }
          const due = Math.floor(elapsed * rate) - offered;
          for (let k = 0; k < due; k++) {
            offered++;
            if (inFlight >= MAX_IN_FLIGHT) {
              refused++;
              continue;
            }
            inFlight++;
            all.push(
              oneCall()
                .then((s) => {
                  if (s && record) samples.push(s);
                })
                .catch(() => void fail('network'))
                .finally(() => inFlight--),
            );
          }
        }, tickMs);
      });
      await Promise.all(all);
      const wall = (performance.now() - started) / 1000;
      return { samples, offered, refused, wall };
    }

    const cores = (a: ServerStats, b: ServerStats, s: number) => round((b.cpuUserMs + b.cpuSystemMs - a.cpuUserMs - a.cpuSystemMs) / 1000 / s, 2);
    const closed: { seats: number; samples: Sample[]; wall: number; errors: number; cpu: number }[] = [];
    for (const seats of SEATS) {
      // Closed loop: a fixed number of seats, each sending the next call as soon as one is done.
      errors = 0;
      const samples: Sample[] = [];
      const c0 = await server.ask<ServerStats>('stats');
      const start = performance.now();
      await Promise.all(
        Array.from({ length: seats }, async () => {
          while (performance.now() - start < CLOSED_SECONDS * 1000 && free.length > 0) {
            const s = await oneCall().catch(() => fail('network'));
            if (s) samples.push(s);
          }
        }),
      );
      const wall = (performance.now() - start) / 1000;
      closed.push({ seats, samples, wall, errors, cpu: cores(c0, await server.ask<ServerStats>('stats'), wall) });
    }

    // Open loop at 20/s while the fleet moves: the fixes take their share of the server and of the unit rows.
    const feeder = new AvlFeeder(base, await login(base, 'avl-gateway'), unitIds);
    feeder.setUnits(MOVING_UNITS);
    feeder.start();
    await openLoop(OPEN_RATE, WARMUP_SECONDS, false);
    errors = 0;
    errorCodes.clear();
    feeder.resetCounters();
    const cpu0 = await server.ask<ServerStats>('stats');
    const open = await openLoop(OPEN_RATE, OPEN_SECONDS, true);
    const cpu1 = await server.ask<ServerStats>('stats');
    const fixesPerSec = round(feeder.applied / open.wall, 0);
    feeder.stop();
    const openErrors = errors;

    const row = (label: string, samples: Sample[], wall: number, errs: number, cpu: number, extra: Record<string, number | string> = {}) => {
      const total = summarize(samples.map((s) => s.totalMs));
      const create = summarize(samples.map((s) => s.createMs));
      const assign = summarize(samples.map((s) => s.assignMs));
      return {
        phase: label,
        'calls/s': round(samples.length / wall, 1),
        calls: samples.length,
        errors: errs,
        'create p50': round(create.p50, 1),
        'create p99': round(create.p99, 1),
        'assign p50': round(assign.p50, 1),
        'assign p99': round(assign.p99, 1),
        'call+assign p99': round(total.p99, 1),
        'max': round(total.max, 1),
        'server cores': cpu,
        ...extra,
      };
    };
    const rows = [
      ...closed.map((c) => row(`closed loop, ${c.seats} seats`, c.samples, c.wall, c.errors, c.cpu, { before: BEFORE[`${c.seats} seats` as keyof typeof BEFORE] })),
      row(`open loop, ${OPEN_RATE}/s offered, ${MOVING_UNITS} units at 1 Hz`, open.samples, open.wall, openErrors, cores(cpu0, cpu1, open.wall), { refused: open.refused, 'fixes/s': fixesPerSec }),
    ];
    const best = Math.max(...rows.slice(0, SEATS.length).map((r) => r['calls/s']));
    const openRow = rows.at(-1)!;
    const verdict = {
      closedLoopAtLeast300: best >= TARGET_CLOSED_RATE,
      openLoopP99Under50: openRow['create p99'] < TARGET_P99_MS && openRow['assign p99'] < TARGET_P99_MS && openErrors === 0 && open.refused === 0,
    };
    printTable(`Writes: call creation + assignment through the API on PostgreSQL (targets: >= ${TARGET_CLOSED_RATE} calls/s closed loop; p99 < ${TARGET_P99_MS} ms per request at ${OPEN_RATE}/s with the fleet moving)`, rows);
    printTable('Verdict', [verdict]);
    if (errorCodes.size) console.log(`  errors: ${JSON.stringify(Object.fromEntries(errorCodes))}`);
    const file = await writeResult('writes', {
      targets: { closedCallsPerSec: TARGET_CLOSED_RATE, openRate: OPEN_RATE, p99MsPerRequest: TARGET_P99_MS, movingUnits: MOVING_UNITS },
      verdict,
      before: BEFORE,
      note: 'each call is two requests (create, assign), each with an Idempotency-Key as the console sends it and its own transaction with the event log; p99 is per request, call+assign is both in a row',
      results: rows,
      errors: Object.fromEntries(errorCodes),
    });
    console.log(`\nwrote ${file}`);
  } finally {
    await server.stop();
    await db.drop();
  }
}

await main();
await sleep(10);
process.exit(0);
