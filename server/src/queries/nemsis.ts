/**
 * Call and transport times under NEMSIS v3 element names, derived from the event log so that every
 * time is the moment the change was recorded. One row per unit job (transport) assigned that day.
 */
import { and, eq, gte, lt } from 'drizzle-orm';
import { type Call, type LoggedChange, type Transport, type Unit } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { hospitals, transports, units } from '../db/schema.ts';
import { callNumber } from '../presenters/entities.ts';
import { changesOf } from '../repositories/eventHistory.ts';
import { toCsv } from './csv.ts';
import { cityDayNamed, cityLocalIso } from '../city/calendar.ts';

/** NEMSIS v3.5 eTimes elements we can fill, in the dataset's order. */
export const NEMSIS_TIMES = {
  'eTimes.01': 'PSAP Call Date/Time',
  'eTimes.03': 'Unit Notified by Dispatch Date/Time',
  'eTimes.05': 'Unit En Route Date/Time',
  'eTimes.06': 'Unit Arrived on Scene Date/Time',
  'eTimes.09': 'Unit Left Scene Date/Time',
  'eTimes.11': 'Patient Arrived at Destination Date/Time',
  'eTimes.12': 'Destination Patient Transfer of Care Date/Time',
  'eTimes.13': 'Unit Back in Service Date/Time',
} as const;
export type NemsisTime = keyof typeof NEMSIS_TIMES;

export interface NemsisJob {
  transportId: number;
  callId: number;
  unitId: number;
}

/**
 * Times of one job from the logged changes of its call, transport and unit (seq order).
 * Unit times count only while the unit carries this job; "back in service" is the unit's first
 * return to available, or its next dispatch when re-tasked on the way back, after the job ended.
 */
export function nemsisTimes(job: NemsisJob, changes: { call: readonly LoggedChange[]; transport: readonly LoggedChange[]; unit: readonly LoggedChange[] }): Record<NemsisTime, string | null> {
  const out: Record<NemsisTime, string | null> = {
    'eTimes.01': null,
    'eTimes.03': null,
    'eTimes.05': null,
    'eTimes.06': null,
    'eTimes.09': null,
    'eTimes.11': null,
    'eTimes.12': null,
    'eTimes.13': null,
  };
  out['eTimes.01'] = changes.call.find((e) => e.entityId === job.callId && e.name === 'call.created')?.at ?? null;
  const own = changes.transport.filter((e) => e.entityId === job.transportId);
  const assigned = own.find((e) => e.name === 'transport.assigned');
  out['eTimes.03'] = assigned?.at ?? null;
  out['eTimes.11'] = own.find((e) => e.name === 'transport.arrived')?.at ?? null;
  out['eTimes.12'] = own.find((e) => e.name === 'transport.handedOver')?.at ?? null;
  const ended = own.find((e) => (e.after as Transport | null)?.closedAt);
  const firstWith = (status: Unit['status']) =>
    changes.unit.find((e) => e.entityId === job.unitId && (e.after as Unit | null)?.status === status && (e.after as Unit | null)?.transportId === job.transportId)?.at ?? null;
  out['eTimes.05'] = firstWith('en_route');
  out['eTimes.06'] = firstWith('on_scene');
  out['eTimes.09'] = firstWith('transporting');
  if (ended) {
    out['eTimes.13'] =
      changes.unit.find((e) => {
        const u = e.after as Unit | null;
        return e.entityId === job.unitId && e.seq > ended.seq && (u?.status === 'available' || (u?.status === 'dispatched' && u.transportId !== job.transportId));
      })?.at ?? null;
  }
  return out;
}

/** The NEMSIS times CSV of every job assigned within the city day. */
export async function loadNemsisCsv(db: Executor, day: string): Promise<string> {
  const window = cityDayNamed(day);
  const jobs = await db
    .select({ id: transports.id, callId: transports.callId, unitId: transports.unitId, hospitalId: transports.hospitalId, callSign: units.callSign, hospitalCode: hospitals.code })
    .from(transports)
    .innerJoin(units, eq(units.id, transports.unitId))
    .leftJoin(hospitals, eq(hospitals.id, transports.hospitalId))
    .where(and(gte(transports.assignedAt, window.from), lt(transports.assignedAt, window.to)))
    .orderBy(transports.id);
  const [callChanges, transportChanges, unitChanges] = await Promise.all([
    changesOf(db, 'call', [...new Set(jobs.map((j) => j.callId))]),
    changesOf(db, 'transport', jobs.map((j) => j.id)),
    // A unit's day can end after midnight: its last job's "back in service" may come hours later.
    changesOf(db, 'unit', [...new Set(jobs.map((j) => j.unitId))], { from: window.from, to: new Date(window.to.getTime() + 24 * 3600_000) }),
  ]);
  const receivedAt = new Map(callChanges.filter((e) => e.name === 'call.created').map((e) => [e.entityId, (e.after as Call).receivedAt]));
  const header = ['eResponse.03', 'eResponse.14', 'eDisposition.02', ...Object.keys(NEMSIS_TIMES)];
  const rows = jobs.map((j) => {
    const times = nemsisTimes({ transportId: j.id, callId: j.callId, unitId: j.unitId }, { call: callChanges, transport: transportChanges, unit: unitChanges });
    const received = receivedAt.get(j.callId);
    return [
      received ? callNumber(j.callId, new Date(received)) : String(j.callId),
      j.callSign,
      j.hospitalCode ?? '',
      ...Object.values(times).map((t) => cityLocalIso(t)),
    ];
  });
  return toCsv(header, rows);
}
