import { describe, expect, it } from 'vitest';
import { cityProfileOf, NO_CITY, utcOffsetMinutes } from './city.ts';
import { CityManifest } from './cityBundle.ts';
import { cityDayOf } from './domain/cityDay.ts';

describe('the loaded city', () => {
  it('takes the city day from the IANA zone, daylight saving included', () => {
    expect(utcOffsetMinutes('Asia/Shanghai', new Date('2023-01-05T08:00:00Z'))).toBe(480);
    expect(utcOffsetMinutes('Asia/Kolkata', new Date('2023-01-05T08:00:00Z'))).toBe(330);
    expect(utcOffsetMinutes('Europe/Berlin', new Date('2023-01-05T08:00:00Z'))).toBe(60);
    expect(utcOffsetMinutes('Europe/Berlin', new Date('2023-07-05T08:00:00Z'))).toBe(120);
    expect(utcOffsetMinutes('UTC', new Date('2023-07-05T08:00:00.999Z'))).toBe(0);
    // 16:30Z is already tomorrow in a UTC+8 city, still today in UTC.
    const at = new Date('2023-01-05T16:30:00Z');
    expect(cityDayOf(at, utcOffsetMinutes('Asia/Shanghai', at)).day).toBe('2023-01-06');
    expect(cityDayOf(at, utcOffsetMinutes('UTC', at)).day).toBe('2023-01-05');
  });

  it('is "no city" before an import, and the manifest’s figures after one', () => {
    expect(cityProfileOf(null)).toBe(NO_CITY);
    expect(NO_CITY.bbox).toBeNull();
    expect(Object.values(NO_CITY.rules.destinations).every((kinds) => kinds.includes('isolation') && kinds.includes('designated'))).toBe(true);
    const manifest = CityManifest.parse({
      id: 'testville',
      name: { zh: '测试市', en: 'Testville' },
      adcode: '123456',
      population: 90_000,
      populationSource: 'assumed',
      timeZone: 'Asia/Urumqi',
      normalCallsPerHour: 3,
      surgePlanMultiple: 6,
      residentsPerAmbulance: 20_000,
      rules: { targets: {}, destinations: { critical: ['designated'], severe: ['designated'], common: ['fangcang'], mild: ['fangcang'], asymptomatic: ['fangcang'] } },
    });
    const p = cityProfileOf({ manifest, places: 4, bbox: [1, 2, 3, 4], mapKey: 'k1' });
    expect(p).toMatchObject({ id: 'testville', population: 90_000, timeZone: 'Asia/Urumqi', surgePlanMultiple: 6, residentsPerAmbulance: 20_000, bbox: [1, 2, 3, 4], mapKey: 'k1' });
    expect(p.rules.destinations.asymptomatic).toEqual(['fangcang']);
  });

  it('takes the kinds a class may use only for a patient who needs a bed, and only from its destinations', () => {
    const base = {
      id: 'testville', name: { zh: '测试市', en: 'Testville' }, adcode: '123456', population: 90_000, populationSource: 'assumed',
      timeZone: 'Asia/Shanghai', normalCallsPerHour: 3, surgePlanMultiple: 5, residentsPerAmbulance: 30_000,
    };
    const destinations = { critical: ['designated'], severe: ['designated'], common: ['fangcang'], mild: ['fangcang'], asymptomatic: ['fangcang', 'isolation'] };
    const ok = CityManifest.parse({ ...base, rules: { targets: {}, destinations, bedNeededOnly: { asymptomatic: ['fangcang'] } } });
    expect(cityProfileOf({ manifest: ok, places: 0, bbox: [1, 2, 3, 4], mapKey: 'k' }).rules.bedNeededOnly).toEqual({ asymptomatic: ['fangcang'] });
    expect(CityManifest.parse({ ...base, rules: { targets: {}, destinations } }).rules.bedNeededOnly).toBeUndefined();
    const notListed = CityManifest.safeParse({ ...base, rules: { targets: {}, destinations, bedNeededOnly: { common: ['isolation'] } } });
    expect(notListed.success).toBe(false);
    expect(notListed.error?.issues[0]).toMatchObject({ path: ['rules', 'bedNeededOnly', 'common', 0], message: '"isolation" is not in destinations.common' });
    expect(CityManifest.safeParse({ ...base, rules: { targets: {}, destinations, bedNeededOnly: { asymptomatic: ['tent'] } } }).success).toBe(false);
    expect(CityManifest.safeParse({ ...base, rules: { targets: {}, destinations, bedNeededOnly: { walking: ['fangcang'] } } }).success).toBe(false);
  });
});
