/**
 * The hospitals that hear each change of a transaction, decided by the visibility policy
 * (shared/src/domain/visibility.ts) from the change itself and the rows it names, read inside the
 * same transaction just before the events are written, so they reflect what the transaction did.
 */
import { inArray, or } from 'drizzle-orm';
import { changeFollowers, type ChangeContext } from '@dispatch/shared';
import type { Tx } from '../db/client.ts';
import { calls, transports } from '../db/schema.ts';
import type { PendingEvent } from './log.ts';

const JOB_ENTITIES = new Set(['call', 'unit', 'transport']);

export async function followersOfChanges(tx: Tx, pending: readonly PendingEvent[]): Promise<number[][]> {
  const callIds = new Set<number>();
  const transportIds = new Set<number>();
  for (const e of pending) {
    if (!JOB_ENTITIES.has(e.entity)) continue;
    for (const state of [e.before, e.after] as ({ id?: number; callId?: number | null; transportId?: number | null } | null)[]) {
      if (!state) continue;
      if (e.entity === 'call' && typeof state.id === 'number') callIds.add(state.id);
      if (typeof state.callId === 'number') callIds.add(state.callId);
      if (typeof state.transportId === 'number') transportIds.add(state.transportId);
    }
  }
  if (callIds.size === 0 && transportIds.size === 0) return pending.map(() => []);
  const jobTransports = await tx
    .select({ id: transports.id, callId: transports.callId, hospitalId: transports.hospitalId, closedAt: transports.closedAt, handedOverAt: transports.handedOverAt })
    .from(transports)
    .where(or(callIds.size ? inArray(transports.callId, [...callIds]) : undefined, transportIds.size ? inArray(transports.id, [...transportIds]) : undefined));
  for (const t of jobTransports) callIds.add(t.callId);
  const jobCalls = callIds.size
    ? await tx.select({ id: calls.id, sourceHospitalId: calls.sourceHospitalId, transferToHospitalId: calls.transferToHospitalId }).from(calls).where(inArray(calls.id, [...callIds]))
    : [];
  const byId = new Map(jobTransports.map((t) => [t.id, { ...t, closedAt: iso(t.closedAt), handedOverAt: iso(t.handedOverAt) }]));
  const byCall = new Map<number, (typeof byId extends Map<number, infer V> ? V : never)[]>();
  for (const t of byId.values()) byCall.set(t.callId, [...(byCall.get(t.callId) ?? []), t]);
  const callById = new Map(jobCalls.map((c) => [c.id, c]));
  const ctx: ChangeContext = {
    transport: (id) => byId.get(id),
    transportsOfCall: (callId) => byCall.get(callId) ?? [],
    call: (id) => callById.get(id),
  };
  return pending.map((e) => (JOB_ENTITIES.has(e.entity) ? changeFollowers(e.entity, e.before, e.after, ctx) : []));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
