import { describe, expect, it } from 'vitest';
import { createStraightLineEstimator, DEFAULT_THRESHOLDS, type Call, type Unit } from '@dispatch/shared';
import { buildCall, buildHospital, buildTransport, buildUnit, FACTORY_NOW } from '@dispatch/shared/domain/testFactories';
import { changesOf, draftErrors, draftOf } from './capacityForm.ts';
import { formatElapsed } from '../../ui/format.ts';
import { atTheDoor, etaMinutes, inboundPatients, isNewInbound, ON_SCENE_MINUTES, transfersOut } from './model.ts';

const estimator = createStraightLineEstimator();
const hospital = buildHospital({ id: 1, lon: 121.27, lat: 30.18 });
const ago = (m: number) => new Date(FACTORY_NOW.getTime() - m * 60_000).toISOString();

describe('inbound patients', () => {
  // Units on the same meridian as the hospital, 0.1° (about 11 km) and 0.02° south.
  const far = buildUnit({ id: 11, status: 'transporting', lon: 121.27, lat: 30.08 });
  const near = buildUnit({ id: 12, status: 'transporting', lon: 121.27, lat: 30.16 });
  const pickingUp = buildUnit({ id: 13, status: 'en_route', lon: 121.27, lat: 30.1 });
  const calls = new Map<number, Call>([1, 2, 3, 4].map((id) => [id, buildCall({ id, clinicalClass: 'severe', lon: 121.27, lat: 30.12 })]));
  const units = new Map<number, Unit>([far, near, pickingUp].map((u) => [u.id, u]));

  it('estimates from the unit position, via the scene before pick-up', () => {
    const call = calls.get(1);
    const transporting = etaMinutes(near, call, hospital, estimator);
    expect(transporting?.rough).toBe(false);
    expect(transporting?.minutes).toBeCloseTo(estimator.minutes(near, hospital, 'severe') - 1, 6);
    const toScene = etaMinutes(pickingUp, call, hospital, estimator);
    expect(toScene?.rough).toBe(true);
    expect(toScene?.minutes).toBeCloseTo(estimator.minutes(pickingUp, call as Call, 'severe') + ON_SCENE_MINUTES + estimator.minutes(call as Call, hospital, 'severe'), 6);
    expect(etaMinutes(undefined, call, hospital, estimator)).toBeNull();
  });

  it('lists only this hospital’s patients still on their way: awaiting an answer first, then accepted, declined last; soonest first within each', () => {
    const transports = [
      buildTransport({ id: 1, callId: 1, unitId: far.id, hospitalId: 1, acceptance: 'accepted' }),
      buildTransport({ id: 2, callId: 2, unitId: near.id, hospitalId: 1, acceptance: 'pending' }),
      buildTransport({ id: 3, callId: 3, unitId: pickingUp.id, hospitalId: 1, acceptance: 'declined', declineReason: 'no_icu_bed' }),
      buildTransport({ id: 4, callId: 4, unitId: 14, hospitalId: 2, acceptance: 'pending' }), // another hospital
      buildTransport({ id: 5, callId: 4, unitId: 15, hospitalId: 1, acceptance: 'arrived', arrivedAt: ago(3) }), // at the door
    ];
    const rows = inboundPatients(hospital, transports, calls, units, estimator, FACTORY_NOW.getTime());
    expect(rows.map((r) => r.transport.id)).toEqual([2, 1, 3]);
    expect(rows[0]?.etaAt).toBe(FACTORY_NOW.getTime() + (rows[0]?.etaMinutes ?? 0) * 60_000);
    // A far patient still awaiting the answer goes above a near one already accepted.
    const swapped = inboundPatients(
      hospital,
      [
        buildTransport({ id: 1, callId: 1, unitId: near.id, hospitalId: 1, acceptance: 'accepted' }),
        buildTransport({ id: 2, callId: 2, unitId: far.id, hospitalId: 1, acceptance: 'pending' }),
        buildTransport({ id: 6, callId: 3, unitId: pickingUp.id, hospitalId: 1, acceptance: 'pending' }),
      ],
      calls,
      units,
      estimator,
      FACTORY_NOW.getTime(),
    );
    expect(swapped.map((r) => r.transport.id)).toEqual([2, 6, 1]);
  });

  it('calls an assignment or a reroute to this hospital news, once', () => {
    const to1 = buildTransport({ id: 9, hospitalId: 1 });
    expect(isNewInbound({ entity: 'transport', name: 'transport.assigned', data: to1 }, 1, new Set())).toBe(true);
    expect(isNewInbound({ entity: 'transport', name: 'transport.rerouted', data: to1 }, 1, new Set([9]))).toBe(false);
    expect(isNewInbound({ entity: 'transport', name: 'transport.rerouted', data: buildTransport({ id: 9, hospitalId: 2 }) }, 1, new Set())).toBe(false);
    expect(isNewInbound({ entity: 'transport', name: 'transport.accepted', data: to1 }, 1, new Set())).toBe(false);
  });
});

