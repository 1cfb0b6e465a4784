import { describe, expect, it } from 'vitest';
import { audienceHears, audienceOf, callFollowers, crewMayActForUnit, crewSeesJob, roomsOf, changeFollowers, mayActForHospital, positionFollowers, pushTargets, seesCall, transportFollowers, type ChangeContext } from './visibility.ts';

const open = { hospitalId: 1, closedAt: null, handedOverAt: null };
const handedOver = { hospitalId: 2, closedAt: '2026-12-01T10:00:00.000Z', handedOverAt: '2026-12-01T10:00:00.000Z' };
const cancelled = { hospitalId: 3, closedAt: '2026-12-01T10:00:00.000Z', handedOverAt: null };
const emergency = { sourceHospitalId: null, transferToHospitalId: null };
const transfer = { sourceHospitalId: 7, transferToHospitalId: 8 };

describe('visibility policy', () => {
  it('a transport is followed by its destination and a transfer’s two hospitals; a cancelled one only by the parties', () => {
    expect(transportFollowers(open, [])).toEqual([1]);
    expect(transportFollowers(open, [7, 8])).toEqual([1, 7, 8]);
    expect(transportFollowers(cancelled, [])).toEqual([]);
    expect(transportFollowers({ ...open, hospitalId: null }, [7])).toEqual([7]);
  });

  it('a call is followed by the hospitals of its live and handed-over transports, not by a cancelled one', () => {
    expect(callFollowers(emergency, [open, handedOver, cancelled]).sort()).toEqual([1, 2]);
    expect(callFollowers(transfer, []).sort()).toEqual([7, 8]);
  });

  it('positions go only to hospitals of a job the unit is on now', () => {
    expect(positionFollowers(open, [])).toEqual([1]);
    expect(positionFollowers(handedOver, [])).toEqual([]);
    expect(positionFollowers(null, [7])).toEqual([]);
  });

  it('a re-route is heard by the hospital it leaves and the one it goes to', () => {
    const ctx: ChangeContext = { transport: () => undefined, transportsOfCall: () => [], call: () => emergency };
    const before = { ...open, callId: 5 };
    const after = { ...open, hospitalId: 2, callId: 5 };
    expect(changeFollowers('transport', before, after, ctx).sort()).toEqual([1, 2]);
  });

  it('a unit released by a handover is heard by the receiving hospital', () => {
    const t = { ...handedOver, callId: 5 };
    const ctx: ChangeContext = { transport: (id) => (id === 9 ? t : undefined), transportsOfCall: () => [t], call: () => emergency };
    expect(changeFollowers('unit', { transportId: 9 }, { transportId: null }, ctx)).toEqual([2]);
  });

  it('hospitals hear their own patients and public entities, never alerts or accounts', () => {
    const h1 = { kind: 'hospital', hospitalId: 1 } as const;
    expect(audienceHears(h1, { entity: 'transport', hospitalIds: [1] })).toBe(true);
    expect(audienceHears(h1, { entity: 'transport', hospitalIds: [2] })).toBe(false);
    expect(audienceHears(h1, { entity: 'hospital', hospitalIds: [] })).toBe(true);
    expect(audienceHears(h1, { entity: 'alert', hospitalIds: [1] })).toBe(false);
    expect(audienceHears({ kind: 'dispatch' }, { entity: 'user', hospitalIds: [] })).toBe(false);
    expect(pushTargets({ entity: 'user', hospitalIds: [] }).map((t) => t.room)).toEqual(['admin']);
    expect(pushTargets({ entity: 'call', hospitalIds: [1, 1, 2] }).map((t) => t.room)).toEqual(['dispatch', 'overview', 'hospital:1', 'hospital:2']);
    expect(seesCall(h1, emergency, [cancelled])).toBe(false);
  });

  it('staff act only for their own hospital; dispatchers and the gateway for any', () => {
    expect(mayActForHospital({ role: 'nurse', hospitalId: 1 }, 1)).toBe(true);
    expect(mayActForHospital({ role: 'nurse', hospitalId: 1 }, 2)).toBe(false);
    expect(mayActForHospital({ role: 'nurse', hospitalId: null }, null)).toBe(false);
    expect(mayActForHospital({ role: 'dispatcher', hospitalId: null }, 2)).toBe(true);
    expect(mayActForHospital({ role: 'gateway', hospitalId: null }, 2)).toBe(true);
  });

  it('a crew has no audience and no rooms (no socket), acts for its own unit only and sees only the job that unit is on now', () => {
    expect(audienceOf({ role: 'crew', hospitalId: null })).toBeNull();
    expect(roomsOf({ role: 'crew', hospitalId: null })).toEqual([]);
    const shift = { unitId: 4 };
    expect(crewMayActForUnit(shift, 4)).toBe(true);
    expect(crewMayActForUnit(shift, 5)).toBe(false);
    expect(crewMayActForUnit(null, 4)).toBe(false);
    const job = { id: 9, unitId: 4, closedAt: null };
    expect(crewSeesJob(shift, { id: 4, transportId: 9 }, job)).toBe(true);
    // Re-assigned: the unit is on another job now, or the job went to another unit.
    expect(crewSeesJob(shift, { id: 4, transportId: 10 }, job)).toBe(false);
    expect(crewSeesJob(shift, { id: 4, transportId: 9 }, { ...job, unitId: 5 })).toBe(false);
    expect(crewSeesJob(shift, { id: 4, transportId: 9 }, { ...job, closedAt: '2026-12-01T10:00:00.000Z' })).toBe(false);
    expect(crewSeesJob({ unitId: 5 }, { id: 4, transportId: 9 }, job)).toBe(false);
  });
});
