/** Every state change runs here: one transaction that writes rows and appends to the event log. */
import { sql } from 'drizzle-orm';
import type { EntityType, EventName, Role } from '@dispatch/shared';
import type { Db, Tx } from '../db/client.ts';
import { events } from '../db/schema.ts';
import { claimIdempotencyKey } from '../plugins/idempotency.ts';

export interface Actor {
  id: number | null;
  name: string;
  role: Role | 'system';
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: 'system' };

export interface PendingEvent {
  name: EventName;
  entity: EntityType;
  entityId: number;
  before: unknown;
  after: unknown;
  hospitalIds?: number[];
}

export interface LoggedEvent extends Required<PendingEvent> {
  seq: number;
  at: Date;
  actor: string;
  actorRole: string;
}

/** Collects the events of one transaction; they are written last, in one insert. */
export class EventBuffer {
  readonly pending: PendingEvent[] = [];
  add(event: PendingEvent): void {
    this.pending.push(event);
  }
}

// Held from the event insert to commit, so sequence order is commit order: a console that
// has seen seq N has seen every change before N, and a resync after N misses nothing.
const EVENT_LOG_LOCK = 120_120;

export interface Committed<T> {
  result: T;
  events: LoggedEvent[];
}

/** Run `work` in a transaction; append its events; resolve only after commit. */
export async function inTransaction<T>(
  db: Db,
  actor: Actor,
  now: Date,
  work: (tx: Tx, log: EventBuffer) => Promise<T>,
): Promise<Committed<T>> {
  return db.transaction(async (tx) => {
    // First, so a retried request waits here for its twin instead of doing the work again.
    await claimIdempotencyKey(tx);
    const log = new EventBuffer();
    const result = await work(tx, log);
    if (log.pending.length === 0) return { result, events: [] };
    await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_LOG_LOCK})`);
    const rows = await tx
      .insert(events)
      .values(
        log.pending.map((e) => ({
          at: now,
          actorId: actor.id,
          actor: actor.name,
          actorRole: actor.role,
          name: e.name,
          entity: e.entity,
          entityId: e.entityId,
          before: e.before ?? null,
          after: e.after ?? null,
          hospitalIds: uniqueIds(e.hospitalIds ?? []),
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

function uniqueIds(ids: (number | null | undefined)[]): number[] {
  return [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
}
