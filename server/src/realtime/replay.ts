/** Events after a sequence number, as one audience may hear them. */
import { and, asc, gt, inArray, or, sql } from 'drizzle-orm';
import { audienceHears, PUBLIC_ENTITIES, toTypedEvent, type LiveEvent } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { events } from '../db/schema.ts';
import { presentEntity, type Audience } from '../presenters/audience.ts';
import { toLoggedEvent, type LoggedEvent } from '../events/log.ts';

/** Past this many missed events a fresh snapshot is cheaper than the replay. */
export const MAX_REPLAY = 2000;

/** How far below a console's last seq a replay starts, to cover pushes that overtook each other. */
export const REPLAY_OVERLAP = 64;

export { audienceHears };

/** A logged event as one audience receives it, typed by its name (the parse point is shared's toTypedEvent). */
export function toLiveEvent(audience: Audience, e: LoggedEvent): LiveEvent {
  const header = { seq: e.seq, at: e.at.toISOString(), actor: e.actor, id: e.entityId };
  return toTypedEvent(header, e.name, presentEntity(audience, e.entity, e.after));
}

/** Up to MAX_REPLAY + 1 events after `afterSeq` for the audience (one more tells "too many"). */
export async function eventsAfter(db: Executor, audience: Audience, afterSeq: number): Promise<LoggedEvent[]> {
  // A coarse filter in SQL so the limit counts what this audience hears; the policy decides exactly.
  const scope =
    audience.kind === 'hospital'
      ? or(inArray(events.entity, [...PUBLIC_ENTITIES]), sql`${events.hospitalIds} @> array[${audience.hospitalId}]::integer[]`)
      : sql`${events.entity} <> 'user'`;
  const rows = await db
    .select()
    .from(events)
    .where(and(gt(events.seq, afterSeq), scope))
    .orderBy(asc(events.seq))
    .limit(MAX_REPLAY + 1);
  return rows.map(toLoggedEvent).filter((e) => audienceHears(audience, e));
}
