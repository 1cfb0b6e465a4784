/**
 * Reading the past back out of the event log: an entity's state at an instant, and the changes in
 * a window. Every change is logged with its `after` state, so history needs no other table.
 */
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { EntityType, LoggedChange } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { events } from '../db/schema.ts';

/**
 * State of each `ids` entity at `at`: the `after` of its last change before `at`, else the
 * `before` of its first change from `at` on. Ids with no change at all are left out: their row
 * today is their state then, since every change is logged.
 */
export async function statesAt<T>(db: Executor, entity: EntityType, ids: readonly number[], at: Date): Promise<Map<number, T>> {
  const out = new Map<number, T>();
  if (ids.length === 0) return out;
  const idList = [...ids];
  const latestBefore = await db
    .selectDistinctOn([events.entityId], { id: events.entityId, state: events.after })
    .from(events)
    .where(and(eq(events.entity, entity), inArray(events.entityId, idList), lt(events.at, at)))
    .orderBy(events.entityId, sql`${events.seq} desc`);
  for (const r of latestBefore) if (r.state !== null) out.set(r.id, r.state as T);
  const missing = idList.filter((id) => !out.has(id));
  if (missing.length === 0) return out;
  const firstAfter = await db
    .selectDistinctOn([events.entityId], { id: events.entityId, state: events.before })
    .from(events)
    .where(and(eq(events.entity, entity), inArray(events.entityId, missing), gte(events.at, at)))
    .orderBy(events.entityId, asc(events.seq));
  for (const r of firstAfter) if (r.state !== null) out.set(r.id, r.state as T);
  return out;
}

/** Changes of the given entities with from <= at < to, in sequence order. */
export async function changesBetween(db: Executor, entities: readonly EntityType[], from: Date, to: Date): Promise<LoggedChange[]> {
  const rows = await db
    .select({ seq: events.seq, at: events.at, name: events.name, entity: events.entity, entityId: events.entityId, after: events.after, actorId: events.actorId })
    .from(events)
    .where(and(inArray(events.entity, [...entities]), gte(events.at, from), lt(events.at, to)))
    .orderBy(asc(events.seq));
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** Every change of the given entity ids (within [from, to) when given), in sequence order. */
export async function changesOf(db: Executor, entity: EntityType, ids: readonly number[], window?: { from: Date; to: Date }): Promise<LoggedChange[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ seq: events.seq, at: events.at, name: events.name, entity: events.entity, entityId: events.entityId, after: events.after })
    .from(events)
    .where(and(eq(events.entity, entity), inArray(events.entityId, [...ids]), window ? and(gte(events.at, window.from), lt(events.at, window.to)) : undefined))
    .orderBy(asc(events.seq));
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** Changes with one of `names` in the window, with their before state too (declines live only in the log). */
export async function namedChangesBetween(db: Executor, names: readonly string[], from: Date, to: Date) {
  return db
    .select({ seq: events.seq, at: events.at, name: events.name, entityId: events.entityId, before: events.before, after: events.after })
    .from(events)
    .where(and(inArray(events.name, [...names]), gte(events.at, from), lt(events.at, to)))
    .orderBy(asc(events.seq));
}
