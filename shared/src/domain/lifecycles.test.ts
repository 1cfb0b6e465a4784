import { describe, expect, it } from 'vitest';
import type { CallStatus } from '../model.ts';
import { CALL_STATUSES, UNIT_STATUSES } from '../model.ts';
import {
  CALL_TRANSITIONS,
  callStatusForUnitStatus,
  callStatusRank,
  isCallOpen,
  isUnitFree,
  nextAcceptance,
  nextCallStatus,
  nextUnitStatus,
  UNIT_TRANSITIONS,
} from './lifecycles.ts';

describe('call lifecycle', () => {
  it('walks the main line from received to closed', () => {
    const line: CallStatus[] = ['received', 'triaged', 'awaiting_unit', 'unit_assigned', 'en_route', 'on_scene', 'transporting', 'at_hospital', 'handed_over', 'closed'];
    for (let i = 1; i < line.length; i++) {
      const from = line[i - 1] as CallStatus;
      const to = line[i] as CallStatus;
      expect(nextCallStatus(from, to)).toEqual({ ok: true, value: to });
    }
  });

  it.each([
    ['received', 'awaiting_unit'],
    ['received', 'closed'],
    ['triaged', 'closed'],
    ['received', 'referred_home_care'],
    ['triaged', 'referred_home_care'],
    ['awaiting_unit', 'cancelled'],
    ['unit_assigned', 'cancelled'],
    ['en_route', 'cancelled'],
    ['unit_assigned', 'awaiting_unit'],
    ['en_route', 'awaiting_unit'],
    ['on_scene', 'treated_on_scene'],
    ['on_scene', 'referred_home_care'],
  ] as const)('allows the shortcut %s -> %s', (from, to) => {
    expect(nextCallStatus(from, to).ok).toBe(true);
  });

  it('refuses received -> handed_over with the states named and the current state', () => {
    expect(nextCallStatus('received', 'handed_over')).toEqual({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION', message: 'call cannot go from received to handed_over', current: 'received' },
    });
  });

  it.each([
    ['unit_assigned', 'on_scene'],
    ['on_scene', 'closed'],
    ['transporting', 'cancelled'],
    ['at_hospital', 'closed'],
    ['awaiting_unit', 'en_route'],
    ['handed_over', 'at_hospital'],
    ['closed', 'received'],
    ['cancelled', 'awaiting_unit'],
    ['received', 'received'],
  ] as const)('refuses %s -> %s', (from, to) => {
    const r = nextCallStatus(from, to);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(`call cannot go from ${from} to ${to}`);
  });

  it('has no way out of terminal states', () => {
    for (const s of ['closed', 'cancelled', 'treated_on_scene', 'referred_home_care'] as const) {
      expect(CALL_TRANSITIONS[s]).toEqual([]);
      expect(isCallOpen(s)).toBe(false);
    }
    expect(isCallOpen('handed_over')).toBe(true);
    expect(isCallOpen('received')).toBe(true);
  });

  it('ranks main-line states in order and side exits as final', () => {
    expect(callStatusRank('en_route')).toBeLessThan(callStatusRank('on_scene'));
    expect(callStatusRank('unit_assigned')).toBeLessThan(callStatusRank('transporting'));
    expect(callStatusRank('cancelled')).toBe(callStatusRank('closed'));
    for (const s of CALL_STATUSES) expect(Number.isInteger(callStatusRank(s))).toBe(true);
  });
});

describe('unit lifecycle', () => {
  it('walks a full job and back', () => {
    const line = ['available', 'dispatched', 'en_route', 'on_scene', 'transporting', 'at_hospital', 'returning', 'available'] as const;
    for (let i = 1; i < line.length; i++) expect(nextUnitStatus(line[i - 1] ?? 'available', line[i] ?? 'available').ok).toBe(true);
  });

  it.each([
    ['dispatched', 'available'],
    ['en_route', 'available'],
    ['on_scene', 'returning'],
    ['returning', 'dispatched'],
    ['out_of_service', 'available'],
  ] as const)('allows %s -> %s', (from, to) => {
    expect(nextUnitStatus(from, to).ok).toBe(true);
  });

  it('may go out of service from any other state', () => {
    for (const s of UNIT_STATUSES) {
      if (s !== 'out_of_service') expect(UNIT_TRANSITIONS[s]).toContain('out_of_service');
    }
  });

  it.each([
    ['available', 'en_route'],
    ['available', 'on_scene'],
    ['transporting', 'available'],
    ['at_hospital', 'available'],
    ['out_of_service', 'dispatched'],
  ] as const)('refuses %s -> %s', (from, to) => {
    expect(nextUnitStatus(from, to)).toEqual({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION', message: `unit cannot go from ${from} to ${to}`, current: from },
    });
  });

  it('maps unit states to call states', () => {
    expect(callStatusForUnitStatus('dispatched')).toBe('unit_assigned');
    expect(callStatusForUnitStatus('en_route')).toBe('en_route');
    expect(callStatusForUnitStatus('on_scene')).toBe('on_scene');
    expect(callStatusForUnitStatus('transporting')).toBe('transporting');
    expect(callStatusForUnitStatus('at_hospital')).toBe('at_hospital');
    expect(callStatusForUnitStatus('returning')).toBeNull();
    expect(callStatusForUnitStatus('available')).toBeNull();
    expect(callStatusForUnitStatus('out_of_service')).toBeNull();
  });

  it('counts only available units as free', () => {
    expect(UNIT_STATUSES.filter(isUnitFree)).toEqual(['available']);
  });
});

describe('acceptance lifecycle', () => {
  it.each([
    ['pending', 'accepted'],
    ['pending', 'declined'],
    ['pending', 'arrived'],
    ['pending', 'cancelled'],
    ['accepted', 'pending'],
    ['accepted', 'arrived'],
    ['declined', 'pending'],
    ['arrived', 'handed_over'],
  ] as const)('allows %s -> %s', (from, to) => {
    expect(nextAcceptance(from, to).ok).toBe(true);
  });

  it('refuses to hand over a patient who never arrived', () => {
    expect(nextAcceptance('accepted', 'handed_over')).toEqual({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION', message: 'acceptance cannot go from accepted to handed_over', current: 'accepted' },
    });
    expect(nextAcceptance('pending', 'handed_over').ok).toBe(false);
  });

  it.each([
    ['declined', 'arrived'],
    ['handed_over', 'pending'],
    ['cancelled', 'pending'],
    ['arrived', 'declined'],
  ] as const)('refuses %s -> %s', (from, to) => {
    expect(nextAcceptance(from, to).ok).toBe(false);
  });
});
