/**
 * The loaded city drives the product (issue 11): on a database without the demo, `pnpm admin:create`, then a
 * Huairen import, and everything city-shaped follows — figures, bounds, calendar, rules, base map, gazetteer —
 * on this instance at once and on a second instance of the same database within its watch interval.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityProfile, GeocodeCandidate, NowStats, Thresholds } from '@dispatch/shared';
import { ALL_BUNDLE_FILES } from '@dispatch/shared';
import { callBody, connectConsole, createTestDatabase, login, startTestServer, type Agent, type TestServer } from '../harness.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const HUAIREN = path.join(ROOT, 'server/cities/huairen');
const PASSWORD = 'correct horse battery staple';
const run = promisify(execFile);

type FeatureCollection = { type: string; features: { properties: Record<string, unknown>; geometry: { type: string } }[] };

function huairenFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of ALL_BUNDLE_FILES) if (fs.existsSync(path.join(HUAIREN, f))) files[f] = fs.readFileSync(path.join(HUAIREN, f), 'utf8');
  return files;
}

describe('a city loaded into a database without the demo', () => {
  let url: string;
  let a: TestServer;
  let b: TestServer;
  let adminA: Agent;
  let adminB: Agent;

  beforeAll(async () => {
    ({ url } = await createTestDatabase({ seeded: false }));
    // The server migrates the empty database; admin:create then works on it as on a real deployment.
    a = await startTestServer({ databaseUrl: url, env: { CITY_WATCH_MS: '200' } });
    const child = run(TSX, ['server/src/admin/createAdminCli.ts', 'it-admin'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' } });
    child.child.stdin?.end(`${PASSWORD}\n`);
    await child;
    b = await startTestServer({ databaseUrl: url, env: { CITY_WATCH_MS: '200' } });
    [adminA, adminB] = await Promise.all([login(a, 'it-admin', 'bearer', PASSWORD), login(b, 'it-admin', 'bearer', PASSWORD)]);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('says no city is loaded before the import: no bounds, an empty base map, nothing to search', async () => {
    const city = (await adminA.get<CityProfile>('/api/city')).body;
    expect(city.id).toBe('');
    expect(city.bbox).toBeNull();
    const districts = (await adminA.get<FeatureCollection>('/api/city/map/districts.geojson')).body;
    expect(districts).toEqual({ type: 'FeatureCollection', features: [] });
    expect((await adminA.get('/api/city/map/nowhere.geojson')).status).toBe(400);
    expect((await fetch(`${a.url}/api/city`)).status).toBe(401);
  });

  it('after the Huairen import both instances run Huairen: figures, calendar, rules, thresholds', async () => {
    const res = await adminA.post('/api/admin/city/import', { files: huairenFiles() });
    expect(res.status).toBe(200);
    const onA = (await adminA.get<CityProfile>('/api/city')).body;
    expect(onA).toMatchObject({ id: 'huairen', population: 348_500, timeZone: 'Asia/Shanghai', residentsPerAmbulance: 30_000, surgePlanMultiple: 5 });
    expect(onA.rules.targets.designated).toEqual({ measure: 'severe_beds', pct: 10, convertiblePct: null });
    expect(onA.rules.destinations.asymptomatic).toEqual(['fangcang', 'isolation']);
    const [x0, y0, x1, y1] = onA.bbox ?? [0, 0, 0, 0];
    expect(x0).toBeGreaterThan(112.5);
    expect(x1).toBeLessThan(113.6);
    expect(y0).toBeGreaterThan(39.5);
    expect(y1).toBeLessThan(40.1);
    // The other instance hears of it from the database, not from this process.
    const started = Date.now();
    while ((await adminB.get<CityProfile>('/api/city')).body.id !== 'huairen') {
      if (Date.now() - started > 5000) throw new Error('instance B did not load Huairen within 5 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await adminB.get<CityProfile>('/api/city')).body).toEqual(onA);
    // The city's normal call rate becomes the load multiple's baseline.
    const thresholds = (await adminB.get<Thresholds>('/api/settings/thresholds')).body;
    expect(thresholds.baselineCallsPerHour).toBe(8);
    // A 15-ambulance fleet is short of free units at 3, not at the default sized for a large city.
    expect(thresholds.minFreeUnits).toBe(3);
  });

  it('the command figures are Huairen’s: the fleet norm, the plan, the designated hospital’s 10 % severe-bed target', async () => {
    await adminA.post('/api/admin/users', { username: 'cmd-hr', displayName: 'Command HR', password: PASSWORD, role: 'command' });
    const command = await login(b, 'cmd-hr', 'bearer', PASSWORD);
    const stats = (await command.get<NowStats>('/api/stats/now')).body;
    expect(stats.fleet).toMatchObject({ population: 348_500, residentsPerUnit: 30_000, required: 12 });
    expect(stats.load.planMultiple).toBe(5);
    const designated = stats.hospitals.find((h) => h.code === 'HR-H01');
    expect(designated?.icu).toMatchObject({ measure: 'severe_beds', targetPct: 10, meetsIcu: true });
  });

  it('the door checks Huairen’s bounds, the address search knows its places, an asymptomatic patient who needs a bed goes to the fangcang', async () => {
    await adminA.post('/api/admin/users', { username: 'disp-hr', displayName: 'Dispatcher HR', password: PASSWORD, role: 'dispatcher' });
    const dispatcher = await login(b, 'disp-hr', 'bearer', PASSWORD);
    const cixi = await dispatcher.post('/api/calls', callBody());
    expect(cixi.status).toBe(400);
    expect(cixi.body.field).toBe('lon');
    const found = (await dispatcher.get<GeocodeCandidate[]>(`/api/geocode?q=${encodeURIComponent('jinshatan')}`)).body;
    const place = found[0]?.place;
    expect(place?.name).toMatch(/^金沙滩/);
    const at = { address: place?.name, lon: place?.lon, lat: place?.lat, clinicalClass: 'asymptomatic' };
    const call = await dispatcher.post<{ id: number; flags: { needsBed: boolean } }>('/api/calls', callBody({ ...at, complaint: 'positive test, lives alone, needs a bed', flags: { needsBed: true } }));
    expect(call.status).toBe(201);
    expect(call.body.flags.needsBed).toBe(true);
    const kindOf = new Map((await dispatcher.get<{ id: number; kind: string }[]>('/api/hospitals')).body.map((h) => [h.id, h.kind]));
    const kindsFor = async (id: number) =>
      (await dispatcher.get<{ hospitals: { hospitalId: number }[] }>(`/api/calls/${id}/suggestions`)).body.hospitals.map((h) => kindOf.get(h.hospitalId));
    const suggested = await kindsFor(call.body.id);
    expect(suggested[0]).toBe('fangcang');
    expect(suggested.every((k) => k === 'fangcang' || k === 'isolation')).toBe(true);
    // Without the need for a bed the fangcang is never offered: the isolation site has the rooms.
    const rooms = await dispatcher.post<{ id: number; flags: { needsBed: boolean } }>('/api/calls', callBody({ ...at, complaint: 'positive test, no symptoms' }));
    expect(rooms.body.flags.needsBed).toBe(false);
    expect(await kindsFor(rooms.body.id)).toEqual(['isolation']);
    // A console on the other instance opens on Huairen.
    const live = connectConsole(b, dispatcher);
    await live.ready;
    expect(live.snapshots[0]?.city.id).toBe('huairen');
    live.close();
  });

  it('serves Huairen’s base map: the city marked among its neighbours, labels from the gazetteer', async () => {
    const city = (await adminB.get<CityProfile>('/api/city')).body;
    const districts = (await adminB.get<FeatureCollection>(`/api/city/map/districts.geojson?v=${city.mapKey}`)).body;
    const focus = districts.features.filter((f) => f.properties.focus === true);
    expect(focus.map((f) => f.properties.adcode)).toEqual(['140624']);
    expect(districts.features.length).toBeGreaterThan(4);
    const labels = (await adminB.get<FeatureCollection>('/api/city/map/places.geojson')).body;
    expect(labels.features.find((f) => f.properties.rank === 0)?.properties).toMatchObject({ name: '怀仁市', nameEn: 'Huairen' });
    expect(labels.features.filter((f) => f.properties.rank === 2).map((f) => f.properties.name)).toContain('云中镇');
    expect(labels.features.find((f) => f.properties.name === '金沙滩镇')?.properties.nameEn).toBe('Jinshatan');
    const water = (await adminB.get<FeatureCollection>('/api/city/map/water.geojson')).body;
    expect(water.type).toBe('FeatureCollection');
  });
});
