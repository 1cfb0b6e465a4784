/** Thin loaders for the command group's figures: read rows (or the event log), hand them to the pure shared rules. */
import { and, gte, isNull, lt, or } from 'drizzle-orm';
import {
  buildDailyReport,
  buildTrends,
  computeNowStats,
  type Call,
  type DailyReport,
  type DayWindow,
  type Hospital,
  type NowStats,
  type Transport,
  type TrendResult,
  type Unit,
} from '@dispatch/shared';
import type { CityProfile } from '@dispatch/shared';
import { cityDayNamed, cityToday } from '../city/calendar.ts';
import type { Executor } from '../db/client.ts';
import { calls, transports } from '../db/schema.ts';
import { toCall, toHospital, toTransport, toUnit } from '../presenters/entities.ts';
import { skipping } from '../presenters/skipping.ts';
import { createCallRepo } from '../repositories/calls.ts';
import { changesBetween, namedChangesBetween, statesAt } from '../repositories/eventHistory.ts';
import { createHospitalRepo } from '../repositories/hospitals.ts';
import { readThresholds } from '../repositories/settings.ts';
import { createTransportRepo } from '../repositories/transports.ts';
import { createUnitRepo } from '../repositories/units.ts';

export const TREND_BUCKET_MINUTES = 15;

/** The "now" picture at `now`. */
export async function loadNowStats(db: Executor, now: Date, city: CityProfile): Promise<NowStats> {
  const day = cityToday(now);
  const since = new Date(Math.min(day.from.getTime(), now.getTime() - 3600_000));
  const [thresholds, hospitalRows, unitRows, recent, open, transportRows] = await Promise.all([
    readThresholds(db),
    createHospitalRepo(db).list(),
    createUnitRepo(db).list(),
    createCallRepo(db).receivedSince(since),
    createCallRepo(db).listOpen(),
    createTransportRepo(db).listLive(day.from),
  ]);
  const byId = new Map([...recent, ...open].map((c) => [c.id, c]));
  return computeNowStats({
    now,
    dayStart: day.from,
    day: day.day,
    thresholds,
    population: city.population,
    residentsPerUnit: city.residentsPerAmbulance,
    surgePlanMultiple: city.surgePlanMultiple,
    rules: city.rules,
    calls: [...byId.values()].flatMap(skipping('call', toCall)),
    units: unitRows.flatMap(skipping('unit', toUnit)),
    transports: transportRows.flatMap(skipping('transport', toTransport)),
    hospitals: hospitalRows.flatMap(skipping('hospital', toHospital)),
  });
}

/** State of calls, units, transports and hospitals at `at`, rebuilt from the event log. */
async function stateAt(db: Executor, at: Date) {
  const [unitRows, hospitalRows, openCalls, activeTransports] = await Promise.all([
    createUnitRepo(db).list(),
    createHospitalRepo(db).list(),
    db
      .select({ id: calls.id })
      .from(calls)
      .where(and(lt(calls.receivedAt, at), or(isNull(calls.closedAt), gte(calls.closedAt, at)))),
    db
      .select({ id: transports.id })
      .from(transports)
      .where(and(lt(transports.assignedAt, at), or(isNull(transports.closedAt), gte(transports.closedAt, at)))),
  ]);
  const [unitStates, hospitalStates, callStates, transportStates] = await Promise.all([
    statesAt<Unit>(db, 'unit', unitRows.map((u) => u.id), at),
    statesAt<Hospital>(db, 'hospital', hospitalRows.map((h) => h.id), at),
    statesAt<Call>(db, 'call', openCalls.map((c) => c.id), at),
    statesAt<Transport>(db, 'transport', activeTransports.map((t) => t.id), at),
  ]);
  // A row with no logged change at all has looked like this all along.
  return {
    units: unitRows.flatMap((u) => {
      const logged = unitStates.get(u.id);
      return logged ? [logged] : skipping('unit', toUnit)(u);
    }),
    hospitals: hospitalRows.flatMap((h) => {
      const logged = hospitalStates.get(h.id);
      return logged ? [logged] : skipping('hospital', toHospital)(h);
    }),
    calls: [...callStates.values()],
    transports: [...transportStates.values()],
  };
}

/** 15-minute trends over [from, to), replayed from the event log. */
export async function loadTrends(db: Executor, from: Date, to: Date): Promise<TrendResult> {
  const [initial, events] = await Promise.all([stateAt(db, from), changesBetween(db, ['call', 'unit', 'transport', 'hospital'], from, to)]);
  return buildTrends({ from, to, bucketMinutes: TREND_BUCKET_MINUTES, initial, events });
}

/** The last 24 hours up to `now`, starting on a quarter hour so buckets line up with the clock. */
export function last24h(now: Date): { from: Date; to: Date } {
  const step = TREND_BUCKET_MINUTES * 60_000;
  return { from: new Date(Math.floor((now.getTime() - 24 * 3600_000) / step) * step), to: now };
}

/** A city day, cut at `now` when it is today. */
export function dayUpTo(day: string, now: Date): { window: DayWindow; until: Date } {
  const window = cityDayNamed(day);
  return { window, until: new Date(Math.max(window.from.getTime(), Math.min(window.to.getTime(), now.getTime()))) };
}

/** One city day's report; hospital capacity is as it stood at the day's end (or now). */
export async function loadDailyReport(db: Executor, day: string, now: Date, phone: Pick<DailyReport, 'centre' | 'dispatchers'>): Promise<DailyReport> {
  const { window, until } = dayUpTo(day, now);
  const [thresholds, dayCalls, dayTransports, declines, hospitalRows] = await Promise.all([
    readThresholds(db),
    db
      .select()
      .from(calls)
      .where(and(gte(calls.receivedAt, window.from), lt(calls.receivedAt, window.to))),
    // Every transport that could have spent time at an ED door within the day.
    db
      .select()
      .from(transports)
      .where(and(lt(transports.assignedAt, window.to), or(isNull(transports.closedAt), gte(transports.closedAt, window.from)))),
    namedChangesBetween(db, ['transport.declined'], window.from, window.to),
    createHospitalRepo(db).list(),
  ]);
  const atEnd = until.getTime() >= now.getTime() ? null : await statesAt<Hospital>(db, 'hospital', hospitalRows.map((h) => h.id), until);
  return buildDailyReport({
    phone,
    window,
    until,
    baselinePerHour: thresholds.baselineCallsPerHour,
    calls: dayCalls.flatMap(skipping('call', toCall)),
    transports: dayTransports.flatMap(skipping('transport', toTransport)),
    declines: declines.flatMap((d) => {
      const t = d.after as Transport | null;
      return t?.hospitalId ? [{ hospitalId: t.hospitalId, reason: (t.declineReason ?? 'other') }] : [];
    }),
    hospitals: hospitalRows.flatMap(skipping('hospital', (h: (typeof hospitalRows)[number]) => ({ ...toHospital(h), ...(atEnd?.get(h.id) ?? {}) }))),
  });
}
