/**
 * Suggestion speed, in process: the shared `recommendUnits` over 2,000 units and `suggestHospitals`
 * over 200 hospitals, one call at a time, as the server and the console both call them.
 */
import { performance } from 'node:perf_hooks';
import { CLINICAL_CLASSES, UNIT_STATUSES, type ClinicalClass, type Hospital, type Unit } from '../shared/src/model.ts';
import { createStraightLineEstimator, recommendUnits, suggestHospitals } from '../shared/src/domain/index.ts';
import { buildHospital, buildUnit, DEMO_RULES, FACTORY_NOW } from '../shared/src/domain/testFactories.ts';
import { busyCores, cpuMark } from './lib/machine.ts';
import { printTable, round, summarize, writeResult } from './lib/stats.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const UNITS = 2000;
const HOSPITALS = 200;
const WARMUP = QUICK ? 200 : 2000;
const CALLS = QUICK ? 1000 : 20_000;
/** Stop early if a machine is far slower than expected. */
const MAX_MS = 20_000;
const TARGET_P99_MS = 2;

/** Deterministic pseudo-random numbers, so every run ranks the same city. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const random = rng(120);
const spot = () => ({ lon: 121.27 + (random() - 0.5) * 0.3, lat: 30.17 + (random() - 0.5) * 0.15 });

const units: Unit[] = Array.from({ length: UNITS }, (_, i) =>
  buildUnit({
    id: i + 1,
    callSign: `CX-${i + 1}`,
    kind: i % 10 === 0 ? 'critical_care' : 'standard',
    // About half the fleet is busy in a surge.
    status: random() < 0.5 ? 'available' : UNIT_STATUSES[Math.floor(random() * UNIT_STATUSES.length)]!,
    ...spot(),
  }),
);
const hospitals: Hospital[] = Array.from({ length: HOSPITALS }, (_, i) =>
  buildHospital({
    id: i + 1,
    code: `H${i + 1}`,
    kind: i === 0 ? 'designated' : i < 20 ? 'second_level' : 'township',
    openBeds: 50 + Math.floor(random() * 1000),
    occupiedBeds: Math.floor(random() * 50),
    icuOpen: i < 20 ? 20 : 0,
    icuOccupied: i < 20 ? Math.floor(random() * 20) : 0,
    edStatus: random() < 0.1 ? 'saturated' : random() < 0.05 ? 'diversion' : 'open',
    diversionUntil: null,
    ...spot(),
  }),
);
// Every seventh hospital has ambulances at the door, the longest held 10 minutes per ambulance there.
const offload = new Map(
  hospitals.filter((_, i) => i % 7 === 0).map((h) => [h.id, { atDoor: 1 + (h.id % 4), longestWaitMinutes: 10 * (1 + (h.id % 4)), medianLastHourMinutes: 20 }]),
);
const estimator = createStraightLineEstimator();
const patients = Array.from({ length: 1000 }, (_, i) => ({ ...spot(), clinicalClass: CLINICAL_CLASSES[i % CLINICAL_CLASSES.length] as ClinicalClass, needsBed: i % 3 === 0 }));

function time(label: string, fn: (i: number) => unknown) {
  for (let i = 0; i < WARMUP; i++) fn(i);
  const samples: number[] = [];
  const mark = cpuMark();
  const started = performance.now();
  let sink = 0;
  for (let i = 0; i < CALLS && performance.now() - started < MAX_MS; i++) {
    const t = performance.now();
    const out = fn(i) as unknown[];
    samples.push(performance.now() - t);
    sink += out.length;
  }
  const s = summarize(samples);
  const busy = busyCores(mark, cpuMark());
  return { label, 'machine busy cores': busy === null ? null : round(busy, 2), calls: s.count, p50Ms: round(s.p50, 4), p99Ms: round(s.p99, 4), maxMs: round(s.max, 3), meanMs: round(s.mean, 4), meetsTarget: s.p99 < TARGET_P99_MS, returned: sink };
}

const rows = [
  time(`recommendUnits over ${UNITS} units (top 8)`, (i) => recommendUnits(patients[i % patients.length]!, units, estimator, { limit: 8 })),
  time(`suggestHospitals over ${HOSPITALS} hospitals (top 6)`, (i) =>
    suggestHospitals(patients[i % patients.length]!, hospitals, { now: FACTORY_NOW, estimator, offload, staleAfterMinutes: 30, rules: DEMO_RULES }, 6),
  ),
];
printTable(`Suggestion speed (pure, in process; target p99 < ${TARGET_P99_MS} ms)`, rows.map(({ returned: _r, ...r }) => r));
const file = await writeResult('suggestions', { targets: { p99Ms: TARGET_P99_MS }, units: UNITS, hospitals: HOSPITALS, results: rows.map(({ returned: _r, ...r }) => r) });
console.log(`\nwrote ${file}`);