describe('at the door', () => {
  it('runs the offload clock from arrival and turns amber, then red, at the thresholds', () => {
    const transports = [
      buildTransport({ id: 1, hospitalId: 1, acceptance: 'arrived', arrivedAt: ago(5) }),
      buildTransport({ id: 2, hospitalId: 1, acceptance: 'arrived', arrivedAt: ago(15) }),
      buildTransport({ id: 3, hospitalId: 1, acceptance: 'arrived', arrivedAt: ago(31) }),
      buildTransport({ id: 4, hospitalId: 1, acceptance: 'handed_over', arrivedAt: ago(40), handedOverAt: ago(20), closedAt: ago(20) }),
    ];
    const rows = atTheDoor(1, transports, new Map(), new Map(), DEFAULT_THRESHOLDS, FACTORY_NOW);
    expect(rows.map((r) => [r.transport.id, r.minutes, r.level])).toEqual([
      [3, 31, 'red'],
      [2, 15, 'amber'],
      [1, 5, 'ok'],
    ]);
    expect(atTheDoor(1, transports, new Map(), new Map(), { offloadAmberMinutes: 4, offloadRedMinutes: 5 }, FACTORY_NOW).at(-1)?.level).toBe('red');
  });

  it('formats the clock as m:ss and h:mm:ss', () => {
    expect(formatElapsed(65_000)).toBe('1:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
    expect(formatElapsed(-5)).toBe('0:00');
  });
});

describe('transfers out', () => {
  it('follows this hospital’s transfer requests with their latest unit', () => {
    const mine = buildCall({ id: 1, kind: 'transfer', sourceHospitalId: 7, transferToHospitalId: 1, status: 'en_route' });
    const other = buildCall({ id: 2, kind: 'transfer', sourceHospitalId: 8 });
    const t1 = buildTransport({ id: 5, callId: 1, unitId: 11 });
    const rows = transfersOut(7, [mine, other], [t1], new Map([[11, buildUnit({ id: 11, callSign: 'CX-11' })]]));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.unit?.callSign).toBe('CX-11');
  });
});

describe('capacity draft', () => {
  const h = buildHospital({ openBeds: 100, occupiedBeds: 80, icuOpen: 10, icuOccupied: 9, edStatus: 'open', diversionUntil: null });

  it('flags every bad figure at once: blanks, fractions, negatives, occupied above open', () => {
    const d = draftOf(h);
    expect(draftErrors(d, FACTORY_NOW.getTime())).toEqual({});
    const bad = { ...d, counts: { ...d.counts, openBeds: '50', occupiedBeds: '60', icuOccupied: '11', ventilatorsFree: '-1', icuConvertible: '2.5', feverClinicWaitMin: '' } };
    expect(draftErrors(bad, FACTORY_NOW.getTime())).toEqual({
      occupiedBeds: 'occupiedOverOpen',
      icuOccupied: 'icuOccupiedOverOpen',
      ventilatorsFree: 'negative',
      icuConvertible: 'integer',
      feverClinicWaitMin: 'required',
    });
  });

  it('wants a future end time for a diversion', () => {
    const d = { ...draftOf(h), edStatus: 'diversion' as const };
    expect(draftErrors(d, FACTORY_NOW.getTime()).diversionUntil).toBe('untilRequired');
    expect(draftErrors({ ...d, diversionUntil: '2000-01-01T10:00' }, FACTORY_NOW.getTime()).diversionUntil).toBe('untilPast');
    expect(draftErrors({ ...d, diversionUntil: '2999-01-01T10:00' }, FACTORY_NOW.getTime()).diversionUntil).toBeUndefined();
    // Typed as the box shows it, with a space; an impossible date is not silently rolled over.
    expect(draftErrors({ ...d, diversionUntil: '2999-01-01 10:00' }, FACTORY_NOW.getTime()).diversionUntil).toBeUndefined();
    expect(draftErrors({ ...d, diversionUntil: '2999-02-31 10:00' }, FACTORY_NOW.getTime()).diversionUntil).toBe('untilRequired');
    expect(draftErrors({ ...d, diversionUntil: '01/01/2999 10:00' }, FACTORY_NOW.getTime()).diversionUntil).toBe('untilRequired');
  });

  it('sends only what changed', () => {
    const d = draftOf(h);
    expect(changesOf(d, h)).toEqual({});
    const edited = { ...d, counts: { ...d.counts, occupiedBeds: '85' }, edStatus: 'diversion' as const, diversionUntil: '2999-01-01T10:00' };
    expect(changesOf(edited, h)).toEqual({ occupiedBeds: 85, edStatus: 'diversion', diversionUntil: new Date('2999-01-01T10:00').toISOString() });
  });
});
