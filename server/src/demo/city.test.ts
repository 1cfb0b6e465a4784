/**
 * The demo city is a bundle: seeding an empty database imports DEMO_CITY's folder under the actor `seed`
 * (in the event log), then its demo.json extras; the simulator's random calls and addresses come from the
 * same bundle. Both shipped cities.
 */
import { sql } from 'drizzle-orm';
import { readThresholds } from '../repositories/settings.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hospital, Unit } from '@dispatch/shared';
import { openDatabase, type Database } from '../db/client.ts';
import { rowsOf } from '../repositories/units.ts';
import { createTestDatabase, login, startTestServer, type TestServer } from '../../test/harness.ts';
import { loadDemoCity, type DemoCity } from './bundle.ts';
import { DEMO_ACCOUNTS, seedDemoCity } from './seed.ts';
import { seededRandom } from './random.ts';
import { addressNear, randomPointIn, simCityOf } from './sim/cityModel.ts';

describe.each(['cixi', 'huairen'])('demo city %s, from its bundle', (id) => {
  let city: DemoCity;
  let database: Database;
  let server: TestServer;
  const one = async (query: string): Promise<number> => Number(rowsOf<{ n: number }>(await database.db.execute(sql.raw(query)))[0]?.n ?? 0);

  beforeAll(async () => {
    city = await loadDemoCity(id);
    const { url } = await createTestDatabase({ seeded: false });
    database = await openDatabase({ url, dataDir: 'unused', poolSize: 2 });
    expect(await seedDemoCity(database.db, new Date(), { simulatorAccounts: true, city: id })).toBe(true);
    server = await startTestServer({ databaseUrl: url, env: { DEMO_CITY: id } });
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('seeds the bundle: as many stations, hospitals and units, and the gazetteer', async () => {
    const { bundle } = city;
    expect(await one('select count(*)::int as n from stations')).toBe(bundle.stations.length);
    expect(await one('select count(*)::int as n from hospitals')).toBe(bundle.hospitals.length);
    expect(await one('select count(*)::int as n from units')).toBe(bundle.units.length);
    expect(await one('select count(*)::int as n from places')).toBe(bundle.places.length);
    // A second seed of a city that has data does nothing.
    expect(await seedDemoCity(database.db, new Date(), { simulatorAccounts: true, city: id })).toBe(false);
  });

  it('the import is in the event log under the actor seed, with the demo extras', async () => {
    const { bundle, extras } = city;
    const byName = rowsOf<{ name: string; n: number }>(
      await database.db.execute(sql`select name, count(*)::int as n from events where actor = 'seed' and name <> 'settings.changed' group by name order by name`),
    );
    // The first import of a city sets its thresholds (logged when they differ from the defaults): its normal call rate is the baseline.
    expect((await readThresholds(database.db)).baselineCallsPerHour).toBe(bundle.manifest.thresholds.baselineCallsPerHour ?? bundle.manifest.normalCallsPerHour);
    expect(byName).toEqual([
      { name: 'city.imported', n: 1 },
      { name: 'hospital.capacityChanged', n: Object.keys(extras.hospitals).length },
      { name: 'hospital.created', n: bundle.hospitals.length },
      { name: 'station.created', n: bundle.stations.length },
      { name: 'unit.created', n: bundle.units.length },
      { name: 'unit.updated', n: Object.keys(extras.crews).length },
    ]);
    expect(await one("select count(*)::int as n from events where actor <> 'seed'")).toBe(0);
  });

  it('every demo account signs in; the nurses work at the hospitals demo.json names, the units have crews', async () => {
    const dispatcher = await login(server, 'dispatcher');
    for (const a of DEMO_ACCOUNTS) await login(server, a.username);
    await login(server, 'sim-dispatcher');
    const users = (await (await login(server, 'admin')).get<{ username: string; hospitalId: number | null }[]>('/api/admin/users')).body;
    const hospitals = (await dispatcher.get<Hospital[]>('/api/hospitals')).body;
    const codeOf = new Map(hospitals.map((h) => [h.id, h.code]));
    for (const [username, code] of Object.entries(city.extras.nurses)) {
      expect(codeOf.get(users.find((u) => u.username === username)?.hospitalId ?? -1), username).toBe(code);
    }
    for (const h of city.bundle.hospitals) await login(server, `sim-${h.code.toLowerCase()}`);
    const first = city.bundle.hospitals[0];
    const firstExtras = first ? city.extras.hospitals[first.code] : undefined;
    if (first && firstExtras) expect(hospitals.find((h) => h.code === first.code)?.occupiedBeds).toBe(firstExtras.occupiedBeds);
    const units = (await dispatcher.get<Unit[]>('/api/units')).body;
    for (const u of units) expect(u.crew.driver, u.callSign).not.toBe('');
  });

  it('draws random call locations inside the outline, deterministically, with addresses of its towns', () => {
    const sim = simCityOf(city.bundle, city.extras);
    const towns = sim.towns.map((t) => t.name);
    const a = seededRandom(42);
    const b = seededRandom(42);
    for (let i = 0; i < 200; i++) {
      const p = randomPointIn(sim, a);
      expect(sim.inside(p.lon, p.lat)).toBe(true);
      expect(randomPointIn(sim, b)).toEqual(p);
      const address = addressNear(sim, p, a);
      addressNear(sim, p, b);
      expect(towns.some((t) => address.startsWith(`${t} `)), address).toBe(true);
      expect(address).toMatch(/^\S+ \S+ .*\d+号/);
    }
  });
});

it('a neighbour of Cixi is not Cixi', async () => {
  const cixi = await loadDemoCity('cixi');
  const sim = simCityOf(cixi.bundle, cixi.extras);
  expect(sim.inside(121.4, 30.42)).toBe(false); // Hangzhou Bay
  expect(sim.inside(121.1, 30.1)).toBe(false); // Yuyao
  expect(sim.inside(121.27, 30.17)).toBe(true);
});
