/** Every state change runs here: one transaction that writes rows and appends to the event log. */
import { sql } from 'drizzle-orm';
import type { EntityType, EventName, Role } from '@dispatch/shared';
import type { Db, Tx } from '../db/client.ts';
import { EVENT_LOG_LOCK } from '../db/locks.ts';
import type { events } from '../db/schema.ts';
import { rowsOf } from '../repositories/units.ts';
import { claimIdempotencyKey, committedResult, committedResultRecord, recordCommittedResult, releaseClaim } from '../plugins/idempotency.ts';
import { followersOfChanges } from './audiences.ts';
import { isRetryable, RETRY_LIMIT, retryPause } from './retry.ts';

export interface Actor {
  id: number | null;
  name: string;
  role: Role | 'system';
  /** The hospital a nurse acts for; null for every other role. */
  hospitalId: number | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: 'system', hospitalId: null };

/** A change as a command records it; who hears it is decided by the visibility policy, not by the command. */
export interface PendingEvent {
  name: EventName;
  entity: EntityType;
  entityId: number;
  before: unknown;
  after: unknown;
}

export interface LoggedEvent extends PendingEvent {
  seq: number;
  at: Date;
  actor: string;
  actorRole: string;
  /** Hospitals whose staff hear this change (shared/src/domain/visibility.ts). */
  hospitalIds: number[];
}

/** Collects the events of one transaction; they are written last, in one insert. */
export class EventBuffer {
  readonly pending: PendingEvent[] = [];
  add(event: PendingEvent): void {
    this.pending.push(event);
  }
}

// Held from the event insert to commit, so sequence order is commit order: a console that
// has seen seq N has seen every change before N, and a resync after N misses nothing. It is
// always the last lock a transaction takes (docs/decisions/0004-one-lock-order.md).

export interface Committed<T> {
  result: T;
  events: LoggedEvent[];
}

/**
 * Run `work` in a transaction; append its events; resolve only after commit. A deadlock or a
 * serialization failure rolls everything back and runs `work` again, a bounded number of times:
 * the client sees the outcome of a clean run, never the database's internal conflict.
 */
export async function inTransaction<T>(db: Db, actor: Actor, now: Date, work: (tx: Tx, log: EventBuffer) => Promise<T>): Promise<Committed<T>> {
  // The first attempt of this request committed and its answer was lost: that result, not a second run.
  const done = committedResult<T>();
  if (done.found) return { result: done.result, events: [] };
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptTransaction(db, actor, now, work);
    } catch (error) {
      releaseClaim();
      if (attempt >= RETRY_LIMIT || !isRetryable(error)) throw error;
      await retryPause(attempt);
    }
  }
}

async function attemptTransaction<T>(db: Db, actor: Actor, now: Date, work: (tx: Tx, log: EventBuffer) => Promise<T>): Promise<Committed<T>> {
  return db.transaction(async (tx) => {
    // First, so a retried request waits here for its twin instead of doing the work again.
    await claimIdempotencyKey(tx);
    const log = new EventBuffer();
    const result = await work(tx, log);
    const record = committedResultRecord(result);
    if (log.pending.length === 0) {
      if (record) await recordCommittedResult(tx, record);
      return { result, events: [] };
    }
    const followers = await followersOfChanges(tx, log.pending);
    return { result, events: await appendEvents(tx, actor, now, log.pending, followers, record) };
  });
}

/**
 * The event log's lock, the insert and the idempotency record in one statement (two round trips less, and the
 * lock is taken only when the rows are ready): the lock's one-row CTE is joined to the rows, so it is taken before the first row is
 * formed and its seq drawn. Held to commit, so seq order is commit order; still the last lock taken.
 */
async function appendEvents(
  tx: Tx,
  actor: Actor,
  now: Date,
  pending: readonly PendingEvent[],
  followers: number[][],
  record: ReturnType<typeof committedResultRecord>,
): Promise<LoggedEvent[]> {
  const rows = pending.map((e, i) => ({
    at: now.toISOString(),
    actor_id: actor.id,
    actor: actor.name,
    actor_role: actor.role,
    name: e.name,
    entity: e.entity,
    entity_id: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
    hospital_ids: followers[i] ?? [],
  }));
  // The request's Idempotency-Key row gets the command's result in the same statement (a data-modifying
  // CTE runs whether or not the main query reads it); the key's row lock was taken first, at the claim.
  const storeResult = record
    ? sql`, stored_result as (update idempotency_keys set response = ${JSON.stringify(record.response)}::jsonb where key = ${record.key} and status_code = ${record.pending})`
    : sql``;
  const result = await tx.execute(sql`
    with event_log_lock as (select pg_advisory_xact_lock(${EVENT_LOG_LOCK}))${storeResult}
    insert into events (at, actor_id, actor, actor_role, name, entity, entity_id, before, after, hospital_ids)
    select r.at, r.actor_id, r.actor, r.actor_role, r.name, r.entity, r.entity_id, r.before, r.after, r.hospital_ids
    from event_log_lock,
      rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as (
        at timestamptz, actor_id integer, actor text, actor_role text, name text, entity text, entity_id integer,
        before jsonb, after jsonb, hospital_ids integer[]))
      with ordinality as r(at, actor_id, actor, actor_role, name, entity, entity_id, before, after, hospital_ids, ord)
    order by r.ord
    returning seq, at, actor, actor_role, name, entity, entity_id, before, after, hospital_ids`);
  return rowsOf<RawEvent>(result).map((r) => ({
    seq: Number(r.seq),
    at: new Date(r.at),
    actor: r.actor,
    actorRole: r.actor_role,
    name: r.name as EventName,
    entity: r.entity as EntityType,
    entityId: Number(r.entity_id),
    before: r.before,
    after: r.after,
    hospitalIds: (r.hospital_ids ?? []).map(Number),
  }));
}

interface RawEvent {
  seq: string | number;
  at: string | Date;
  actor: string;
  actor_role: string;
  name: string;
  entity: string;
  entity_id: number;
  before: unknown;
  after: unknown;
  hospital_ids: number[] | null;
}

/** An event-log row in the shape the hub and replays use. */
export function toLoggedEvent(r: typeof events.$inferSelect): LoggedEvent {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    actorRole: r.actorRole,
    name: r.name as EventName,
    entity: r.entity as EntityType,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
    hospitalIds: r.hospitalIds,
  };
}
