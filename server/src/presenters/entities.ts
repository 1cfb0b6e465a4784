/** Database rows to the shared domain shapes (dates as ISO strings). */
import type {
  Alert,
  Call,
  CallKind,
  CallOutcome,
  CallStatus,
  ClinicalClass,
  AcceptanceStatus,
  DeclineReason,
  EdStatus,
  Hospital,
  HospitalKind,
  RiskTier,
  Station,
  Transport,
  Unit,
  UnitKind,
  UnitStatus,
  AlertKind,
} from '@dispatch/shared';
import type { alerts, calls, hospitals, stations, transports, units } from '../db/schema.ts';
import { cityToday } from '../city/calendar.ts';

// toISOString throws on an invalid Date, so a row with one is refused here rather than shown as garbage.
const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
/** A coordinate as stored; NaN or Infinity would reach the console as null, so the row is refused. */
function coord(n: number, field: string): number {
  if (!Number.isFinite(n)) throw new RangeError(`${field} is not a finite number`);
  return n;
}

export function toCall(r: typeof calls.$inferSelect): Call {
  return {
    id: r.id,
    number: callNumber(r.id, r.receivedAt),
    kind: r.kind as CallKind,
    status: r.status as CallStatus,
    outcome: r.outcome as CallOutcome | null,
    receivedAt: iso(r.receivedAt),
    statusSince: iso(r.statusSince),
    callerPhone: r.callerPhone,
    address: r.address,
    lon: coord(r.lon, 'lon'),
    lat: coord(r.lat, 'lat'),
    complaint: r.complaint,
    clinicalClass: r.clinicalClass as ClinicalClass,
    age: r.age,
    riskTier: r.riskTier as RiskTier | null,
    flags: { ...r.flags, needsBed: r.flags.needsBed === true },
    notes: r.notes,
    sourceHospitalId: r.sourceHospitalId,
    transferToHospitalId: r.transferToHospitalId,
    mergedIntoId: r.mergedIntoId,
    lastContactAt: isoOrNull(r.lastContactAt),
    version: r.version,
  };
}

export function toUnit(r: typeof units.$inferSelect): Unit {
  return {
    id: r.id,
    callSign: r.callSign,
    kind: r.kind as UnitKind,
    stationId: r.stationId,
    status: r.status as UnitStatus,
    statusSince: iso(r.statusSince),
    callId: r.callId,
    transportId: r.transportId,
    lon: coord(r.lon, 'lon'),
    lat: coord(r.lat, 'lat'),
    heading: r.heading,
    speedKmh: r.speedKmh,
    fixAt: isoOrNull(r.fixAt),
    crew: r.crew,
    crewOnShift: r.shiftCrew,
    hasTerminal: r.hasTerminal,
    version: r.version,
  };
}

export function toTransport(r: typeof transports.$inferSelect): Transport {
  return {
    id: r.id,
    callId: r.callId,
    unitId: r.unitId,
    hospitalId: r.hospitalId,
    acceptance: r.acceptance as AcceptanceStatus | null,
    declineReason: r.declineReason as DeclineReason | null,
    declineNote: r.declineNote,
    diversionOverride: r.diversionOverride,
    assignedAt: iso(r.assignedAt),
    acceptedAt: isoOrNull(r.acceptedAt),
    arrivedAt: isoOrNull(r.arrivedAt),
    handedOverAt: isoOrNull(r.handedOverAt),
    closedAt: isoOrNull(r.closedAt),
    acknowledgedAt: isoOrNull(r.acknowledgedAt),
    vitals: r.vitals ?? null,
    version: r.version,
  };
}

export function toHospital(r: typeof hospitals.$inferSelect): Hospital {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    kind: r.kind as HospitalKind,
    lon: coord(r.lon, 'lon'),
    lat: coord(r.lat, 'lat'),
    openBeds: r.openBeds,
    occupiedBeds: r.occupiedBeds,
    icuOpen: r.icuOpen,
    icuOccupied: r.icuOccupied,
    icuConvertible: r.icuConvertible,
    ventilatorsFree: r.ventilatorsFree,
    edStatus: r.edStatus as EdStatus,
    diversionUntil: isoOrNull(r.diversionUntil),
    feverClinicWaitMin: r.feverClinicWaitMin,
    stationId: r.stationId,
    capacityUpdatedAt: iso(r.capacityUpdatedAt),
    capacityUpdatedBy: r.capacityUpdatedBy,
    version: r.version,
  };
}

export function toStation(r: typeof stations.$inferSelect): Station {
  return { id: r.id, code: r.code, name: r.name, nameEn: r.nameEn, lon: coord(r.lon, 'lon'), lat: coord(r.lat, 'lat') };
}

export function toAlert(r: typeof alerts.$inferSelect): Alert {
  return {
    id: r.id,
    kind: r.kind as AlertKind,
    level: r.level as Alert['level'],
    subject: r.subject,
    message: r.message,
    value: r.value,
    threshold: r.threshold,
    hospitalId: r.hospitalId,
    raisedAt: iso(r.raisedAt),
    acknowledgedAt: isoOrNull(r.acknowledgedAt),
    acknowledgedBy: r.acknowledgedBy,
    clearedAt: isoOrNull(r.clearedAt),
    version: r.version,
  };
}

/** Human call number, e.g. 1125-0042: city day of receipt (MMDD) and the call's id. */
export function callNumber(id: number, receivedAt: Date): string {
  const mmdd = cityToday(receivedAt).day.slice(5).replace('-', '');
  return `${mmdd}-${String(id).padStart(4, '0')}`;
}
