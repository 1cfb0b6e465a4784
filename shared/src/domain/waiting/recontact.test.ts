import { describe, expect, it } from 'vitest';
import { buildCall, FACTORY_NOW } from '../testFactories.ts';
import { DEFAULT_RECONTACT_MINUTES, recontactDue, recontactMinutesOf } from './recontact.ts';

const ago = (min: number) => new Date(FACTORY_NOW.getTime() - min * 60_000).toISOString();

describe('recontactDue', () => {
  it('a call waiting 9 min is not due at a 10 min interval; at 10 min it is; 23 min in it is 13 min overdue', () => {
    expect(recontactDue(buildCall({ receivedAt: ago(9) }), FACTORY_NOW, 10)).toMatchObject({ due: false, sinceContactMin: 9, overdueMin: 0, dueAt: ago(-1), contacted: false });
    expect(recontactDue(buildCall({ receivedAt: ago(10) }), FACTORY_NOW, 10)).toMatchObject({ due: true, overdueMin: 0 });
    expect(recontactDue(buildCall({ receivedAt: ago(23) }), FACTORY_NOW, 10)).toMatchObject({ due: true, sinceContactMin: 23, overdueMin: 13 });
  });

  it('counts from the last contact once there was one', () => {
    const call = buildCall({ receivedAt: ago(40), lastContactAt: ago(4) });
    expect(recontactDue(call, FACTORY_NOW, 10)).toMatchObject({ due: false, sinceContactMin: 4, dueAt: ago(-6), contacted: true });
    expect(recontactDue(call, FACTORY_NOW, 3)).toMatchObject({ due: true, overdueMin: 1 });
  });

  it('only for calls waiting for an ambulance: none once a unit is assigned, closed or merged', () => {
    expect(recontactDue(buildCall({ status: 'received', receivedAt: ago(30) }), FACTORY_NOW, 10)?.due).toBe(true);
    expect(recontactDue(buildCall({ status: 'unit_assigned', receivedAt: ago(30) }), FACTORY_NOW, 10)).toBeNull();
    expect(recontactDue(buildCall({ status: 'closed', receivedAt: ago(30) }), FACTORY_NOW, 10)).toBeNull();
    expect(recontactDue(buildCall({ receivedAt: ago(30), mergedIntoId: 7 }), FACTORY_NOW, 10)).toBeNull();
  });

  it('the interval is the city threshold, else the named default (10 min)', () => {
    expect(recontactMinutesOf({ recontactMinutes: 15 })).toBe(15);
    expect(recontactMinutesOf({})).toBe(DEFAULT_RECONTACT_MINUTES);
    expect(DEFAULT_RECONTACT_MINUTES).toBe(10);
    expect(recontactDue(buildCall({ receivedAt: ago(10) }), FACTORY_NOW, 0)?.due).toBe(true);
  });
});
