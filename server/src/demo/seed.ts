/** Loads the demo city into an empty database: stations, hospitals, units, one account per role. */
import { sql } from 'drizzle-orm';
import path from 'node:path';
import { DEFAULT_THRESHOLDS, NO_CITY, type Role } from '@dispatch/shared';
import { REPO_ROOT } from '../env.ts';
import type { Deps } from '../commands/deps.ts';
import { importCity } from '../commands/importCity.ts';
import { readBundle } from '../city/readBundle.ts';
import { formatBundleError } from '../city/validateBundle.ts';
import type { Db } from '../db/client.ts';
import { hospitals, stations, units, users } from '../db/schema.ts';
import { hashPassword } from '../auth/sessions.ts';
import { writeThresholds } from '../repositories/settings.ts';
import { rowsOf } from '../repositories/units.ts';
import { DEMO_HOSPITALS, DEMO_STATIONS, DEMO_UNITS } from './city.ts';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  hospitalCode?: string;
}

/** The accounts printed at start. Demo only: a real deployment creates its own in the admin screen. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'dispatcher', password: 'dispatch-120', role: 'dispatcher', displayName: '调度员 王丽' },
  { username: 'dispatcher2', password: 'dispatch-120', role: 'dispatcher', displayName: '调度员 陈军' },
  { username: 'nurse', password: 'nurse-120-ed', role: 'nurse', displayName: '急诊护士长 李敏 (人民医院)', hospitalCode: 'H01' },
  { username: 'nurse2', password: 'nurse-120-ed', role: 'nurse', displayName: '急诊护士长 周芳 (第二人民医院)', hospitalCode: 'H02' },
  { username: 'command', password: 'command-120', role: 'command', displayName: '指挥专班 张强' },
  { username: 'admin', password: 'admin-120-it', role: 'admin', displayName: '信息科 刘洋' },
  { username: 'avl-gateway', password: 'gateway-120-avl', role: 'gateway', displayName: 'AVL gateway' },
];

/** Simulated staff of every hospital, used by the demo simulator only. */
export const SIM_NURSE_PASSWORD = 'sim-nurse-120';
export const simNurseName = (code: string) => `sim-${code.toLowerCase()}`;
export const SIM_DISPATCHER: DemoAccount = { username: 'sim-dispatcher', password: 'sim-dispatch-120', role: 'dispatcher', displayName: '模拟调度席 (simulator)' };

/** True when the city was seeded now; false when it already had data. */
export async function seedDemoCity(db: Db, now: Date, opts: { simulatorAccounts: boolean }): Promise<boolean> {
  const existing = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from hospitals`));
  const n = Number(existing[0]?.n ?? 0);
  if (n > 0) return false;
  await db.transaction(async (tx) => {
    const stationRows = await tx
      .insert(stations)
      .values(DEMO_STATIONS.map((s) => ({ name: s.name, nameEn: s.nameEn, lon: s.lon, lat: s.lat })))
      .returning();
    const stationByKey = new Map(DEMO_STATIONS.map((s, i) => [s.key, stationRows[i]]));
    const hospitalRows = await tx
      .insert(hospitals)
      .values(
        DEMO_HOSPITALS.map((h) => ({
          code: h.code,
          name: h.name,
          nameEn: h.nameEn,
          kind: h.kind,
          lon: h.lon,
          lat: h.lat,
          openBeds: h.openBeds,
          occupiedBeds: h.occupiedBeds,
          icuOpen: h.icuOpen,
          icuOccupied: h.icuOccupied,
          icuConvertible: h.icuConvertible,
          ventilatorsFree: h.ventilatorsFree,
          edStatus: h.edStatus,
          feverClinicWaitMin: h.feverClinicWaitMin,
          capacityUpdatedAt: now,
          capacityUpdatedBy: 'seed',
        })),
      )
      .returning();
    const hospitalByCode = new Map(hospitalRows.map((h) => [h.code, h.id]));
    await tx.insert(units).values(
      DEMO_UNITS.map((u) => {
        const station = stationByKey.get(u.stationKey);
        if (!station) throw new Error(`unknown station ${u.stationKey}`);
        return { callSign: u.callSign, kind: u.kind, stationId: station.id, status: 'available', statusSince: now, lon: station.lon, lat: station.lat, crew: u.crew, hasTerminal: u.hasTerminal };
      }),
    );
    const accounts = [...DEMO_ACCOUNTS];
    if (opts.simulatorAccounts) {
      accounts.push(SIM_DISPATCHER);
      for (const h of DEMO_HOSPITALS) {
        accounts.push({ username: simNurseName(h.code), password: SIM_NURSE_PASSWORD, role: 'nurse', displayName: `模拟护士 ${h.code}`, hospitalCode: h.code });
      }
    }
    // One hash per distinct password keeps the first start fast.
    const hashes = new Map<string, string>();
    for (const a of accounts) if (!hashes.has(a.password)) hashes.set(a.password, await hashPassword(a.password));
    await tx.insert(users).values(
      accounts.map((a) => ({
        username: a.username,
        displayName: a.displayName,
        passwordHash: hashes.get(a.password) ?? '',
        role: a.role,
        hospitalId: a.hospitalCode ? (hospitalByCode.get(a.hospitalCode) ?? null) : null,
      })),
    );
    await writeThresholds(tx, DEFAULT_THRESHOLDS);
  });
  // Interim, until the demo is seeded from its bundle: record the Cixi bundle as the loaded city (it matches
  // the rows just written, so only the city rows are added).
  const checked = await readBundle(path.join(REPO_ROOT, 'server', 'cities', 'cixi'));
  if (!checked.ok) throw new Error(`demo bundle invalid: ${checked.errors.map(formatBundleError).join('; ')}`);
  const deps: Deps = { db, clock: () => now, estimator: { name: 'none', minutes: () => 0 }, city: NO_CITY, publish: () => {} };
  await importCity(deps, { id: null, name: 'seed', role: 'admin', hospitalId: null }, checked.bundle);
  return true;
}
