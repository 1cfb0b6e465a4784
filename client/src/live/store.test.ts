import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '@dispatch/shared';
import { buildCall, buildSnapshot } from '@dispatch/shared/domain/testFactories';
import { liveStore } from './store.ts';

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
    liveStore.snapshot(buildSnapshot(10, { serverTime: new Date().toISOString() }));
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
