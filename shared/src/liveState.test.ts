import { describe, expect, it } from 'vitest';
import { applyEvent, applyPositions, applyReplay, applySnapshot, createLiveState } from './liveState.ts';
import { buildCall, buildSnapshot, buildUnit } from './domain/testFactories.ts';
import { toTypedEvent, type LiveEvent } from './realtime.ts';

const snapshot = buildSnapshot;

const callEvent = (seq: number, id: number, status: string): LiveEvent => ({
  seq,
  name: 'call.statusChanged',
  at: '2026-01-01T00:00:00Z',
  actor: 'x',
  entity: 'call',
  id,
  data: buildCall({ id, status: status as never }),
});

describe('live state reducer', () => {
  it('applies events newer than the snapshot and ignores older copies', () => {
    const state = applySnapshot(snapshot(10, { calls: [buildCall({ id: 1, status: 'awaiting_unit' })] }));
    expect(applyEvent(state, callEvent(9, 1, 'received'))).toBe(false);
    expect(applyEvent(state, callEvent(12, 1, 'en_route'))).toBe(true);
    expect(applyEvent(state, callEvent(11, 1, 'unit_assigned'))).toBe(false);
    expect(state.calls.get(1)?.status).toBe('en_route');
    expect(state.seq).toBe(12);
  });

  it('replays missed events in order and then continues from the last seq', () => {
    const state = createLiveState();
    const next = applyReplay(state, { kind: 'replay', fromSeq: 0, toSeq: 3, events: [callEvent(2, 5, 'received'), callEvent(3, 5, 'awaiting_unit')] });
    expect(next.calls.get(5)?.status).toBe('awaiting_unit');
    expect(next.seq).toBe(3);
  });

  it('never moves a unit back to an older fix', () => {
    const state = applySnapshot(snapshot(1, { units: [buildUnit({ id: 3, lon: 121, lat: 30, fixAt: null })] }));
    applyPositions(state, { at: 0, fixes: [[3, 121.2, 30.2, 90, 40, 2000]] });
    applyPositions(state, { at: 0, fixes: [[3, 121.1, 30.1, 90, 40, 1000]] });
    expect(state.units.get(3)?.lon).toBe(121.2);
  });
});

describe('typed events', () => {
  it('narrows entity and data by the event name, so neither side casts', () => {
    const e = toTypedEvent({ seq: 1, at: '2026-01-01T00:00:00Z', actor: 'x', id: 4 }, 'transport.declined', { id: 4, hospitalId: 2 });
    expect(e.entity).toBe('transport');
    if (e.name === 'transport.declined') {
      // Compiles only because the union ties data to the name.
      const hospitalId: number | null | undefined = e.data?.hospitalId;
      expect(hospitalId).toBe(2);
    }
    expect(toTypedEvent({ seq: 2, at: '', actor: 'x', id: 2 }, 'demo.surgeChanged', 'not an object')).toMatchObject({ entity: 'settings', data: null });
    expect(toTypedEvent({ seq: 3, at: '', actor: 'x', id: 1 }, 'settings.changed', null).entity).toBe('settings');
  });

  it('refuses, at compile time, an event whose entity or data does not fit its name', () => {
    const header = { seq: 1, at: '', actor: 'x', id: 1 };
    // @ts-expect-error a call event is about a call, not a unit
    const wrongEntity: LiveEvent = { ...header, name: 'call.created', entity: 'unit', data: null };
    // @ts-expect-error a unit event carries a unit, not a call
    const wrongData: LiveEvent = { ...header, name: 'unit.updated', entity: 'unit', data: buildCall({ id: 1 }) };
    expect([wrongEntity, wrongData]).toHaveLength(2);
  });
});
