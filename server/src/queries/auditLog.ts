/** The audit trail read back: who changed what, filtered by actor, entity and time, newest first. */
import { and, desc, eq, gt, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditEvent, EntityType, EventsQuery } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { events } from '../db/schema.ts';
import { presentEntity } from '../presenters/audience.ts';

export async function readAuditLog(db: Executor, q: z.infer<typeof EventsQuery>): Promise<AuditEvent[]> {
  const where: SQL[] = [];
  if (q.afterSeq !== undefined) where.push(gt(events.seq, q.afterSeq));
  if (q.beforeSeq !== undefined) where.push(lt(events.seq, q.beforeSeq));
  if (q.user !== undefined) where.push(eq(events.actor, q.user));
  if (q.entity !== undefined) where.push(eq(events.entity, q.entity));
  if (q.entityId !== undefined) where.push(eq(events.entityId, q.entityId));
  if (q.from !== undefined) where.push(gte(events.at, new Date(q.from)));
  if (q.to !== undefined) where.push(lte(events.at, new Date(q.to)));
  const rows = await db
    .select()
    .from(events)
    .where(and(...where))
    .orderBy(desc(events.seq))
    .limit(q.limit);
  // The auditor sees what the overview sees: the trail, not the caller's phone number.
  return rows.map((r) => {
    const entity = r.entity as EntityType;
    return {
      seq: r.seq,
      at: r.at.toISOString(),
      actor: r.actor,
      actorRole: r.actorRole,
      name: r.name,
      entity,
      entityId: r.entityId,
      before: presentEntity({ kind: 'overview' }, entity, r.before),
      after: presentEntity({ kind: 'overview' }, entity, r.after),
    };
  });
}
