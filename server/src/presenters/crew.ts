/** The crew terminal's answers (docs/crew.md): shifts, the tap state, the own job. */
import { CREW_UNDO_WINDOW_MS, nextCrewStatus, presentCallForCrew, type CrewStatus, type EdStatus, type UnitStatus, type VitalsReading } from '@dispatch/shared';
import type { CrewShiftRow, LastTap } from '../repositories/crew.ts';
import type { CallRow } from '../repositories/calls.ts';
import type { HospitalRow } from '../repositories/hospitals.ts';
import type { TransportRow } from '../repositories/transports.ts';
import type { UnitRow } from '../repositories/units.ts';
import { toCall, toTransport, toUnit } from './entities.ts';

export const toShift = (s: CrewShiftRow) => ({ id: s.id, unitId: s.unitId, startedAt: s.startedAt.toISOString(), endedAt: s.endedAt?.toISOString() ?? null });

/** The tap expected next, and until when the member's last tap may be undone (null: nothing to undo). */
export function tapState(unit: UnitRow, transport: TransportRow | null, shift: CrewShiftRow): { nextStatus: CrewStatus | null; undoUntil: string | null } {
  const tap = shift.lastTap as LastTap | null;
  const undoUntil = tap && !tap.undone && tap.unitId === unit.id ? new Date(Date.parse(tap.at) + CREW_UNDO_WINDOW_MS).toISOString() : null;
  return { nextStatus: nextCrewStatus(unit.status as UnitStatus, transport?.acknowledgedAt != null), undoUntil };
}

/** A tap's answer: the unit and its transport after it, with the tap state. */
export function toTapResult(r: { unit: UnitRow; transport: TransportRow | null; shift: CrewShiftRow }) {
  return { unit: toUnit(r.unit), transport: r.transport ? toTransport(r.transport) : null, ...tapState(r.unit, r.transport, r.shift) };
}

/** GET /api/crew/job: the unit, the tap state, and the job (null between jobs) as its crew may see it. */
export function toCrewJob(r: { shift: CrewShiftRow; unit: UnitRow; transport: TransportRow | null; call: CallRow | null; destination: HospitalRow | null; vitals: VitalsReading[] }) {
  const { shift, unit, transport, call, destination: h, vitals } = r;
  return {
    shift: toShift(shift),
    unit: toUnit(unit),
    ...tapState(unit, transport, shift),
    job:
      transport && call
        ? {
            transport: toTransport(transport),
            call: presentCallForCrew(toCall(call)),
            destination: h ? { id: h.id, name: h.name, nameEn: h.nameEn, lon: h.lon, lat: h.lat, edStatus: h.edStatus as EdStatus, diversionUntil: h.diversionUntil?.toISOString() ?? null } : null,
            vitals,
          }
        : null,
  };
}
