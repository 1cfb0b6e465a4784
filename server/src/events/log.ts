/** Every state change runs here: one transaction that writes rows and appends to the event log. */
import { sql } from 'drizzle-orm';
import type { EntityType, EventName, Role } from '@dispatch/shared';
import type { Db, Tx } from '../db/client.ts';
import { EVENT_LOG_LOCK } from '../db/locks.ts';
import { events } from '../db/schema.ts';
import { claimIdempotencyKey, committedResult, recordCommittedResult, releaseClaim } from '../plugins/idempotency.ts';
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
    await recordCommittedResult(tx, result);
    if (log.pending.length === 0) return { result, events: [] };
    const followers = await followersOfChanges(tx, log.pending);
    await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_LOG_LOCK})`);
    const rows = await tx
      .insert(events)
      .values(
        log.pending.map((e, i) => ({
          at: now,
          actorId: actor.id,
          actor: actor.name,
          actorRole: actor.role,
          name: e.name,
          entity: e.entity,
          entityId: e.entityId,
          before: e.before ?? null,
          after: e.after ?? null,
          hospitalIds: followers[i] ?? [],
        })),
      )
      .returning();
    return { result, events: rows.map(toLoggedEvent) };
  });
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
