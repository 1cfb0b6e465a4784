import { describe, expect, it } from 'vitest';
import { checkCrewTap, CREW_STATUSES, nextCrewStatus, withinUndoWindow } from './crewSteps.ts';
import { nextUnitStatus } from './lifecycles.ts';

describe('crew taps', () => {
  it('run acknowledged, en route, on scene, transporting, at hospital, then available after the handover', () => {
    expect(nextCrewStatus('dispatched', false)).toBe('acknowledged');
    expect(nextCrewStatus('dispatched', true)).toBe('en_route');
    expect(nextCrewStatus('en_route', true)).toBe('on_scene');
    expect(nextCrewStatus('on_scene', true)).toBe('transporting');
    expect(nextCrewStatus('transporting', true)).toBe('at_hospital');
    expect(nextCrewStatus('at_hospital', true)).toBeNull();
    expect(nextCrewStatus('returning', false)).toBe('available');
    expect(nextCrewStatus('available', false)).toBeNull();
  });

  it('are each a legal unit transition (the lifecycle stays the one rule)', () => {
    const from = { en_route: 'dispatched', on_scene: 'en_route', transporting: 'on_scene', at_hospital: 'transporting', available: 'returning' } as const;
    for (const [to, f] of Object.entries(from)) expect(nextUnitStatus(f, to as keyof typeof from).ok, to).toBe(true);
    expect(CREW_STATUSES).toHaveLength(6);
  });

  it('refuse a skipped step with OUT_OF_ORDER and the step expected, and a tap at the ED with NOTHING_TO_TAP', () => {
    expect(checkCrewTap('dispatched', false, 'on_scene')).toMatchObject({ ok: false, error: { code: 'OUT_OF_ORDER', current: { expected: 'acknowledged' } } });
    expect(checkCrewTap('dispatched', true, 'acknowledged')).toMatchObject({ ok: false, error: { code: 'OUT_OF_ORDER' } });
    expect(checkCrewTap('at_hospital', true, 'available')).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_TAP' } });
    expect(checkCrewTap('en_route', true, 'on_scene')).toEqual({ ok: true, value: 'on_scene' });
  });

  it('may be undone for 30 s', () => {
    expect(withinUndoWindow(0, 30_000)).toBe(true);
    expect(withinUndoWindow(0, 30_001)).toBe(false);
    expect(withinUndoWindow(1_000, 0)).toBe(false);
  });
});
