/**
 * Load a validated city bundle: stations, hospitals and units by code / call sign (created or updated,
 * never removed), the gazetteer replaced, the manifest stored. One transaction; every change is an event
 * in the log under the importing actor. A unit or hospital with an active job that the bundle no longer
 * names refuses the whole import (409 naming it): the centre must finish the job first.
 */
import { isDeepStrictEqual } from 'node:util';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { DEFAULT_THRESHOLDS, type CityImportReport, type CityImported, type Crew, type ImportCounts, type Thresholds } from '@dispatch/shared';
import type { Tx } from '../db/client.ts';
import { hospitals, places, settings, stations, transports, units } from '../db/schema.ts';
import { AppError, conflict } from '../errors.ts';
import { inTransaction, type Actor, type EventBuffer } from '../events/log.ts';
import { toHospital, toStation, toUnit } from '../presenters/entities.ts';
import { createHospitalRepo, type HospitalRow } from '../repositories/hospitals.ts';
import { createStationRepo, type StationRow } from '../repositories/stations.ts';
import { createUnitRepo, type UnitRow } from '../repositories/units.ts';
import type { CityBundle } from '../city/validateBundle.ts';
import { bboxOf, cityFeatureOf } from '../city/outline.ts';
import type { CityMap } from '../city/map.ts';
import { CITY_KEY, CITY_MAP_KEY, readThresholds, writeThresholds } from '../repositories/settings.ts';
import { THRESHOLDS_ENTITY_ID } from './changeThresholds.ts';
import type { Deps } from './deps.ts';
import { logHospital, logUnit } from './effects.ts';

/** Settings have no numeric id; the log names the thresholds 1, the demo switches 2, the city 3. */
export const CITY_ENTITY_ID = 3;

const PLACE_CHUNK = 1000;
const NO_CREW: Crew = { driver: '', doctor: '', nurse: '' };

const counts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });

/** Only the fields that differ, so an unchanged row is neither written nor logged. */
function changed<T extends Record<string, unknown>>(row: T, wanted: Partial<T>): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(wanted) as (keyof T)[]) if (wanted[key] !== row[key]) patch[key] = wanted[key];
  return patch;
}

export async function importCity(deps: Deps, actor: Actor, bundle: CityBundle, warnings: readonly string[] = []): Promise<CityImportReport> {
  // inTransaction rather than runCommand: the report names the seqs written, which only the commit knows.
  const now = deps.clock();
  const committed = await inTransaction(deps.db, actor, now, (tx, log) => importInto(tx, log, actor, now, bundle, warnings));
  if (committed.events.length > 0) deps.publish(committed.events);
  const first = committed.events[0];
  const last = committed.events[committed.events.length - 1];
  return { ...committed.result, seq: first && last ? { from: first.seq, to: last.seq } : null };
}

