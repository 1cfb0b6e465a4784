/**
 * The hospitals that hear each change of a transaction, decided by the visibility policy
 * (shared/src/domain/visibility.ts) from the change itself and the rows it names, read inside the
 * same transaction just before the events are written, so they reflect what the transaction did.
 */
import { sql } from 'drizzle-orm';
import { changeFollowers, type ChangeContext } from '@dispatch/shared';
import type { Tx } from '../db/client.ts';
import { intArray, rowsOf } from '../repositories/units.ts';
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
  const { jobTransports, jobCalls } = await readJobs(tx, [...callIds], [...transportIds]);
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

const iso = (d: string | null) => (d ? new Date(d).toISOString() : null);

interface JobTransport {
  id: number;
  callId: number;
  hospitalId: number | null;
  closedAt: string | null;
  handedOverAt: string | null;
}
interface JobCall {
  id: number;
  sourceHospitalId: number | null;
  transferToHospitalId: number | null;
}

/** The transports of the changed jobs and their calls, in one round trip (it runs in every command). */
async function readJobs(tx: Tx, callIds: number[], transportIds: number[]): Promise<{ jobTransports: JobTransport[]; jobCalls: JobCall[] }> {
  const callArray = intArray(callIds);
  const transportArray = intArray(transportIds);
  const result = await tx.execute(sql`
    with t as (
      select id, call_id, hospital_id, closed_at, handed_over_at from transports
      where call_id = any(${callArray}::int[]) or id = any(${transportArray}::int[])
    )
    select
      coalesce((select json_agg(json_build_object('id', id, 'callId', call_id, 'hospitalId', hospital_id, 'closedAt', closed_at, 'handedOverAt', handed_over_at)) from t), '[]') as transports,
      coalesce((select json_agg(json_build_object('id', id, 'sourceHospitalId', source_hospital_id, 'transferToHospitalId', transfer_to_hospital_id))
                from calls where id = any(${callArray}::int[]) or id in (select call_id from t)), '[]') as calls`);
  const row = rowsOf<{ transports: unknown; calls: unknown }>(result)[0];
  const parse = <T>(v: unknown): T[] => (typeof v === 'string' ? (JSON.parse(v) as T[]) : ((v ?? []) as T[]));
  return { jobTransports: parse<JobTransport>(row?.transports), jobCalls: parse<JobCall>(row?.calls) };
}
