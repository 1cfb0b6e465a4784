/** "Today" at one hospital's ED door: read the day's transports and declines, summarise in shared/. */
import { and, eq, gte, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { summarizeHospitalDay, type ClinicalClass, type DeclineReason, type HospitalDay } from '@dispatch/shared';
import type { Deps } from '../commands/deps.ts';
import { events, transports } from '../db/schema.ts';
import { toTransport } from '../presenters/entities.ts';
import { createCallRepo } from '../repositories/calls.ts';
import { cityToday } from '../city/calendar.ts';

/** The day is the city day (cityDay.ts), the same one the command group's figures and call numbers use. */
export async function hospitalToday(deps: Deps, hospitalId: number): Promise<HospitalDay> {
  const now = deps.clock();
  const bounds = cityToday(now);
  const rows = await deps.db
    .select()
    .from(transports)
    .where(
      and(
        eq(transports.hospitalId, hospitalId),
        or(gte(transports.arrivedAt, bounds.from), gte(transports.handedOverAt, bounds.from), and(isNotNull(transports.arrivedAt), isNull(transports.closedAt))),
      ),
    );
  const calls = await createCallRepo(deps.db).listByIds([...new Set(rows.map((r) => r.callId))]);
  // A declined patient is usually rerouted, and then its transport no longer names this hospital:
  // the decline itself is only in the event log.
  const declined = await deps.db
    .select({ at: events.at, after: events.after })
    .from(events)
    .where(
      and(
        eq(events.name, 'transport.declined'),
        gte(events.at, bounds.from),
        lt(events.at, bounds.to),
        sql`(${events.after} ->> 'hospitalId')::int = ${hospitalId}`,
      ),
    );
  return summarizeHospitalDay({
    hospitalId,
    transports: rows.map(toTransport),
    classOf: new Map(calls.map((c) => [c.id, c.clinicalClass as ClinicalClass])),
    declines: declined.map((d) => ({ at: d.at.toISOString(), reason: ((d.after as { declineReason?: DeclineReason } | null)?.declineReason ?? 'other') })),
    bounds,
  });
}
