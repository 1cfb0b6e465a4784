/**
 * Writes through the API against PostgreSQL: each call is created (POST /api/calls) and assigned a
 * free unit (POST /api/calls/:id/assign), from a load generator in this process, the server in
 * another. Phase 1 offers the target rate open-loop; phase 2 finds the most it sustains closed-loop.
 */
import { performance } from 'node:perf_hooks';
import { createBenchDatabase, growFleet } from './lib/db.ts';
import { forkBench, type ServerReady } from './lib/child.ts';
import { callBody, login, post } from './lib/http.ts';
import { printTable, round, sleep, summarize, writeResult } from './lib/stats.ts';
import type { ServerStats } from './lib/serverChild.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const TARGET_RATE = 200;
const TARGET_P99_MS = 50;
const OPEN_SECONDS = QUICK ? 3 : 15;
const WARMUP_SECONDS = QUICK ? 1 : 2;
const CLOSED_SECONDS = QUICK ? 3 : 10;
const CLOSED_WORKERS = 32;
/** Past this many calls in flight (a hundred seats) the generator stops offering more; the shortfall shows as rate. */
const MAX_IN_FLIGHT = 100;
/** Enough free units for every call of both phases. */
const FLEET = QUICK ? 2000 : (TARGET_RATE * 1.2 * (OPEN_SECONDS + WARMUP_SECONDS) + 600 * CLOSED_SECONDS) | 0;

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
      const call = await post<{ id: number }>(base, token, '/api/calls', callBody(i));
      const t1 = performance.now();
      if (call.status !== 201) return fail(`create ${call.status}`);
      const unitId = free.pop();
      if (unitId === undefined) return fail('no free unit');
      const res = await post(base, token, `/api/calls/${call.body.id}/assign`, { unitId, hospitalId: null });
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

    await openLoop(TARGET_RATE, WARMUP_SECONDS, false);
    errors = 0;
    errorCodes.clear();
    await server.ask('reset');
    const cpu0 = await server.ask<ServerStats>('stats');
    const open = await openLoop(TARGET_RATE, OPEN_SECONDS, true);
    const cpu1 = await server.ask<ServerStats>('stats');
    const openErrors = errors;

    // Phase 2: closed loop, a fixed number of seats each sending the next call as soon as one is done.
    errors = 0;
    const closedSamples: Sample[] = [];
    const closedStart = performance.now();
    await Promise.all(
      Array.from({ length: CLOSED_WORKERS }, async () => {
        while (performance.now() - closedStart < CLOSED_SECONDS * 1000 && free.length > 0) {
          const s = await oneCall().catch(() => fail('network'));
          if (s) closedSamples.push(s);
        }
      }),
    );
    const closedWall = (performance.now() - closedStart) / 1000;
    const cpu2 = await server.ask<ServerStats>('stats');

    const cores = (a: ServerStats, b: ServerStats, s: number) => round((b.cpuUserMs + b.cpuSystemMs - a.cpuUserMs - a.cpuSystemMs) / 1000 / s, 2);
    const row = (label: string, samples: Sample[], wall: number, errs: number, cpu: number, extra: Record<string, number> = {}) => {
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
      row(`open loop, ${TARGET_RATE}/s offered`, open.samples, open.wall, openErrors, cores(cpu0, cpu1, open.wall), { refused: open.refused }),
      row(`closed loop, ${CLOSED_WORKERS} seats`, closedSamples, closedWall, errors, cores(cpu1, cpu2, closedWall)),
    ];
    const openRow = rows[0]!;
    const meets = openRow['calls/s'] >= TARGET_RATE * 0.97 && openRow['create p99'] < TARGET_P99_MS && openRow['assign p99'] < TARGET_P99_MS && openErrors === 0;
    printTable(`Writes: call creation + assignment through the API on PostgreSQL (target ${TARGET_RATE} calls/s, p99 < ${TARGET_P99_MS} ms per request)`, rows);
    console.log(`  target met: ${meets}${errorCodes.size ? `; errors: ${JSON.stringify(Object.fromEntries(errorCodes))}` : ''}`);
    const file = await writeResult('writes', {
      targets: { callsPerSec: TARGET_RATE, p99MsPerRequest: TARGET_P99_MS },
      meetsTarget: meets,
      note: 'each call is two requests (create, assign), each its own transaction with the event log; p99 is per request, call+assign is both in a row',
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
