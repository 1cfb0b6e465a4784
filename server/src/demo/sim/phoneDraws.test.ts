import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { adviceShare, drawLocationFix, drawMobile, drawPatienceSec, drawPhoneKind, PATIENCE_SEC, ringGapMs } from './phoneDraws.ts';

const N = 20_000;

describe('the phone model draws', () => {
  it('rings as a Poisson stream at the asked rate: mean gap 1/rate, and 5x the rate rings 5x as often', () => {
    const rand = seededRandom(11);
    const mean = (perHour: number) => Array.from({ length: N }, () => ringGapMs(perHour, rand)).reduce((a, b) => a + b, 0) / N;
    expect(mean(40) / 90_000).toBeCloseTo(1, 1);
    expect(mean(200) / 18_000).toBeCloseTo(1, 1);
    // Memoryless: about 1/e of gaps are longer than the mean.
    const long = Array.from({ length: N }, () => ringGapMs(40, rand)).filter((g) => g > 90_000).length / N;
    expect(long).toBeGreaterThan(0.34);
    expect(long).toBeLessThan(0.4);
  });

  it('draws each caller a patience between 20 and 90 s, spread over the range', () => {
    const rand = seededRandom(3);
    const xs = Array.from({ length: N }, () => drawPatienceSec(rand));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(PATIENCE_SEC.min);
    expect(Math.max(...xs)).toBeLessThanOrEqual(PATIENCE_SEC.max);
    expect(xs.filter((x) => x < 30).length / N).toBeGreaterThan(0.1);
    expect(xs.filter((x) => x > 80).length / N).toBeGreaterThan(0.1);
  });

  it('makes about 79 % of surge calls advice or repeat calls, far fewer in normal times', () => {
    expect(adviceShare(true)).toBeCloseTo(0.79, 2);
    expect(adviceShare(false)).toBeLessThan(0.5);
    const rand = seededRandom(5);
    const kinds = Array.from({ length: N }, () => drawPhoneKind(rand, true, true));
    const nonEmergency = kinds.filter((k) => k !== 'emergency').length / N;
    expect(nonEmergency).toBeGreaterThan(0.77);
    expect(nonEmergency).toBeLessThan(0.81);
    expect(kinds.filter((k) => k === 'repeat').length).toBeGreaterThan(0);
    // Nobody called before: no repeat call, the share stays advice.
    const first = Array.from({ length: 2000 }, () => drawPhoneKind(rand, true, false));
    expect(first).not.toContain('repeat');
  });

  it('gives callers Chinese mobile numbers and some a located handset with its accuracy', () => {
    const rand = seededRandom(9);
    for (let i = 0; i < 500; i++) expect(drawMobile(rand)).toMatch(/^1[3-9]\d{9}$/);
    const fixes = Array.from({ length: 3000 }, () => drawLocationFix(rand, { lon: 121.27, lat: 30.17 }));
    const handset = fixes.filter((f) => f?.source === 'handset');
    const carrier = fixes.filter((f) => f?.source === 'carrier');
    expect(handset.length / 3000).toBeCloseTo(1 / 3, 1);
    expect(fixes.filter((f) => f === null).length / 3000).toBeCloseTo(1 / 3, 1);
    expect(handset.every((f) => f && f.accuracyM < 100 && f.lon === 121.27)).toBe(true);
    expect(carrier.every((f) => f && f.accuracyM >= 300)).toBe(true);
  });
});
