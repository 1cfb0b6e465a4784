import { describe, expect, it } from 'vitest';
import { InboundThrottle } from './throttle.ts';

const limit = { burst: 5, perSecond: 2, disconnectAfterDrops: 3, windowMs: 10_000 };

describe('inbound throttle', () => {
  it('lets a burst through, drops the excess, refills over time', () => {
    const t = new InboundThrottle(limit, 0);
    expect(Array.from({ length: 5 }, () => t.take(0))).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(t.take(0)).toBe('drop');
    expect(t.take(500)).toBe('pass');
    expect(t.take(500)).toBe('drop');
  });

  it('cuts off a socket that keeps flooding, but forgives drops from an earlier window', () => {
    const t = new InboundThrottle(limit, 0);
    for (let i = 0; i < 5; i++) t.take(0);
    expect([t.take(0), t.take(0)]).toEqual(['drop', 'drop']);
    // Ten seconds later the bucket is full and the drop count starts again.
    for (let i = 0; i < 5; i++) expect(t.take(10_000)).toBe('pass');
    expect([t.take(10_000), t.take(10_000)]).toEqual(['drop', 'drop']);
    expect(t.take(10_000)).toBe('disconnect');
  });
});
