import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PositionFrame, PositionFixInput } from '@dispatch/shared';
import { PositionCoalescer } from './positions.ts';

const fix = (unitId: number, at: number, lon = 121.2): PositionFixInput => ({ unitId, lon, lat: 30.1, heading: 0, speedKmh: 40, at });

describe('position frames', () => {
  let frames: { room: string; frame: PositionFrame; at: number }[];
  let coalescer: PositionCoalescer;
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    frames = [];
    coalescer = new PositionCoalescer({ emit: (room, frame) => frames.push({ room, frame, at: Date.now() }) }, 100);
    coalescer.start();
  });
  afterEach(() => {
    coalescer.stop();
    vi.useRealTimers();
  });

  it('sends a batch at once when no frame went out in the last interval', async () => {
    coalescer.ingest([fix(1, Date.now())]);
    expect(frames).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(frames).toHaveLength(1);
    expect(frames[0]!.frame.fixes.map((f) => f[0])).toEqual([1]);
  });

  it('holds a batch that follows a frame closely until the interval is up, and merges what came meanwhile', async () => {
    coalescer.ingest([fix(1, Date.now())]);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(30);
    coalescer.ingest([fix(2, Date.now()), fix(1, Date.now(), 121.3)]);
    await vi.advanceTimersByTimeAsync(30);
    coalescer.ingest([fix(3, Date.now())]);
    await vi.advanceTimersByTimeAsync(39);
    expect(frames).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(frames).toHaveLength(2);
    expect(frames[1]!.at - frames[0]!.at).toBe(100);
    // Unit 1 once, with its newest position.
    expect(frames[1]!.frame.fixes.map((f) => [f[0], f[1]])).toEqual([[2, 121.2], [1, 121.3], [3, 121.2]]);
  });

  it('sends nothing while no fix comes, and nothing after stop', async () => {
    await vi.advanceTimersByTimeAsync(1000);
    expect(frames).toHaveLength(0);
    coalescer.stop();
    coalescer.ingest([fix(1, Date.now())]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(frames).toHaveLength(0);
  });

  it('never moves a unit back with an older fix', async () => {
    coalescer.ingest([fix(1, Date.now(), 121.3)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(coalescer.ingest([fix(1, Date.now() - 5000, 121.1)])).toBe(0);
    await vi.advanceTimersByTimeAsync(500);
    expect(frames).toHaveLength(1);
  });

  it('at a steady 10 batches a second, frames follow the batches: no fix waits for a tick', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 50; i++) {
      coalescer.ingest([fix(i % 10, Date.now())]);
      const before = frames.length;
      const sent = Date.now();
      while (frames.length === before) await vi.advanceTimersByTimeAsync(1);
      waits.push(frames.at(-1)!.at - sent);
      await vi.advanceTimersByTimeAsync(100 - (Date.now() - sent));
    }
    expect(Math.max(...waits)).toBeLessThanOrEqual(1);
  });
});
