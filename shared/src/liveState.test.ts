import { describe, expect, it } from 'vitest';
import { applyEvent, applyPositions, applyReplay, applySnapshot, createLiveState } from './liveState.ts';
import { buildCall, buildSnapshot, buildUnit } from './domain/testFactories.ts';
import type { LiveEvent } from './realtime.ts';

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
