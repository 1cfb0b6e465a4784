/**
 * Importing a city bundle into an empty database (the Cixi bundle with the fixture gazetteer): counts,
 * audit, a second import that changes nothing, a re-import by code, refusals that leave the database as it
 * was, and `pnpm city:import` end to end.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityImportReport } from '@dispatch/shared';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { users } from '../../src/db/schema.ts';
import { importBundle, type ImportOutcome } from '../../src/city/importBundle.ts';
import type { Deps } from '../../src/commands/deps.ts';
import type { Actor } from '../../src/events/log.ts';
import { rowsOf } from '../../src/repositories/units.ts';
import { createTestDatabase } from '../harness.ts';
import { bundleFolder, cixiFiles, setCell } from './bundle.ts';
import { NO_CITY } from '@dispatch/shared';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const run = promisify(execFile);

const IMPORTER: Actor = { id: null, name: 'it-importer', role: 'admin', hospitalId: null };

describe('city import into an empty database', () => {
  let database: Database;
  let url: string;
  let deps: Deps;

  const one = async (query: string): Promise<number> => Number(rowsOf<{ n: number }>(await database.db.execute(sql.raw(query)))[0]?.n ?? 0);
  /** Row counts and the newest seq: what a refused import must leave exactly as it was. */
  const state = async () => ({
    stations: await one('select count(*)::int as n from stations'),
    hospitals: await one('select count(*)::int as n from hospitals'),
    units: await one('select count(*)::int as n from units'),
    places: await one('select count(*)::int as n from places'),
    settings: await one('select count(*)::int as n from settings'),
    maxSeq: await one('select coalesce(max(seq), 0)::int as n from events'),
  });
  const report = (outcome: ImportOutcome): CityImportReport => {
    if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.errors.slice(0, 5))}`);
    return outcome.report;
  };

  beforeAll(async () => {
    url = (await createTestDatabase({ seeded: false })).url;
    database = await openDatabase({ url, dataDir: 'memory://', poolSize: 2 });
    deps = { db: database.db, clock: () => new Date('2026-12-01T08:00:00Z'), estimator: { name: 'fixed', minutes: () => 10 }, city: NO_CITY, publish: () => {} };
  });
  afterAll(async () => {
    await database?.close();
  });

  it('a broken bundle is refused with every error and writes nothing', async () => {
    const before = await state();
    const files = cixiFiles();
    files['stations.csv'] = setCell(files['stations.csv'] ?? '', 3, 'lon', 'east');
    files['units.csv'] = setCell(files['units.csv'] ?? '', 2, 'station_code', 'ST99');
    const outcome = await importBundle(deps, IMPORTER, files);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? [] : outcome.errors).toHaveLength(2);
    expect(await state()).toEqual(before);
  });

  it('imports the Cixi bundle: 20 stations, 27 hospitals, 64 units, 5 places, each change logged under the importer', async () => {
    const r = report(await importBundle(deps, IMPORTER, cixiFiles()));
    expect(r.stations).toEqual({ created: 20, updated: 0, unchanged: 0 });
    expect(r.hospitals).toEqual({ created: 27, updated: 0, unchanged: 0 });
    expect(r.units).toEqual({ created: 64, updated: 0, unchanged: 0 });
    expect(r.places).toEqual({ replaced: 5 });
    expect(r.city).toEqual({ id: 'cixi', name: '慈溪市', nameEn: 'Cixi', adcode: '330282' });
    expect(await state()).toMatchObject({ stations: 20, hospitals: 27, units: 64, places: 5, settings: 2 });
    expect(r.seq).not.toBeNull();
    expect((r.seq?.to ?? 0) - (r.seq?.from ?? 0) + 1).toBe(20 + 27 + 64 + 1);
    const byName = rowsOf<{ name: string; n: number }>(
      await database.db.execute(sql`select name, count(*)::int as n from events where actor = 'it-importer' group by name order by name`),
    );
    expect(byName).toEqual([
      { name: 'city.imported', n: 1 },
      { name: 'hospital.created', n: 27 },
      { name: 'station.created', n: 20 },
      { name: 'unit.created', n: 64 },
    ]);
    // The demo's figures, as seeded: the People's Hospital and a unit based at the TCM station.
    const [h01] = rowsOf<{ open_beds: number; icu_open: number; icu_convertible: number; ventilators_free: number }>(
      await database.db.execute(sql`select open_beds, icu_open, icu_convertible, ventilators_free from hospitals where code = 'H01'`),
    );
    expect(h01).toEqual({ open_beds: 1500, icu_open: 40, icu_convertible: 60, ventilators_free: 9 });
    // station_code: the 120 post in the hospital's grounds, stored as the station's id (none stays null).
    const based = rowsOf<{ code: string; station: string | null }>(
      await database.db.execute(sql`select h.code, s.code as station from hospitals h left join stations s on s.id = h.station_id where h.code in ('H01', 'H02') order by h.code`),
    );
    expect(based).toEqual([{ code: 'H01', station: 'ST01' }, { code: 'H02', station: 'ST04' }]);
    expect(await one('select count(*)::int as n from hospitals where station_id is null')).toBeGreaterThan(0);
    const [cx11] = rowsOf<{ code: string; kind: string }>(
      await database.db.execute(sql`select s.code, u.kind from units u join stations s on s.id = u.station_id where u.call_sign = 'CX-11'`),
    );
    expect(cx11).toEqual({ code: 'ST02', kind: 'critical_care' });
    const [aliases] = rowsOf<{ aliases: string[] }>(await database.db.execute(sql`select aliases from places where name = '慈溪市人民医院'`));
    expect(aliases?.aliases).toEqual(['人民医院', 'renmin, yiyuan']);
  });

  it('a second import of the same bundle changes nothing', async () => {
    const before = await state();
    const r = report(await importBundle(deps, IMPORTER, cixiFiles()));
    expect([r.stations, r.hospitals, r.units]).toEqual([
      { created: 0, updated: 0, unchanged: 20 },
      { created: 0, updated: 0, unchanged: 27 },
      { created: 0, updated: 0, unchanged: 64 },
    ]);
    expect(r.seq).toBeNull();
    expect(await state()).toEqual(before);
  });

  it('a re-import updates by code and call sign, adds new rows and leaves the ones it does not name', async () => {
    const files = cixiFiles();
    files['hospitals.csv'] = setCell(setCell(files['hospitals.csv'] ?? '', 3, 'open_beds', '650'), 3, 'station_code', '');
    const units = (files['units.csv'] ?? '').trimEnd().split('\n');
    // CX-64 leaves the bundle, CX-65 joins, CX-63 moves to the People's Hospital station.
    files['units.csv'] = [...units.slice(0, 63), 'CX-63,standard,ST01,true', 'CX-65,standard,ST01,false'].join('\n') + '\n';
    const r = report(await importBundle(deps, { ...IMPORTER, name: 'it-second' }, files));
    expect(r.hospitals).toEqual({ created: 0, updated: 1, unchanged: 26 });
    expect(r.units).toEqual({ created: 1, updated: 1, unchanged: 62 });
    expect(r.notInBundle).toEqual({ stations: [], hospitals: [], units: ['CX-64'] });
    expect(await one("select count(*)::int as n from units where call_sign = 'CX-64'")).toBe(1);
    const [h02] = rowsOf<{ open_beds: number; capacity_updated_by: string }>(
      await database.db.execute(sql`select open_beds, capacity_updated_by from hospitals where code = 'H02'`),
    );
    expect(h02).toEqual({ open_beds: 650, capacity_updated_by: 'it-second' });
    expect(await one("select count(*)::int as n from hospitals where code = 'H02' and station_id is null")).toBe(1);
    expect(await one("select count(*)::int as n from events where actor = 'it-second' and name in ('hospital.updated', 'unit.updated', 'unit.created')")).toBe(3);
  });

  it('refuses, naming it, to leave out a unit that is on a job; nothing is written', async () => {
    await database.db.execute(sql`update units set call_id = 4242, status = 'en_route' where call_sign = 'CX-64'`);
    const before = await state();
    const files = cixiFiles();
    files['units.csv'] = (files['units.csv'] ?? '').replace(/^CX-64,.*\n/m, '');
    files['hospitals.csv'] = setCell(files['hospitals.csv'] ?? '', 3, 'open_beds', '700');
    await expect(importBundle(deps, IMPORTER, files)).rejects.toMatchObject({ statusCode: 409, code: 'UNIT_ON_JOB', message: expect.stringContaining('CX-64') as unknown });
    expect(await state()).toEqual(before);
    await database.db.execute(sql`update units set call_id = null, status = 'available' where call_sign = 'CX-64'`);
  });

  it('refuses to leave out a hospital with a patient on the way, and to change the kind of a unit on a call', async () => {
    const [call] = rowsOf<{ id: number }>(
      await database.db.execute(sql`insert into calls (status, received_at, status_since, caller_phone, address, lon, lat, complaint, clinical_class, flags)
        values ('transporting', now(), now(), '13800138000', '浒山街道', 121.26, 30.17, 'fever', 'common', '{}'::jsonb) returning id`),
    );
    await database.db.execute(sql`insert into transports (call_id, unit_id, hospital_id, assigned_at)
      select ${call?.id ?? 0}, u.id, h.id, now() from units u, hospitals h where u.call_sign = 'CX-62' and h.code = 'H27'`);
    await database.db.execute(sql`update units set call_id = ${call?.id ?? 0}, status = 'transporting' where call_sign = 'CX-62'`);
    const before = await state();
    const withoutH27 = cixiFiles();
    withoutH27['hospitals.csv'] = (withoutH27['hospitals.csv'] ?? '').replace(/^H27,.*\n/m, '');
    await expect(importBundle(deps, IMPORTER, withoutH27)).rejects.toMatchObject({ statusCode: 409, code: 'HOSPITAL_ON_JOB', message: expect.stringContaining('H27') as unknown });
    const kindChange = cixiFiles();
    kindChange['units.csv'] = (kindChange['units.csv'] ?? '').replace(/^CX-62,standard,/m, 'CX-62,critical_care,');
    await expect(importBundle(deps, IMPORTER, kindChange)).rejects.toMatchObject({ statusCode: 409, code: 'UNIT_BUSY', message: expect.stringContaining('CX-62') as unknown });
    expect(await state()).toEqual(before);
    await database.db.execute(sql`update transports set closed_at = now()`);
    await database.db.execute(sql`update units set call_id = null, status = 'available' where call_sign = 'CX-62'`);
  });

  it('pnpm city:import: errors as file:line:column and exit 1 with nothing written; a non-admin refused; the report on success', async () => {
    await database.db.insert(users).values([
      { username: 'it-admin', displayName: 'IT', passwordHash: 'x', role: 'admin' },
      { username: 'it-dispatcher', displayName: 'D', passwordHash: 'x', role: 'dispatcher' },
    ]);
    const cli = async (folder: string, as: string) => {
      try {
        const { stdout, stderr } = await run(TSX, ['server/src/city/importCli.ts', folder, '--as', as], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url } });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };
    const before = await state();
    const broken = cixiFiles();
    broken['stations.csv'] = setCell(broken['stations.csv'] ?? '', 3, 'lon', 'east');
    delete broken['places.csv'];
    const bad = await cli(bundleFolder(broken), 'it-admin');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('stations.csv:3:lon: not a number');
    expect(bad.stderr).toContain('places.csv:-:-: file is missing');
    expect(await state()).toEqual(before);

    const folder = bundleFolder();
    const notAdmin = await cli(folder, 'it-dispatcher');
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.stderr).toContain('not an enabled admin account');

    const good = await cli(folder, 'it-admin');
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('imported 慈溪市 (cixi, adcode 330282)');
    expect(good.stdout).toMatch(/units: 0 created, 1 updated, 63 unchanged/);
    expect(good.stdout).toContain('not in the bundle, left as they are: CX-65');
    expect(await one("select count(*)::int as n from events where actor = 'it-admin'")).toBe(2);
  }, 60_000);
});
