/**
 * Surge day (issue 14, "Proof by simulation"): the demo city (Cixi) through a seeded day at its surge plan's
 * 5x call rate, once per destination policy on the same day: (a) the project's suggestions (shared
 * suggestHospitals), (b) the nearest allowed hospital, (c) the nearest allowed hospital with a free ICU bed
 * for severe and critical. Always the first choice. The engine and its rules: bench/lib/surgeDay.ts.
 * BENCH_QUICK=1 runs a 6-hour day on one seed.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_SURGE_OPTIONS, runSurgeDay, type SurgeDayFigures } from './lib/surgeDay.ts';
import { drawSurgeDay, loadSurgeCity } from './lib/surgeDayCity.ts';
import { NEAREST_ALLOWED, PROJECT_SUGGESTIONS, SURGE_POLICIES } from './lib/surgeDayPolicies.ts';
import { printTable, round, writeResult } from './lib/stats.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const HOURS = QUICK ? 6 : 24;
const SEEDS = QUICK ? [120] : [120, 121, 122];
const options = { ...DEFAULT_SURGE_OPTIONS, dayMinutes: HOURS * 60, drainMinutes: (QUICK ? 3 : 12) * 60 };
/** At least this share fewer ambulance-hours at the door than baseline (b). */
const TARGET_DOOR_CUT = 0.3;

const city = await loadSurgeCity('cixi');
const runs: { seed: number; calls: number; figures: SurgeDayFigures; seconds: number }[] = [];
for (const seed of SEEDS) {
  const calls = drawSurgeDay(city, seed, HOURS);
  for (const policy of SURGE_POLICIES) {
    const t0 = performance.now();
    const { figures } = runSurgeDay(city, calls, policy, options);
    runs.push({ seed, calls: calls.length, figures, seconds: round((performance.now() - t0) / 1000, 2) });
  }
}

printTable(
  `Surge day in ${city.id}: ${HOURS} h at ${city.normalCallsPerHour} × ${city.surgePlanMultiple} calls/h, capacity reported every ${options.reportEveryMinutes} min, free ICU bed worth ${options.icuExtraMinutes} min`,
  runs.map(({ seed, figures: f, seconds }) => ({
    seed,
    policy: f.policy,
    emergencies: f.emergencies,
    'handed over': f.handedOver,
    'sickest to full ICU': f.toFullIcu,
    // seen: another allowed hospital within +30 min reported a free bed (knowingly: the chosen one reported none); true: one had a free bed.
    'with a free bed within +30 min: seen (knowingly) / true': `${f.toFullIcuWithFreeBedSeenWithinExtra} (${f.toFullIcuWithFreeBedSeenKnowingly}) / ${f.toFullIcuWithFreeBedTrueWithinExtra}`,
    'critical, no ventilator': f.criticalWithoutVentilator,
    'door ambulance-h': f.doorHours,
    'call→handover p50 min': f.callToHandoverMedianMin,
    'p90 min': f.callToHandoverP90Min,
    declines: f.declines,
    overflow: f.overflow,
    'open at end': f.openAtEnd.awaitingUnit + f.openAtEnd.withCrew + f.openAtEnd.atDoor,
    's': seconds,
  })),
);

const targets = SEEDS.map((seed) => {
  const of = (name: string) => runs.find((r) => r.seed === seed && r.figures.policy === name)?.figures;
  const ours = of(PROJECT_SUGGESTIONS.name);
  const nearest = of(NEAREST_ALLOWED.name);
  if (!ours || !nearest) throw new Error(`seed ${seed}: a policy did not run`);
  const doorCut = nearest.doorHours > 0 ? 1 - ours.doorHours / nearest.doorHours : 0;
  return {
    seed,
    avoidableFullIcu: ours.toFullIcuWithFreeBedSeenWithinExtra,
    avoidableFullIcuMet: ours.toFullIcuWithFreeBedSeenWithinExtra === 0,
    doorCutPct: round(doorCut * 100, 1),
    doorCutMet: doorCut >= TARGET_DOOR_CUT,
  };
});
const word = (ok: boolean) => (ok ? 'met' : 'MISSED');
console.log('\nTargets for the project\'s suggestions (on the figures the dispatcher saw):');
for (const t of targets) {
  console.log(`  seed ${t.seed}: 0 sickest to a full ICU with a free bed within +${options.icuExtraMinutes} min: ${t.avoidableFullIcu} -> ${word(t.avoidableFullIcuMet)};` + ` door ambulance-hours ${t.doorCutPct >= 0 ? '' : '+'}${Math.abs(t.doorCutPct)} % ${t.doorCutPct >= 0 ? 'fewer' : 'more'} than nearest allowed (target >= ${TARGET_DOOR_CUT * 100} % fewer) -> ${word(t.doorCutMet)}`);
}

const file = await writeResult('surgeDay', {
  quick: QUICK,
  options,
  targets: { avoidableFullIcu: 0, doorCutVsNearestPct: TARGET_DOOR_CUT * 100 },
  met: targets,
  results: runs,
});
console.log(`\nwrote ${file}`);
