/**
 * Loads the demo city into an empty database: the bundle of DEMO_CITY through the logged import (actor
 * `seed`), then the demo extras of its demo.json (occupancy, crews, also logged), one account per role.
 */
import { sql } from 'drizzle-orm';
import { createStraightLineEstimator, NO_CITY, type Role } from '@dispatch/shared';
import type { Db } from '../db/client.ts';
import { hospitals, phoneLines, seats, users } from '../db/schema.ts';
import { hashPassword } from '../auth/sessions.ts';
import { rowsOf } from '../repositories/units.ts';
import { importCity } from '../commands/importCity.ts';
import type { Deps } from '../commands/deps.ts';
import type { Actor } from '../events/log.ts';
import { loadDemoCity, type DemoCity } from './bundle.ts';
import { applyDemoExtras } from './extras.ts';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  hospitalCode?: string;
}

/** Who the event log names for the seed's import and extras. */
export const SEED_ACTOR: Actor = { id: null, name: 'seed', role: 'system', hospitalId: null };

/**
 * The accounts printed at start. Demo only: a real deployment creates its own in the admin screen. The
 * nurses' hospitals come from the city's demo.json (`nurses`), else the bundle's first two hospitals.
 */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'dispatcher', password: 'dispatch-120', role: 'dispatcher', displayName: '王丽' },
  { username: 'dispatcher2', password: 'dispatch-120', role: 'dispatcher', displayName: '陈军' },
  { username: 'nurse', password: 'nurse-120-ed', role: 'nurse', displayName: '李敏' },
  { username: 'nurse2', password: 'nurse-120-ed', role: 'nurse', displayName: '周芳' },
  { username: 'command', password: 'command-120', role: 'command', displayName: '张强' },
  { username: 'admin', password: 'admin-120-it', role: 'admin', displayName: '刘洋' },
  { username: 'avl-gateway', password: 'gateway-120-avl', role: 'gateway', displayName: 'AVL gateway' },
  { username: 'cti-gateway', password: 'telephony-120-cti', role: 'telephony', displayName: 'CTI gateway' },
  { username: 'crew', password: 'crew-120-amb', role: 'crew', displayName: '赵刚' },
];

/**
 * The demo centre's lines and seats in normal times; the surge plan multiplies both by the city's
 * surgePlanMultiple (DOMAIN.md rule 4). Demo figures: a real centre lists the lines and seats it has.
 */
export const DEMO_NORMAL_LINES = 8;
export const DEMO_NORMAL_SEATS = 6;

/** Simulated staff of every hospital, used by the demo simulator only. */
export const SIM_NURSE_PASSWORD = 'sim-nurse-120';
export const simNurseName = (code: string) => `sim-${code.toLowerCase()}`;
export const SIM_DISPATCHER: DemoAccount = { username: 'sim-dispatcher', password: 'sim-dispatch-120', role: 'dispatcher', displayName: '模拟调度席' };
/** The simulator's call takers: one account per seat they staff (a dispatcher holds one seat at a time). */
export const SIM_SEAT_ACCOUNTS = 10;
export const simSeatAccount = (n: number): DemoAccount => ({ username: `sim-seat-${n}`, password: 'sim-seat-120', role: 'dispatcher', displayName: `模拟接警席 ${n}` });

/** The demo accounts of this city: nurses placed at their hospitals, named after them (without the city's own name). */
export function demoAccountsOf(city: DemoCity, opts: { simulatorAccounts: boolean }): DemoAccount[] {
  const { bundle, extras } = city;
  const byCode = new Map(bundle.hospitals.map((h) => [h.code, h]));
  const fallback = bundle.hospitals.map((h) => h.code);
  let nth = 0;
  const accounts = DEMO_ACCOUNTS.map((a): DemoAccount => {
    if (a.role !== 'nurse') return a;
    const code = extras.nurses[a.username] ?? fallback[nth++ % Math.max(1, fallback.length)];
    const h = code ? byCode.get(code) : undefined;
    if (!h) return a;
    const short = h.name_zh.startsWith(bundle.manifest.name.zh) ? h.name_zh.slice(bundle.manifest.name.zh.length) : h.name_zh;
    return { ...a, displayName: `${a.displayName} (${short || h.name_zh})`, hospitalCode: h.code };
  });
  if (opts.simulatorAccounts) {
    accounts.push(SIM_DISPATCHER);
    for (let n = 1; n <= SIM_SEAT_ACCOUNTS; n++) accounts.push(simSeatAccount(n));
    for (const h of bundle.hospitals) {
      accounts.push({ username: simNurseName(h.code), password: SIM_NURSE_PASSWORD, role: 'nurse', displayName: `模拟护士 ${h.code}`, hospitalCode: h.code });
    }
  }
  return accounts;
}

/**
 * True when the city was seeded now; false when the database already had a city (whatever `city` says:
 * switching DEMO_CITY needs an empty database). Not one transaction: the import is its own logged
 * command, as an admin's would be; it runs under the migrations' lock, so two instances never both seed.
 */
export async function seedDemoCity(db: Db, now: Date, opts: { simulatorAccounts: boolean; city: string }): Promise<boolean> {
  const existing = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from hospitals`));
  if (Number(existing[0]?.n ?? 0) > 0) return false;
  const city = await loadDemoCity(opts.city);
  const deps: Deps = {
    db,
    clock: () => now,
    estimator: createStraightLineEstimator({}),
    city: NO_CITY,
    publish: () => {},
  };
  await importCity(deps, SEED_ACTOR, city.bundle, city.warnings);
  await applyDemoExtras(deps, SEED_ACTOR, city.extras);

  const accounts = demoAccountsOf(city, opts);
  await db.transaction(async (tx) => {
    const hospitalByCode = new Map((await tx.select({ id: hospitals.id, code: hospitals.code }).from(hospitals)).map((h) => [h.code, h.id]));
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
    const multiple = Math.max(1, city.bundle.manifest.surgePlanMultiple);
    const numbered = (normal: number) => Array.from({ length: Math.ceil(normal * multiple) }, (_, i) => ({ n: i + 1, surge: i >= normal }));
    await tx.insert(phoneLines).values(numbered(DEMO_NORMAL_LINES).map((l) => ({ id: l.n, surge: l.surge })));
    await tx.insert(seats).values(numbered(DEMO_NORMAL_SEATS).map((l) => ({ seat: l.n, surge: l.surge, stateSince: now })));
  });
  return true;
}
