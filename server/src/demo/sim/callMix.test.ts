import { beforeAll, describe, expect, it } from 'vitest';
import { CreateCallBody } from '@dispatch/shared';
import { loadDemoCity } from '../bundle.ts';
import { seededRandom } from '../random.ts';
import { drawCall, drawTransfer, type RecentCaller } from './callMix.ts';
import { simCityOf, type SimCity } from './cityModel.ts';

let city: SimCity;
beforeAll(async () => {
  const cixi = await loadDemoCity('cixi');
  city = simCityOf(cixi.bundle, cixi.extras);
});

function draw(n: number, surge: boolean, seed = 1) {
  const rand = seededRandom(seed);
  const recent: RecentCaller[] = [];
  const out = [];
  for (let i = 0; i < n; i++) {
    const c = drawCall(rand, { city, surge, recent });
    if (c.kind === 'emergency') recent.push({ phone: c.input.callerPhone, at: c.input, address: c.input.address, patient: c.input });
    out.push(c);
  }
  return out;
}

describe('simulated callers', () => {
  it('draws valid calls on land, the same for the same seed', () => {
    const calls = draw(300, false);
    for (const c of calls) {
      expect(CreateCallBody.safeParse(c.input).success).toBe(true);
      expect(city.inside(c.input.lon, c.input.lat)).toBe(true);
      expect(c.input.age).toBeGreaterThanOrEqual(1);
      expect(c.input.age).toBeLessThanOrEqual(95);
      // Risk tiers belong to the 65+ only.
      if ((c.input.age ?? 0) < 65) expect(c.input.riskTier).toBeNull();
    }
    expect(draw(20, false).map((c) => c.input)).toEqual(draw(20, false).map((c) => c.input));
  });

  it('in a surge most calls are advice or repeats (about 79%), closed at intake', () => {
    const surge = draw(2000, true);
    const normal = draw(2000, false);
    const share = (cs: typeof surge) => cs.filter((c) => c.kind !== 'emergency').length / cs.length;
    expect(share(surge)).toBeGreaterThan(0.74);
    expect(share(surge)).toBeLessThan(0.84);
    expect(share(normal)).toBeLessThan(0.45);
    for (const c of surge) expect(c.input.closeAs === 'advice').toBe(c.kind !== 'emergency');
  });

  it('repeat callers call from the same phone about the same patient', () => {
    const calls = draw(500, true);
    const repeats = calls.filter((c) => c.kind === 'repeat');
    expect(repeats.length).toBeGreaterThan(20);
    for (const r of repeats) {
      const first = calls.find((c) => c.kind === 'emergency' && c.input.callerPhone === r.input.callerPhone);
      expect(first?.input.age).toBe(r.input.age);
      expect(first?.input.address).toBe(r.input.address);
    }
  });

  it('older callers are sicker', () => {
    const emergencies = draw(4000, false).filter((c) => c.kind === 'emergency');
    const sickShare = (lo: number, hi: number) => {
      const band = emergencies.filter((c) => (c.input.age ?? 0) >= lo && (c.input.age ?? 0) <= hi);
      return band.filter((c) => c.input.clinicalClass === 'critical' || c.input.clinicalClass === 'severe').length / band.length;
    };
    expect(sickShare(80, 95)).toBeGreaterThan(sickShare(18, 64) * 2);
  });

  it('transfers are severe or critical patients', () => {
    const rand = seededRandom(3);
    for (let i = 0; i < 50; i++) expect(['severe', 'critical']).toContain(drawTransfer(rand).clinicalClass);
  });
});
