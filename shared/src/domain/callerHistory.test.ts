import { describe, expect, it } from 'vitest';
import { callerHistory, nearbyRadiusM, phoneSpellings } from './callerHistory.ts';
import { buildCall, CIXI_CENTRE } from './testFactories.ts';

/** A point `m` metres north of the centre. */
const north = (m: number) => ({ lon: CIXI_CENTRE.lon, lat: CIXI_CENTRE.lat + m / 111_320 });

describe("a caller's history beside intake", () => {
  it('lists their earlier calls whatever spelling the number was typed in, most recent first, and open calls near them nearest first', () => {
    const older = buildCall({ id: 1, callerPhone: '138 1234-5678', receivedAt: '2026-12-01T01:00:00Z', status: 'closed', ...north(5000) });
    const newer = buildCall({ id: 2, callerPhone: '+8613812345678', receivedAt: '2026-12-01T05:00:00Z', status: 'awaiting_unit', ...north(100) });
    const near = buildCall({ id: 3, callerPhone: '13900000000', status: 'awaiting_unit', ...north(250) });
    const nearer = buildCall({ id: 4, callerPhone: '13900000001', status: 'en_route', ...north(80) });
    const closedNear = buildCall({ id: 5, callerPhone: '13900000002', status: 'closed', ...north(50) });
    const far = buildCall({ id: 6, callerPhone: '13900000003', status: 'awaiting_unit', ...north(900) });
    const merged = buildCall({ id: 7, callerPhone: '13900000004', status: 'awaiting_unit', mergedIntoId: 4, ...north(60) });
    const h = callerHistory('13812345678', CIXI_CENTRE, 300, [near, older, far, newer, closedNear, nearer, merged, near]);
    expect(h.earlierCalls.map((c) => c.id)).toEqual([2, 1]);
    // Its own earlier open call is listed once, as an earlier call, not again as nearby.
    expect(h.nearby.map((c) => c.id)).toEqual([4, 3]);
  });

  it('without a location lists no nearby calls; an empty number has no earlier calls', () => {
    const open = buildCall({ id: 1, callerPhone: '13812345678', status: 'awaiting_unit', ...north(10) });
    expect(callerHistory('13812345678', null, 300, [open]).nearby).toEqual([]);
    expect(callerHistory('', CIXI_CENTRE, 300, [open])).toMatchObject({ earlierCalls: [], nearby: [{ id: 1 }] });
  });

  it('the nearby circle follows the network accuracy, between a block and 3 km; the number is looked up in its spellings', () => {
    expect(nearbyRadiusM(40)).toBe(300);
    expect(nearbyRadiusM(1200)).toBe(1200);
    expect(nearbyRadiusM(20_000)).toBe(3000);
    expect(nearbyRadiusM(null)).toBe(300);
    expect(phoneSpellings('+86 138-1234-5678')).toEqual(['13812345678', '8613812345678', '008613812345678', '+8613812345678', '+13812345678']);
    expect(phoneSpellings('--')).toEqual([]);
  });
});
