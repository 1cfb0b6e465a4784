import { describe, expect, it } from 'vitest';
import { RepaintBudget } from './repaintBudget.ts';

/** Feed `n` frames: every `every`-th one has a map render costing `renderMs`, the rest take 16.7 ms. */
function run(budget: RepaintBudget, n: number, every: number, renderMs: number): void {
  let t = 1000;
  budget.frame(t);
  for (let i = 0; i < n; i++) {
    const painted = i % every === 0;
    if (painted) budget.rendered(t + 1);
    t += painted ? 16.7 + renderMs : 16.7;
    budget.frame(t);
  }
}

describe('repaint budget', () => {
  it('redraws 20 times a second when a repaint is cheap (GPU)', () => {
    const b = new RepaintBudget();
    run(b, 120, 3, 2);
    expect(b.intervalMs()).toBe(50);
  });

  it('spaces redraws so software-GL repaints take at most the given share of the main thread', () => {
    const b = new RepaintBudget({ share: 0.3 });
    run(b, 200, 4, 150);
    expect(b.costMs()).toBeGreaterThan(140);
    expect(b.costMs()).toBeLessThan(160);
    expect(b.intervalMs()).toBeGreaterThan(460);
    expect(b.intervalMs()).toBeLessThan(540);
  });

  it('never waits longer than the cap, so live changes still show within a second', () => {
    const b = new RepaintBudget({ maxIntervalMs: 800 });
    run(b, 100, 2, 2000);
    expect(b.intervalMs()).toBe(800);
  });

  it('recovers when repaints get cheap again', () => {
    const b = new RepaintBudget();
    run(b, 100, 4, 150);
    run(b, 100, 4, 1);
    expect(b.intervalMs()).toBe(50);
  });
});
