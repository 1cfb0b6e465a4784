import { describe, expect, it } from 'vitest';
import { fleetNorm, loadMultiple } from './load.ts';

describe('load', () => {
  it('expresses calls as a multiple of baseline, to 0.1', () => {
    expect(loadMultiple(200, 40)).toBe(5);
    expect(loadMultiple(130, 40)).toBe(3.3); // 3.25 rounds up
    expect(loadMultiple(13, 40)).toBe(0.3);
    expect(loadMultiple(10, 0)).toBe(0);
  });

  it('requires 1 unit per so many residents (the city\'s norm), rounding up', () => {
    expect(fleetNorm(62, 1_850_000, 30_000)).toEqual({ required: 62, actual: 62, meets: true });
    expect(fleetNorm(61, 1_850_000, 30_000)).toEqual({ required: 62, actual: 61, meets: false });
    expect(fleetNorm(2, 60_000, 30_000)).toEqual({ required: 2, actual: 2, meets: true });
    expect(fleetNorm(2, 60_000, 20_000)).toEqual({ required: 3, actual: 2, meets: false });
    expect(fleetNorm(0, 60_000, 0)).toEqual({ required: 0, actual: 0, meets: true });
  });
});
