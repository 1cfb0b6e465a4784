import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type LiveEvent, type Snapshot } from '@dispatch/shared';
import { buildCall } from '@dispatch/shared/domain/testFactories';
import { liveStore } from './store.ts';

const snapshot = (seq: number): Snapshot => ({
  protocol: 1,
  seq,
  serverTime: new Date().toISOString(),
  user: { id: 1, username: 'd', displayName: 'd', role: 'dispatcher', hospitalId: null },
  calls: [],
  units: [],
  transports: [],
  hospitals: [],
  stations: [],
  alerts: [],
  thresholds: DEFAULT_THRESHOLDS,
  degraded: false,
  demo: null,
});

const created = (seq: number, id: number): LiveEvent => ({
  seq,
  name: 'call.created',
  at: new Date().toISOString(),
  actor: 'x',
  entity: 'call',
  id,
  data: buildCall({ id }),
});

describe('live store replay after a reconnect', () => {
  it('applies the overlap silently and announces only events it did not have', () => {
    liveStore.snapshot(snapshot(10));
    liveStore.event(created(11, 1));
    const heard: number[] = [];
    const off = liveStore.onEvent((e) => heard.push(e.seq));
    // The server replays from below our last seq: 11 is already held, 12 is new.
    liveStore.replay({ kind: 'replay', fromSeq: 0, toSeq: 12, events: [created(11, 1), created(12, 2)] });
    off();
    expect(heard).toEqual([12]);
    expect(liveStore.state.calls.has(2)).toBe(true);
    expect(liveStore.state.seq).toBe(12);
  });
});
