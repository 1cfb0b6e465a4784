/** View rules of the command screen: tile colours against the thresholds and the order of the pressure table. Pure, tested. */
import type { CentreFigures, HospitalPressure, NowStats, Thresholds } from '@dispatch/shared';

export type Level = 'ok' | 'amber' | 'red';

/** The load tile: amber from the alert multiple, red from the surge plan (5x). */
export function loadLevel(load: NowStats['load']): Level {
  if (load.multiple >= load.planMultiple) return 'red';
  if (load.multiple >= load.alertMultiple) return 'amber';
  return 'ok';
}

/** Higher is worse: amber at `amber`, red at `red` (a threshold reached counts). */
export function levelAbove(value: number | null, amber: number, red: number): Level {
  if (value === null) return 'ok';
  if (value >= red) return 'red';
  if (value >= amber) return 'amber';
  return 'ok';
}

export interface Tile {
  key: string;
  value: string;
  detail: string;
  level: Level;
  /** Raw figure for tests and screen readers. */
  raw: number | null;
}

type T = (key: string, opts?: Record<string, unknown>) => string;
const pct = (x: number | null) => (x === null ? '—' : `${x}%`);
const min = (x: number | null, t: T) => (x === null ? '—' : t('tiles.minutes', { value: Math.round(x) }));

/** The "Now" tiles in reading order: queue and load first, then units, offload, beds, fleet. */
export function tilesOf(s: NowStats, th: Thresholds, t: T): Tile[] {
  const busyPct = Math.round(s.units.busyShare * 100);
  return [
    { key: 'waiting', value: String(s.queue.waiting), detail: t('tiles.longestWait', { value: min(s.queue.longestWaitMin, t) }), level: levelAbove(s.queue.longestWaitMin, th.queueWaitMinutes / 2, th.queueWaitMinutes), raw: s.queue.waiting },
    { key: 'load', value: `${s.load.multiple.toFixed(1)}×`, detail: t('tiles.loadDetail', { count: s.load.callsLastHour, baseline: s.load.baselinePerHour, plan: s.load.planMultiple }), level: loadLevel(s.load), raw: s.load.multiple },
    { key: 'advice', value: String(s.load.adviceToday), detail: t('tiles.adviceDetail', { hour: s.load.adviceLastHour, count: s.load.callsToday }), level: 'ok', raw: s.load.adviceToday },
    { key: 'busy', value: `${busyPct}%`, detail: t('tiles.busyDetail', { free: s.units.free, inService: s.units.inService }), level: s.units.free < th.minFreeUnits ? 'red' : busyPct >= 80 ? 'amber' : 'ok', raw: s.units.busyShare },
    { key: 'criticalCare', value: `${s.units.criticalCareFree}/${s.units.criticalCareTotal}`, detail: t('tiles.criticalCareDetail'), level: s.units.criticalCareFree === 0 ? 'red' : s.units.criticalCareFree <= 2 ? 'amber' : 'ok', raw: s.units.criticalCareFree },
    { key: 'held', value: String(s.offload.heldNow), detail: t('tiles.heldDetail', { value: min(s.offload.longestHeldMin, t) }), level: levelAbove(s.offload.longestHeldMin, th.offloadAmberMinutes, th.offloadRedMinutes), raw: s.offload.heldNow },
    { key: 'offloadToday', value: min(s.offload.medianTodayMin, t), detail: t('tiles.offloadTodayDetail', { p90: min(s.offload.p90TodayMin, t), hours: s.offload.unitHoursLostToday, count: s.offload.handoversToday }), level: levelAbove(s.offload.p90TodayMin, th.offloadAmberMinutes, th.offloadRedMinutes), raw: s.offload.medianTodayMin },
    { key: 'icu', value: pct(s.city.icuPct), detail: t('tiles.icuDetail', { occupied: s.city.icuOccupied, open: s.city.icuOpen, convertible: s.city.icuConvertibleClosed }), level: levelAbove(s.city.icuPct, th.icuOccupancyPct - 10, th.icuOccupancyPct), raw: s.city.icuPct },
    { key: 'beds', value: pct(s.city.bedsPct), detail: t('tiles.bedsDetail', { occupied: s.city.occupiedBeds, open: s.city.openBeds }), level: levelAbove(s.city.bedsPct, 85, 95), raw: s.city.bedsPct },
    { key: 'diversion', value: String(s.diversion.length), detail: t('tiles.diversionDetail'), level: s.diversion.length > 0 ? 'red' : 'ok', raw: s.diversion.length },
    { key: 'fleet', value: `${s.fleet.actual}/${s.fleet.required}`, detail: t('tiles.fleetDetail', { per: s.fleet.residentsPerUnit.toLocaleString('en'), population: s.fleet.population.toLocaleString('en') }), level: s.fleet.meets ? 'ok' : 'red', raw: s.fleet.actual },
  ];
}

const RANK: Record<Level, number> = { red: 0, amber: 1, ok: 2 };

/** Worst first: red, amber, then by ICU occupancy and the wait at the door. Facilities with no ICU and no patients sort last. */
export function pressureOrder(rows: readonly HospitalPressure[]): HospitalPressure[] {
  return [...rows].sort(
    (a, b) =>
      RANK[a.level] - RANK[b.level] ||
      (b.icuPct ?? -1) - (a.icuPct ?? -1) ||
      (b.longestHeldMin ?? -1) - (a.longestHeldMin ?? -1) ||
      a.code.localeCompare(b.code),
  );
}

/** A national target met (ok), missed (red), or nothing to judge yet (ok, the value says "—"). */
const targetLevel = (met: boolean | null): Level => (met === false ? 'red' : 'ok');

/**
 * The 120 centre's own figures of the day against the national targets (GET /api/stats/centre), in the
 * order a call goes: answered, not abandoned, unit gone, on scene (urban, rural), handed over, and how
 * many calls the centre is offered against its normal hour.
 */
export function centreTilesOf(f: CentreFigures, t: T): Tile[] {
  const share = (key: string, s: CentreFigures['answeredWithin'], detailKey: string): Tile => ({
    key,
    value: pct(s.pct),
    detail: t(detailKey, { count: s.count, of: s.of, target: s.targetPct }),
    level: targetLevel(s.met),
    raw: s.pct,
  });
  const response = (key: 'urban' | 'rural'): Tile => {
    const r = f.response[key];
    return {
      key: `response-${key}`,
      value: min(r.averageMin, t),
      detail: t('centre.responseDetail', { p90: min(r.p90Min, t), count: r.calls, target: r.targetMin }),
      level: targetLevel(r.met),
      raw: r.averageMin,
    };
  };
  // Abandoned is a rate to keep low: no national target, so it is told, not judged.
  const abandoned: Tile = { key: 'abandoned', value: pct(f.abandoned.pct), detail: t('centre.abandonedDetail', { count: f.abandoned.count, of: f.abandoned.of }), level: targetLevel(f.abandoned.met), raw: f.abandoned.pct };
  const peak = f.peakHour;
  return [
    share('answered', f.answeredWithin, 'centre.answeredDetail'),
    abandoned,
    share('leftWithin', f.leftWithin, 'centre.leftDetail'),
    response('urban'),
    response('rural'),
    share('handoverWithin', f.handoverWithin, 'centre.handoverDetail'),
    { key: 'offered', value: String(f.offered), detail: peak ? t('centre.offeredDetail', { multiple: peak.multiple.toFixed(1), count: peak.offered }) : t('centre.offeredNone'), level: 'ok', raw: f.offered },
  ];
}
