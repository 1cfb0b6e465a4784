import { describe, expect, it } from 'vitest';
import type { TravelTimeEstimator } from '../geo.ts';
import { TYPICAL_HANDOVER_MINUTES } from '../unitFreeEstimate.ts';
import { buildCall, buildTransport, buildUnit, CIXI_CENTRE, FACTORY_NOW } from '../testFactories.ts';
import { estimatedWait, unitJobsOf } from './estimatedWait.ts';

// One minute of driving per 0.001° of longitude, so distances read as minutes.
const lonMinutes: TravelTimeEstimator = { name: 'test', minutes: (from, to) => Math.abs(from.lon - to.lon) * 1000 };
const east = (minutes: number) => ({ lon: CIXI_CENTRE.lon + minutes / 1000, lat: CIXI_CENTRE.lat });
const ago = (min: number) => new Date(FACTORY_NOW.getTime() - min * 60_000).toISOString();
const noJobs = new Map();

describe('estimatedWait', () => {
  it('first in the queue with a free unit 12 min away: 10 to 25 min (the unit counted on, at least 10 min of spread, in 5 min steps)', () => {
    const call = buildCall({ id: 1, clinicalClass: 'common' });
    const w = estimatedWait(call, [call], { units: [buildUnit({ id: 10, ...east(12) })], jobs: noJobs }, FACTORY_NOW, lonMinutes);
    // 12 → down to 10; 12 + max(10, 6) = 22 → up to 25.
    expect(w).toEqual({ kind: 'estimate', fromMin: 10, toMin: 25, ahead: 0, unitFreeNow: true });
  });

  it('two calls ahead take the two nearest units; the third nearest serves this one', () => {
    const mine = buildCall({ id: 3, clinicalClass: 'common', receivedAt: ago(1) });
    const ahead = [buildCall({ id: 1, clinicalClass: 'common', receivedAt: ago(20) }), buildCall({ id: 2, clinicalClass: 'critical', receivedAt: ago(2) })];
    const units = [buildUnit({ id: 10, ...east(5) }), buildUnit({ id: 11, kind: 'critical_care', ...east(8) }), buildUnit({ id: 12, ...east(30) })];
    const w = estimatedWait(mine, [mine, ...ahead], { units, jobs: noJobs }, FACTORY_NOW, lonMinutes);
    // 30 min → 30 to 45 (30 + 15 = 45).
    expect(w).toEqual({ kind: 'estimate', fromMin: 30, toMin: 45, ahead: 2, unitFreeNow: true });
  });

  it('a severe patient waits only for critical-care units and only behind calls that need one', () => {
    const mine = buildCall({ id: 5, clinicalClass: 'severe', receivedAt: ago(1) });
    const milder = buildCall({ id: 4, clinicalClass: 'common', receivedAt: ago(60) });
    const units = [buildUnit({ id: 10, ...east(2) }), buildUnit({ id: 11, kind: 'critical_care', ...east(20) })];
    // The mild call is not ahead of a severe one anyway; the standard unit 2 min away cannot carry this patient.
    expect(estimatedWait(mine, [mine, milder], { units, jobs: noJobs }, FACTORY_NOW, lonMinutes)).toEqual({ kind: 'estimate', fromMin: 20, toMin: 30, ahead: 0, unitFreeNow: true });
  });

  it('no free unit: the busy unit expected first, from its expected release (at hospital 5 min into a 20 min handover, 15 min from here)', () => {
    const call = buildCall({ id: 1, clinicalClass: 'common', ...CIXI_CENTRE });
    const busy = buildUnit({ id: 10, status: 'at_hospital', statusSince: ago(5), ...east(15) });
    const w = estimatedWait(call, [call], { units: [busy], jobs: noJobs }, FACTORY_NOW, lonMinutes);
    const eta = TYPICAL_HANDOVER_MINUTES - 5 + 15; // 30
    expect(eta).toBe(30);
    expect(w).toEqual({ kind: 'estimate', fromMin: 30, toMin: 45, ahead: 0, unitFreeNow: false });
  });

  it('says "unknown" rather than a number when no unit can come, or more calls wait ahead than units are in view', () => {
    const call = buildCall({ id: 2, clinicalClass: 'common', receivedAt: ago(1) });
    const ahead = buildCall({ id: 1, clinicalClass: 'common', receivedAt: ago(30) });
    expect(estimatedWait(call, [call], { units: [buildUnit({ status: 'out_of_service' })], jobs: noJobs }, FACTORY_NOW, lonMinutes)).toEqual({ kind: 'unknown', reason: 'no_unit', ahead: 0 });
    expect(estimatedWait(call, [call, ahead], { units: [buildUnit({ ...east(3) })], jobs: noJobs }, FACTORY_NOW, lonMinutes)).toEqual({ kind: 'unknown', reason: 'queue_beyond_fleet', ahead: 1 });
    expect(estimatedWait(buildCall({ status: 'en_route' }), [], { units: [buildUnit()], jobs: noJobs }, FACTORY_NOW, lonMinutes)).toMatchObject({ kind: 'unknown', reason: 'not_waiting' });
  });

  it('builds the busy units\' jobs from open transports: scene, destination hospital, patient class', () => {
    const call = buildCall({ id: 7, clinicalClass: 'severe', ...east(4) });
    const jobs = unitJobsOf([buildTransport({ unitId: 3, callId: 7, hospitalId: 9, closedAt: null }), buildTransport({ unitId: 4, callId: 7, closedAt: ago(1) })], new Map([[7, call]]), new Map([[9, east(25)]]));
    expect([...jobs.keys()]).toEqual([3]);
    expect(jobs.get(3)).toEqual({ scene: east(4), destination: east(25), carrying: 'severe' });
  });
});
