import { beforeAll, describe, expect, it } from 'vitest';
import { needsCriticalCare } from '@dispatch/shared';
import { runSurgeDay, type SurgeDayOptions } from './surgeDay.ts';
import { drawSurgeDay, loadSurgeCity, type DayCall, type SurgeCity } from './surgeDayCity.ts';
import { NEAREST_ALLOWED, PROJECT_SUGGESTIONS, SURGE_POLICIES, type DestinationPolicy, type OffloadAtHospital } from './surgeDayPolicies.ts';

// A short day: long enough for ICUs to fill and doors to queue, a second or two per run.
const HOURS = 4;
const OPTIONS: Partial<SurgeDayOptions> = { dayMinutes: HOURS * 60, drainMinutes: 3 * 60 };

let city: SurgeCity;
let day: DayCall[];
beforeAll(async () => {
  city = await loadSurgeCity('cixi');
  day = drawSurgeDay(city, 7, HOURS);
});

describe('surge day simulation', () => {
  it('draws the day at the surge rate, most calls needing no ambulance', () => {
    const perHour = day.length / HOURS;
    expect(perHour).toBeGreaterThan(city.normalCallsPerHour * city.surgePlanMultiple * 0.85);
    expect(perHour).toBeLessThan(city.normalCallsPerHour * city.surgePlanMultiple * 1.15);
    const emergencies = day.filter((c) => c.kind === 'emergency').length;
    expect(emergencies / day.length).toBeGreaterThan(0.1);
    expect(emergencies / day.length).toBeLessThan(0.35);
  });

  it.each(SURGE_POLICIES.map((p) => [p.name, p] as const))('%s: every call ends handed over or still open, and no count goes below zero', (_name, policy) => {
    const { figures: f, outcomes } = runSurgeDay(city, day, policy, OPTIONS);
    expect(f.emergencies).toBe(day.filter((c) => c.kind === 'emergency').length);
    expect(outcomes).toHaveLength(f.emergencies);
    const open = f.openAtEnd.awaitingUnit + f.openAtEnd.withCrew + f.openAtEnd.atDoor;
    expect(f.handedOver + open).toBe(f.emergencies);
    expect(outcomes.filter((o) => o.handedOverAt !== null)).toHaveLength(f.handedOver);
    for (const o of outcomes) {
      if (o.handedOverAt === null) continue;
      expect(o.unitId).not.toBeNull();
      expect(o.hospitalId).not.toBeNull();
      expect(o.declinedBy).not.toContain(o.hospitalId);
    }
    for (const v of Object.values(f.lowest)) expect(v).toBeGreaterThanOrEqual(0);
    expect(f.toFullIcuWithFreeBedSeenKnowingly).toBeLessThanOrEqual(f.toFullIcuWithFreeBedSeenWithinExtra);
    expect(f.toFullIcuWithFreeBedSeenWithinExtra).toBeLessThanOrEqual(f.toFullIcu);
    expect(f.doorHours).toBeGreaterThan(0);
  });

  it('gives the same figures for the same seed and different ones for another', () => {
    const again = runSurgeDay(city, drawSurgeDay(city, 7, HOURS), PROJECT_SUGGESTIONS, OPTIONS);
    expect(runSurgeDay(city, day, PROJECT_SUGGESTIONS, OPTIONS)).toEqual(again);
    expect(runSurgeDay(city, drawSurgeDay(city, 8, HOURS), PROJECT_SUGGESTIONS, OPTIONS).figures).not.toEqual(again.figures);
  });

  it('changes nothing but the destinations when the policy changes', () => {
    const before = structuredClone(day);
    const nearest = runSurgeDay(city, day, NEAREST_ALLOWED, OPTIONS);
    const ours = runSurgeDay(city, day, PROJECT_SUGGESTIONS, OPTIONS);
    // The day itself is untouched by a run, and no state leaks from one run into the next.
    expect(day).toEqual(before);
    expect(runSurgeDay(city, day, NEAREST_ALLOWED, OPTIONS)).toEqual(nearest);
    // The same choices under another name make the very same day.
    const copy: DestinationPolicy = { name: NEAREST_ALLOWED.name, choose: (view) => NEAREST_ALLOWED.choose(view) };
    expect(runSurgeDay(city, day, copy, OPTIONS)).toEqual(nearest);
    // Same calls, same patients; the policies do choose differently somewhere.
    expect(ours.outcomes.map((o) => [o.callId, o.clinicalClass])).toEqual(nearest.outcomes.map((o) => [o.callId, o.clinicalClass]));
    expect(ours.outcomes.some((o, i) => o.hospitalId !== nearest.outcomes[i]?.hospitalId)).toBe(true);
  });

  it('sends a declined patient on to the next choice, never back to a hospital that declined', () => {
    // Always a 2nd-level hospital first for the sickest, whatever it reports: the full ones must decline.
    const stubborn: DestinationPolicy = {
      name: 'second level first',
      choose: (view) => (needsCriticalCare(view.patient.clinicalClass) ? (view.hospitals.find((h) => h.kind === 'second_level') ?? null) : NEAREST_ALLOWED.choose(view)),
    };
    const { figures, outcomes } = runSurgeDay(city, day, stubborn, OPTIONS);
    expect(figures.declines).toBeGreaterThan(0);
    expect(outcomes.reduce((n, o) => n + o.declinedBy.length, 0)).toBe(figures.declines);
    for (const o of outcomes) expect(new Set(o.declinedBy).size).toBe(o.declinedBy.length);
  });

  it('shows the policy the live door figures: ambulances waiting, the longest wait, the last hour median', () => {
    const seen: OffloadAtHospital[] = [];
    const recording: DestinationPolicy = {
      name: 'recording',
      choose: (view) => {
        seen.push(...view.offload.values());
        return PROJECT_SUGGESTIONS.choose(view);
      },
    };
    runSurgeDay(city, day, recording, OPTIONS);
    for (const o of seen) {
      expect(o.atDoor).toBeGreaterThanOrEqual(0);
      expect(o.longestWaitMinutes).toBeGreaterThanOrEqual(0);
      if (o.atDoor === 0) expect(o.longestWaitMinutes).toBe(0);
      if (o.medianLastHourMinutes !== null) expect(o.medianLastHourMinutes).toBeGreaterThan(0);
    }
    expect(seen.some((o) => o.atDoor > 1 && o.longestWaitMinutes > 10)).toBe(true);
    expect(seen.some((o) => o.medianLastHourMinutes !== null)).toBe(true);
  });
});
