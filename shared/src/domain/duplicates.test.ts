import { describe, expect, it } from 'vitest';
import { findRepeatsAndDuplicates, normalisePhone } from './duplicates.ts';
import { buildCall, CIXI_CENTRE, FACTORY_NOW } from './testFactories.ts';

const ago = (m: number) => new Date(FACTORY_NOW.getTime() - m * 60_000).toISOString();
// 0.001° of latitude ≈ 111 m.
const north = (metres: number) => ({ lon: CIXI_CENTRE.lon, lat: CIXI_CENTRE.lat + metres / 111_195 });

describe('findRepeatsAndDuplicates', () => {
  it('normalises phone numbers', () => {
    expect(normalisePhone('138-1234 5678')).toBe('13812345678');
    expect(normalisePhone('+86 138 1234 5678')).toBe('13812345678');
    expect(normalisePhone('0574-6301 2345')).toBe('057463012345');
  });

  it('finds repeats by phone within 6 h in any status, most recent first', () => {
    const older = buildCall({ id: 1, callerPhone: '13812345678', receivedAt: ago(300), status: 'closed', ...north(5000) });
    const newer = buildCall({ id: 2, callerPhone: '138 1234-5678', receivedAt: ago(20), status: 'cancelled', ...north(5000) });
    const tooOld = buildCall({ id: 3, callerPhone: '13812345678', receivedAt: ago(361), ...north(5000) });
    const other = buildCall({ id: 4, callerPhone: '13900000000', receivedAt: ago(5), ...north(5000) });
    const r = findRepeatsAndDuplicates({ callerPhone: '138-1234-5678', ...CIXI_CENTRE }, [older, tooOld, other, newer], FACTORY_NOW);
    expect(r.repeatOf.map((c) => c.id)).toEqual([2, 1]);
    expect(r.nearby).toEqual([]);
  });

  it('finds open calls within 300 m in the last 30 min, most recent first', () => {
    const calls = [
      buildCall({ id: 1, callerPhone: '1', receivedAt: ago(10), ...north(250) }),
      buildCall({ id: 2, callerPhone: '2', receivedAt: ago(5), ...north(100), status: 'en_route' }),
      buildCall({ id: 3, callerPhone: '3', receivedAt: ago(10), ...north(350) }),
      buildCall({ id: 4, callerPhone: '4', receivedAt: ago(31), ...north(50) }),
      buildCall({ id: 5, callerPhone: '5', receivedAt: ago(3), ...north(50), status: 'closed' }),
    ];
    const r = findRepeatsAndDuplicates({ callerPhone: '13800000000', ...CIXI_CENTRE }, calls, FACTORY_NOW);
    expect(r.nearby.map((c) => c.id)).toEqual([2, 1]);
    expect(r.repeatOf).toEqual([]);
  });

  it('lists a same-phone call nearby only as a repeat', () => {
    const c = buildCall({ id: 7, callerPhone: '13812345678', receivedAt: ago(2), ...CIXI_CENTRE });
    const r = findRepeatsAndDuplicates({ callerPhone: '13812345678', ...CIXI_CENTRE }, [c], FACTORY_NOW);
    expect(r.repeatOf.map((x) => x.id)).toEqual([7]);
    expect(r.nearby).toEqual([]);
  });

  it('honours options and works with only a phone or only a place', () => {
    const c = buildCall({ id: 1, callerPhone: '13812345678', receivedAt: ago(45), ...north(400) });
    expect(findRepeatsAndDuplicates({ ...CIXI_CENTRE }, [c], FACTORY_NOW, { radiusM: 500, windowMinutes: 60 }).nearby).toHaveLength(1);
    expect(findRepeatsAndDuplicates({ ...CIXI_CENTRE }, [c], FACTORY_NOW).nearby).toHaveLength(0);
    expect(findRepeatsAndDuplicates({ callerPhone: '13812345678' }, [c], FACTORY_NOW, { repeatHours: 0.5 }).repeatOf).toHaveLength(0);
    expect(findRepeatsAndDuplicates({}, [c], FACTORY_NOW)).toEqual({ repeatOf: [], nearby: [] });
  });
});
