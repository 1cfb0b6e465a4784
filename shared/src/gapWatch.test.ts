import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GapWatch, GAP_GRACE_MS, GAP_MIN_INTERVAL_MS } from './gapWatch.ts';
import { buildCall, buildSnapshot } from './domain/testFactories.ts';
import type { LiveEvent, ReplayResult } from './realtime.ts';

const event = (seq: number): LiveEvent => ({ seq, name: 'call.updated', at: '', actor: 'x', entity: 'call', id: seq, data: buildCall({ id: seq }) });
const replay = (fromSeq: number, events: LiveEvent[], toSeq = events.at(-1)?.seq ?? fromSeq): ReplayResult => ({ kind: 'replay', fromSeq, toSeq, events });

/** A watch whose server answers with `answer(lastSeq)`; records what was asked and applied. */
function setup(answer: (lastSeq: number) => ReplayResult | null = (lastSeq) => replay(lastSeq, [])) {
  const asked: number[] = [];
  const applied: ReplayResult[] = [];
  const watch = new GapWatch({
    resync: async (lastSeq) => {
      asked.push(lastSeq);
      return answer(lastSeq);
    },
    apply: (r) => applied.push(r),
  });
  watch.caughtUp({ kind: 'snapshot', snapshot: buildSnapshot(10) });
  return { watch, asked, applied };
}

describe('GapWatch: a connected console notices a lost push and catches up without reconnecting', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pushes that follow on one another never ask', async () => {
    const { watch, asked } = setup();
    for (let seq = 11; seq <= 20; seq++) watch.heard(seq);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asked).toEqual([]);
    expect(watch.completeSeq).toBe(20);
  });

  it('a lost push is asked for after the grace, from the last complete seq, and applied', async () => {
    const { watch, asked, applied } = setup((lastSeq) => replay(lastSeq - 64, [event(11), event(12), event(13)]));
    watch.heard(11);
    watch.heard(13);
    await vi.advanceTimersByTimeAsync(GAP_GRACE_MS - 1);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual([11]);
    expect(applied.flatMap((r) => (r.kind === 'replay' ? r.events.map((e) => e.seq) : []))).toContain(12);
    expect(watch.completeSeq).toBe(13);
    expect(watch.behind).toBe(false);
  });

  it('a push overtaken by a later one that arrives within the grace costs nothing', async () => {
    const { watch, asked } = setup();
    watch.heard(11);
    watch.heard(13);
    await vi.advanceTimersByTimeAsync(GAP_GRACE_MS / 2);
    watch.heard(12);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asked).toEqual([]);
    expect(watch.completeSeq).toBe(13);
  });

  it('a heartbeat ahead of what we hold (a lost last push) asks; one level with it does not', async () => {
    const { watch, asked } = setup((lastSeq) => replay(lastSeq, [event(12)]));
    watch.heard(11);
    watch.head(11);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(asked).toEqual([]);
    watch.head(12);
    await vi.advanceTimersByTimeAsync(GAP_GRACE_MS);
    expect(asked).toEqual([11]);
    expect(watch.completeSeq).toBe(12);
  });

  it('a filtered audience, for which jumps are normal, asks at most once per interval and once at a time', async () => {
    const pending: { release?: () => void } = {};
    const asked: number[] = [];
    const watch = new GapWatch({
      resync: (lastSeq) => {
        asked.push(lastSeq);
        return new Promise((resolve) => (pending.release = () => resolve(replay(lastSeq, []))));
      },
      apply: () => undefined,
    });
    watch.caughtUp({ kind: 'snapshot', snapshot: buildSnapshot(10) });
    // A nurse hears every fifth event of the city, one every 200 ms, for 12 s.
    let seq = 10;
    for (let i = 0; i < 60; i++) {
      seq += 5;
      watch.heard(seq);
      await vi.advanceTimersByTimeAsync(200);
      if (i === 5) {
        // The first request hangs for a while: no second one meanwhile.
        expect(asked).toHaveLength(1);
        pending.release?.();
      }
      if (i > 5) pending.release?.();
    }
    expect(asked.length).toBeGreaterThanOrEqual(2);
    expect(asked.length).toBeLessThanOrEqual(Math.ceil(12_000 / GAP_MIN_INTERVAL_MS) + 1);
    // Each answer (nothing new) moves the complete seq to what had been seen when asking.
    expect(asked).toEqual([...asked].sort((a, b) => a - b));
    expect(asked[1]).toBeGreaterThan(10);
  });

  it('a failed request is tried again after the interval', async () => {
    let fail = true;
    const { watch, asked } = setup((lastSeq) => (fail ? null : replay(lastSeq, [event(12)])));
    watch.heard(11);
    watch.heard(13);
    await vi.advanceTimersByTimeAsync(GAP_GRACE_MS);
    expect(asked).toEqual([11]);
    fail = false;
    await vi.advanceTimersByTimeAsync(GAP_MIN_INTERVAL_MS);
    expect(asked).toEqual([11, 11]);
    expect(watch.behind).toBe(false);
  });

  it('a snapshot answer replaces the state, so pushes heard before it count again', async () => {
    const { watch, asked } = setup((lastSeq) => (lastSeq === 11 ? { kind: 'snapshot', snapshot: buildSnapshot(13) } : replay(lastSeq, [event(14)])));
    watch.heard(11);
    watch.heard(13);
    watch.heard(14);
    await vi.advanceTimersByTimeAsync(GAP_GRACE_MS);
    expect(asked).toEqual([11]);
    // 14 was applied to the state the snapshot replaced: it is asked for again.
    expect(watch.behind).toBe(true);
    await vi.advanceTimersByTimeAsync(GAP_MIN_INTERVAL_MS);
    expect(asked).toEqual([11, 13]);
    expect(watch.completeSeq).toBe(14);
  });

  it('after a disconnect nothing is asked until the reconnect has synced, and a late answer is ignored', async () => {
    const { watch, asked, applied } = setup();
    watch.heard(13);
    watch.pause();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asked).toEqual([]);
    watch.heard(15);
    watch.head(20);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asked).toEqual([]);
    watch.caughtUp(replay(0, [], 20));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asked).toEqual([]);
    expect(applied).toEqual([]);
    expect(watch.completeSeq).toBe(20);
  });
});