async function importInto(tx: Tx, log: EventBuffer, actor: Actor, now: Date, bundle: CityBundle, warnings: readonly string[]): Promise<CityImportReport> {
  // Lock order (docs/decisions/0004): units, then transports, then the other rows (hospitals, stations).
  const unitRows = await tx.select().from(units).orderBy(asc(units.id)).for('no key update');
  const bundleCallSigns = new Set(bundle.units.map((u) => u.call_sign));
  const bundleHospitalCodes = new Set(bundle.hospitals.map((h) => h.code));
  for (const u of unitRows) {
    if (!bundleCallSigns.has(u.callSign) && u.callId !== null) {
      throw conflict('UNIT_ON_JOB', `unit ${u.callSign} is on a job (call ${u.callId}) and is not in the bundle; import again when it is back`, toUnit(u));
    }
  }
  const hospitalRowsUnlocked = await tx.select({ id: hospitals.id, code: hospitals.code }).from(hospitals);
  const missingHospitalIds = hospitalRowsUnlocked.filter((h) => !bundleHospitalCodes.has(h.code)).map((h) => h.id);
  const openTransports =
    missingHospitalIds.length === 0
      ? []
      : await tx
          .select()
          .from(transports)
          .where(and(isNull(transports.closedAt), inArray(transports.hospitalId, missingHospitalIds)))
          .orderBy(asc(transports.id))
          .for('no key update');
  const hospitalRows = await tx.select().from(hospitals).orderBy(asc(hospitals.id)).for('no key update');
  const stationRows = await tx.select().from(stations).orderBy(asc(stations.id)).for('no key update');
  for (const t of openTransports) {
    const h = hospitalRows.find((x) => x.id === t.hospitalId);
    if (h && !bundleHospitalCodes.has(h.code)) {
      throw conflict('HOSPITAL_ON_JOB', `hospital ${h.code} has a patient on the way (transport ${t.id}) and is not in the bundle`, toHospital(h));
    }
  }

  const report: CityImportReport = {
    city: { id: bundle.manifest.id, name: bundle.manifest.name.zh, nameEn: bundle.manifest.name.en, adcode: bundle.manifest.adcode },
    stations: counts(),
    hospitals: counts(),
    units: counts(),
    places: { replaced: bundle.places.length },
    warnings: [...warnings],
    notInBundle: { stations: [], hospitals: [], units: [] },
    seq: null,
  };

  const stationByCode = new Map<string, StationRow>(stationRows.map((s) => [s.code, s]));
  const stationRepo = createStationRepo(tx);
  for (const s of bundle.stations) {
    const wanted = { name: s.name_zh, nameEn: s.name_en, lon: s.lon, lat: s.lat };
    const before = stationByCode.get(s.code);
    if (!before) {
      const row = await stationRepo.insert({ code: s.code, ...wanted });
      log.add({ name: 'station.created', entity: 'station', entityId: row.id, before: null, after: toStation(row) });
      stationByCode.set(s.code, row);
      report.stations.created++;
      continue;
    }
    const patch = changed(before, wanted);
    if (Object.keys(patch).length === 0) {
      report.stations.unchanged++;
      continue;
    }
    const after = await stationRepo.update(before.id, patch);
    log.add({ name: 'station.updated', entity: 'station', entityId: after.id, before: toStation(before), after: toStation(after) });
    stationByCode.set(s.code, after);
    report.stations.updated++;
  }

  const hospitalByCode = new Map<string, HospitalRow>(hospitalRows.map((h) => [h.code, h]));
  const hospitalRepo = createHospitalRepo(tx);
  for (const h of bundle.hospitals) {
    const wanted = {
      name: h.name_zh,
      nameEn: h.name_en,
      kind: h.kind,
      lon: h.lon,
      lat: h.lat,
      openBeds: h.open_beds,
      icuOpen: h.icu_beds,
      icuConvertible: h.icu_convertible,
      ventilatorsFree: h.ventilators,
      stationId: h.station_code === null ? null : (stationByCode.get(h.station_code)?.id ?? null),
    };
    const before = hospitalByCode.get(h.code);
    if (!before) {
      const row = await hospitalRepo.insert({ code: h.code, ...wanted, capacityUpdatedAt: now, capacityUpdatedBy: actor.name });
      log.add({ name: 'hospital.created', entity: 'hospital', entityId: row.id, before: null, after: toHospital(row) });
      report.hospitals.created++;
      continue;
    }
    const patch = changed(before, wanted);
    if (Object.keys(patch).length === 0) {
      report.hospitals.unchanged++;
      continue;
    }
    const capacity = ['openBeds', 'icuOpen', 'icuConvertible', 'ventilatorsFree'].some((k) => k in patch);
    const after = await hospitalRepo.update(before.id, capacity ? { ...patch, capacityUpdatedAt: now, capacityUpdatedBy: actor.name } : patch);
    logHospital(log, 'hospital.updated', before, after);
    report.hospitals.updated++;
  }

  const unitByCallSign = new Map<string, UnitRow>(unitRows.map((u) => [u.callSign, u]));
  const unitRepo = createUnitRepo(tx);
  for (const u of bundle.units) {
    const station = stationByCode.get(u.station_code);
    // validateBundle checked every station code against stations.csv, which is now in the database.
    if (!station) throw new AppError(500, 'IMPORT_BROKEN', `station ${u.station_code} vanished during the import`);
    const wanted = { kind: u.kind, stationId: station.id, hasTerminal: u.has_terminal };
    const before = unitByCallSign.get(u.call_sign);
    if (!before) {
      const row = await unitRepo.insert({
        callSign: u.call_sign,
        ...wanted,
        status: 'available',
        statusSince: now,
        lon: station.lon,
        lat: station.lat,
        crew: NO_CREW,
      });
      logUnit(log, 'unit.created', null, row);
      report.units.created++;
      continue;
    }
    const patch = changed(before, wanted);
    if (Object.keys(patch).length === 0) {
      report.units.unchanged++;
      continue;
    }
    // As the admin screen's rule: only critical-care units carry severe patients, so no kind change under one.
    if (patch.kind !== undefined && before.callId !== null) {
      throw conflict('UNIT_BUSY', `unit ${before.callSign} is on a job; change its kind when it is back`, toUnit(before));
    }
    const after = await unitRepo.update(before.id, patch);
    logUnit(log, 'unit.updated', before, after);
    report.units.updated++;
  }

  const bundleStationCodes = new Set(bundle.stations.map((s) => s.code));
  report.notInBundle.stations = stationRows.filter((s) => !bundleStationCodes.has(s.code)).map((s) => s.code);
  report.notInBundle.hospitals = hospitalRows.filter((h) => !bundleHospitalCodes.has(h.code)).map((h) => h.code);
  report.notInBundle.units = unitRows.filter((u) => !bundleCallSigns.has(u.callSign)).map((u) => u.callSign);

  // The gazetteer has no identity of its own to keep: replaced whole, logged once with the manifest.
  await tx.delete(places);
  for (let i = 0; i < bundle.places.length; i += PLACE_CHUNK) {
    await tx.insert(places).values(
      bundle.places.slice(i, i + PLACE_CHUNK).map((p) => ({ name: p.name, aliases: p.aliases, kind: p.kind, town: p.town, setting: p.setting, lon: p.lon, lat: p.lat })),
    );
  }
  const [old] = await tx.select().from(settings).where(eq(settings.key, CITY_KEY)).for('no key update');
  const [placeCount] = await tx.select({ n: sql<number>`count(*)::int` }).from(places);
  const map = cityMapOf(bundle);
  await tx
    .insert(settings)
    .values({ key: CITY_MAP_KEY, value: map as unknown as Record<string, unknown> })
    .onConflictDoUpdate({ target: settings.key, set: { value: map as unknown as Record<string, unknown>, version: sql`${settings.version} + 1` } });
  const after: CityImported = { manifest: bundle.manifest, places: Number(placeCount?.n ?? 0), bbox: map.bbox, mapKey: mapKeyOf(map, bundle) };
  const before = (old?.value as CityImported | undefined) ?? null;
  // A city's default thresholds (its normal call rate above all) apply when the city is first loaded; a
  // re-import of the same city keeps what the command group has set since.
  if (before?.manifest.id !== bundle.manifest.id) {
    await tx.execute(sql`select 1 from settings where key = 'thresholds' for update`);
    const thresholdsBefore = await readThresholds(tx);
    const thresholdsAfter: Thresholds = { ...DEFAULT_THRESHOLDS, baselineCallsPerHour: bundle.manifest.normalCallsPerHour, ...bundle.manifest.thresholds };
    if (!isDeepStrictEqual(thresholdsBefore, thresholdsAfter)) {
      await writeThresholds(tx, thresholdsAfter);
      log.add({ name: 'settings.changed', entity: 'settings', entityId: THRESHOLDS_ENTITY_ID, before: thresholdsBefore, after: thresholdsAfter });
    }
  }
  // jsonb keeps keys in its own order, so compare values, not texts.
  if (!isDeepStrictEqual(before, after)) {
    await tx
      .insert(settings)
      .values({ key: CITY_KEY, value: after as unknown as Record<string, unknown> })
      .onConflictDoUpdate({ target: settings.key, set: { value: after as unknown as Record<string, unknown>, version: sql`${settings.version} + 1` } });
    log.add({ name: 'city.imported', entity: 'settings', entityId: CITY_ENTITY_ID, before, after });
  }
  return report;
}

function cityMapOf(bundle: CityBundle): CityMap {
  const city = cityFeatureOf(bundle.outline, bundle.manifest.adcode);
  // validateBundle refused a bundle whose outline lacks the city's adcode.
  if (!city) throw new AppError(422, 'CITY_OUTLINE', `outline.geojson has no feature with adcode ${bundle.manifest.adcode}`);
  return { adcode: bundle.manifest.adcode, bbox: bboxOf(city), outline: bundle.outline, water: bundle.water, roads: bundle.roads };
}

/** Digest of everything the base map draws (labels come from the gazetteer), so consoles refetch only when it changes. */
function mapKeyOf(map: CityMap, bundle: CityBundle): string {
  const hash = createHash('sha256').update(JSON.stringify(map));
  for (const p of bundle.places) hash.update(`${p.kind}|${p.name}|${p.setting}|${p.lon}|${p.lat}\n`);
  return hash.digest('hex').slice(0, 16);
}
