/** Which surge alerts hold right now, from the "now" picture and the city's thresholds. A threshold reached counts as crossed. */
import type { Alert, AlertKind, Thresholds } from '../model.ts';
import type { NowStats } from './surge.ts';

export interface AlertCondition {
  /** Stable key: one open alert per subject, cleared when the condition no longer holds. */
  subject: string;
  kind: AlertKind;
  level: Alert['level'];
  message: string;
  value: number;
  threshold: number;
  hospitalId: number | null;
}

/** Every alert condition that holds in `stats`. */
export function evaluateAlerts(stats: NowStats, th: Thresholds): AlertCondition[] {
  const out: AlertCondition[] = [];
  for (const h of stats.hospitals) {
    if (h.icuPct !== null && h.icuPct >= th.icuOccupancyPct) {
      out.push({
        subject: `icu:${h.hospitalId}`,
        kind: 'icu_occupancy',
        level: h.icuPct >= 100 ? 'critical' : 'warning',
        message: `ICU ${h.icuOccupied}/${h.icuOpen} (${h.icuPct}%) at ${h.nameEn}; alert at ${th.icuOccupancyPct}%`,
        value: h.icuPct,
        threshold: th.icuOccupancyPct,
        hospitalId: h.hospitalId,
      });
    }
    if (h.longestHeldMin !== null && h.longestHeldMin >= th.offloadMinutes) {
      out.push({
        subject: `offload:${h.hospitalId}`,
        kind: 'offload_delay',
        level: h.longestHeldMin >= 2 * th.offloadMinutes ? 'critical' : 'warning',
        message: `${h.heldNow} unit(s) held at ${h.nameEn}, longest ${Math.round(h.longestHeldMin)} min; alert at ${th.offloadMinutes} min`,
        value: h.longestHeldMin,
        threshold: th.offloadMinutes,
        hospitalId: h.hospitalId,
      });
    }
  }
  const wait = stats.queue.longestWaitMin;
  if (wait !== null && wait >= th.queueWaitMinutes) {
    out.push({
      subject: 'queue',
      kind: 'queue_wait',
      level: wait >= 2 * th.queueWaitMinutes ? 'critical' : 'warning',
      message: `${stats.queue.waiting} call(s) waiting for a unit, longest ${Math.round(wait)} min; alert at ${th.queueWaitMinutes} min`,
      value: wait,
      threshold: th.queueWaitMinutes,
      hospitalId: null,
    });
  }
  const load = stats.load.multiple;
  if (load >= th.loadMultiple) {
    out.push({
      subject: 'load',
      kind: 'load_multiple',
      level: load >= stats.load.planMultiple ? 'critical' : 'warning',
      message: `${stats.load.callsLastHour} calls in the last hour = ${load}x baseline (${stats.load.baselinePerHour}/h); alert at ${th.loadMultiple}x, plan ${stats.load.planMultiple}x`,
      value: load,
      threshold: th.loadMultiple,
      hospitalId: null,
    });
  }
  if (stats.units.free < th.minFreeUnits) {
    out.push({
      subject: 'units',
      kind: 'low_units',
      level: stats.units.free === 0 ? 'critical' : 'warning',
      message: `${stats.units.free} unit(s) free of ${stats.units.inService} in service; alert below ${th.minFreeUnits}`,
      value: stats.units.free,
      threshold: th.minFreeUnits,
      hospitalId: null,
    });
  }
  if (stats.units.criticalCareTotal > 0 && stats.units.criticalCareFree === 0) {
    out.push({
      subject: 'critical_care_units',
      kind: 'no_critical_care_unit',
      level: 'critical',
      message: `no critical-care unit free (${stats.units.criticalCareTotal} in the fleet)`,
      value: 0,
      threshold: 1,
      hospitalId: null,
    });
  }
  return out;
}
