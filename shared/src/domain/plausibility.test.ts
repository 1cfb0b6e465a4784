import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FIX_WINDOW,
  expandBBox,
  fixTimeProblem,
  isDbId,
  isPlausibleIsoDate,
  isPlausibleTime,
  isWellFormedText,
  MAX_DB_ID,
  outsideBounds,
  type BBox,
} from './plausibility.ts';
import { haversineKm } from './geo.ts';

const CIXI: BBox = [121.04102, 30.03809, 121.63281, 30.50879];

describe('plausibility', () => {
  it('takes ids a serial column holds, and nothing above int32', () => {
    expect(isDbId(1)).toBe(true);
    expect(isDbId(MAX_DB_ID)).toBe(true);
    expect(isDbId(MAX_DB_ID + 1)).toBe(false);
    expect(isDbId(0)).toBe(false);
    expect(isDbId(-1)).toBe(false);
    expect(isDbId(1.5)).toBe(false);
    expect(isDbId(Number.NaN)).toBe(false);
  });

  it('takes dates from 2000 to the end of 2100 and refuses year 0001, 99999 and garbage', () => {
    expect(isPlausibleIsoDate('2026-12-01')).toBe(true);
    expect(isPlausibleIsoDate('2000-01-01T00:00:00Z')).toBe(true);
    expect(isPlausibleIsoDate('2100-12-31T23:59:59.999Z')).toBe(true);
    expect(isPlausibleIsoDate('2101-01-01T00:00:00Z')).toBe(false);
    expect(isPlausibleIsoDate('1999-12-31T23:59:59Z')).toBe(false);
    expect(isPlausibleIsoDate('0001-01-01')).toBe(false);
    expect(isPlausibleIsoDate('+099999-01-01T00:00:00Z')).toBe(false);
    expect(isPlausibleIsoDate('nonsense')).toBe(false);
    expect(isPlausibleTime(8.64e15 + 1)).toBe(false);
    expect(isPlausibleTime(Number.POSITIVE_INFINITY)).toBe(false);
  });

  it('refuses fix times beyond the window around now, whatever the window', () => {
    const now = Date.UTC(2026, 11, 1, 12);
    expect(fixTimeProblem(now, now)).toBeNull();
    expect(fixTimeProblem(now + DEFAULT_FIX_WINDOW.maxAheadMs, now)).toBeNull();
    expect(fixTimeProblem(now + DEFAULT_FIX_WINDOW.maxAheadMs + 1, now)).toBe('ahead');
    expect(fixTimeProblem(now - DEFAULT_FIX_WINDOW.maxBehindMs, now)).toBeNull();
    expect(fixTimeProblem(now - DEFAULT_FIX_WINDOW.maxBehindMs - 1, now)).toBe('behind');
    expect(fixTimeProblem(now + 10 * 365 * 86_400_000, now)).toBe('ahead');
    expect(fixTimeProblem(8.64e15 + 1, now)).toBe('ahead');
    expect(fixTimeProblem(Number.NaN, now)).toBe('ahead');
    expect(fixTimeProblem(now + 2000, now, { maxAheadMs: 1000, maxBehindMs: 1000 })).toBe('ahead');
    expect(fixTimeProblem(now - 2000, now, { maxAheadMs: 1000, maxBehindMs: 1000 })).toBe('behind');
  });

  it('grows a bounding box by the margin in kilometres on every side', () => {
    const [minLon, minLat, maxLon, maxLat] = expandBBox(CIXI, 10);
    expect(haversineKm({ lon: CIXI[0], lat: CIXI[1] }, { lon: CIXI[0], lat: minLat })).toBeCloseTo(10, 1);
    expect(haversineKm({ lon: CIXI[2], lat: CIXI[3] }, { lon: CIXI[2], lat: maxLat })).toBeCloseTo(10, 1);
    // At the box's widest latitude a margin in longitude is at least 10 km.
    expect(haversineKm({ lon: CIXI[0], lat: CIXI[3] }, { lon: minLon, lat: CIXI[3] })).toBeGreaterThanOrEqual(9.99);
    expect(haversineKm({ lon: CIXI[2], lat: CIXI[3] }, { lon: maxLon, lat: CIXI[3] })).toBeLessThan(11);
    expect(expandBBox(CIXI, 0)).toEqual(CIXI);
  });

  it('names the coordinate outside the city plus margin: null island and Beijing are out, the city and its edge are in', () => {
    expect(outsideBounds({ lon: 121.27, lat: 30.17 }, CIXI, 20)).toBeNull();
    expect(outsideBounds({ lon: 121.0, lat: 30.2 }, CIXI, 20)).toBeNull();
    expect(outsideBounds({ lon: 0, lat: 0 }, CIXI, 20)).toBe('lon');
    expect(outsideBounds({ lon: 116.4, lat: 39.9 }, CIXI, 20)).toBe('lon');
    expect(outsideBounds({ lon: 121.27, lat: 39.9 }, CIXI, 20)).toBe('lat');
    expect(outsideBounds({ lat: 0 }, CIXI, 20)).toBe('lat');
    expect(outsideBounds({}, CIXI, 20)).toBeNull();
    expect(outsideBounds({ lon: Number.NaN, lat: 30.17 }, CIXI, 20)).toBe('lon');
    expect(outsideBounds({ lon: 121.0, lat: 30.2 }, CIXI, 0)).toBe('lon');
  });

  it('finds lone surrogates and lets paired ones (emoji) through', () => {
    expect(isWellFormedText('王师傅')).toBe(true);
    expect(isWellFormedText('🚑 crew')).toBe(true);
    expect(isWellFormedText('lone \ud800 high')).toBe(false);
    expect(isWellFormedText('lone \udc00 low')).toBe(false);
    expect(isWellFormedText('end \ud83d')).toBe(false);
    expect(isWellFormedText('\ude91 start')).toBe(false);
  });
});
