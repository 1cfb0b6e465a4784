import { describe, expect, it } from 'vitest';
import { seededRandom } from '@dispatch/shared';
import { overlaps, placeLabels, symbolBox, type LabelRequest } from './declutter.ts';

const VIEW = { minX: 0, minY: 0, maxX: 800, maxY: 600 };
const label = (id: string, x: number, y: number, over: Partial<LabelRequest> = {}): LabelRequest => ({ id, priority: 50, x, y, radius: 8, width: 60, height: 14, ...over });

describe('label placement', () => {
  it('never puts a label on another label or on a symbol, over hundreds of crowded symbols', () => {
    const rand = seededRandom(7);
    const symbols = Array.from({ length: 400 }, () => symbolBox(100 + rand() * 600, 100 + rand() * 400, 8));
    const requests = symbols.map((s, i) => label(`l${i}`, (s.minX + s.maxX) / 2, (s.minY + s.maxY) / 2, { priority: Math.floor(rand() * 5) }));
    const placed = placeLabels(requests, symbols, VIEW);
    expect(placed.length).toBeGreaterThan(20);
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) expect(overlaps(a.box, b.box)).toBe(false);
      expect(symbols.some((s) => overlaps(a.box, s))).toBe(false);
    }
  });

  it('gives the spot to the higher priority and moves the other round its symbol', () => {
    const symbols = [symbolBox(400, 300, 8), symbolBox(400, 340, 8)];
    const [first, second] = [label('hospital', 400, 300, { priority: 1 }), label('unit', 400, 340, { priority: 50 })];
    const placed = placeLabels([second, first], symbols, VIEW);
    const byId = new Map(placed.map((p) => [p.id, p]));
    // The hospital's name takes its first choice, under its symbol.
    expect(byId.get('hospital')?.cy).toBeCloseTo(300 + 8 + 2 + 7);
    expect(byId.get('unit')).toBeDefined();
    expect(overlaps(byId.get('hospital')!.box, byId.get('unit')!.box)).toBe(false);
  });

  it('places a kept label (a major hospital) even when symbols surround it, and says it is over one', () => {
    const symbols = [symbolBox(400, 300, 8)];
    for (let dx = -120; dx <= 120; dx += 12) for (let dy = -60; dy <= 60; dy += 12) symbols.push(symbolBox(400 + dx, 300 + dy, 6));
    const placed = placeLabels([label('h', 400, 300, { keep: true }), label('u', 400, 300)], symbols, VIEW);
    expect(placed.map((p) => [p.id, p.overSymbol])).toEqual([['h', true]]);
  });

  it('keeps labels inside the map', () => {
    const placed = placeLabels([label('edge', 795, 595)], [], VIEW);
    const box = placed[0]?.box;
    expect(box && box.maxX <= 800 && box.maxY <= 600 && box.minX >= 0 && box.minY >= 0).toBe(true);
  });
});
