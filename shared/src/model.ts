/** Domain vocabulary: `as const` lists with derived unions, shared by server and client. */
import type { VitalsReading } from './domain/vitalSigns.ts';

export const CLINICAL_CLASSES = ['critical', 'severe', 'common', 'mild', 'asymptomatic'] as const;
export type ClinicalClass = (typeof CLINICAL_CLASSES)[number];

export const RISK_TIERS = ['red', 'yellow', 'green'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export const CALL_KINDS = ['emergency', 'transfer'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

export const CALL_STATUSES = [
  'received',
  'triaged',
  'awaiting_unit',
  'unit_assigned',
  'en_route',
  'on_scene',
  'transporting',
  'at_hospital',
  'handed_over',
  'closed',
  'cancelled',
  'treated_on_scene',
  'referred_home_care',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** Terminal call states: the call leaves the queue. */
export const CLOSED_CALL_STATUSES = ['closed', 'cancelled', 'treated_on_scene', 'referred_home_care'] as const satisfies readonly CallStatus[];

export const CALL_OUTCOMES = ['transported', 'advice', 'cancelled', 'treated_on_scene', 'home_care', 'merged', 'duplicate'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const UNIT_KINDS = ['critical_care', 'standard'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_STATUSES = [
  'available',
  'dispatched',
  'en_route',
  'on_scene',
  'transporting',
  'at_hospital',
  'returning',
  'out_of_service',
] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const ACCEPTANCE_STATUSES = ['pending', 'accepted', 'declined', 'arrived', 'handed_over', 'cancelled'] as const;
export type AcceptanceStatus = (typeof ACCEPTANCE_STATUSES)[number];

export const DECLINE_REASONS = ['no_icu_bed', 'no_ventilator', 'ed_saturated', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const HOSPITAL_KINDS = ['designated', 'second_level', 'sub_designated', 'township', 'fangcang', 'isolation'] as const;
export type HospitalKind = (typeof HOSPITAL_KINDS)[number];

export const ED_STATUSES = ['open', 'saturated', 'diversion'] as const;
export type EdStatus = (typeof ED_STATUSES)[number];

/**
 * `gateway` is the AVL gateway's service account, `telephony` the CTI/PBX adapter's (docs/telephony.md);
 * `crew` an ambulance crew member on the vehicle terminal, who acts for the unit signed on to (docs/crew.md).
 */
export const ROLES = ['dispatcher', 'nurse', 'command', 'admin', 'gateway', 'telephony', 'crew'] as const;
export type Role = (typeof ROLES)[number];

export interface LonLat {
  lon: number;
  lat: number;
}

export interface PriorityFlags {
  nursingHome: boolean;
  pregnant: boolean;
  /** Needs a bed (admission, 有住院需求): opens the city's bed-only destinations (RuleProfile.bedNeededOnly). */
  needsBed: boolean;
}

export interface Call {
  id: number;
  number: string;
  kind: CallKind;
  status: CallStatus;
  outcome: CallOutcome | null;
  receivedAt: string;
  statusSince: string;
  /** Omitted for roles that must not see it (hospital staff). */
  callerPhone?: string;
  address: string;
  lon: number;
  lat: number;
  complaint: string;
  clinicalClass: ClinicalClass;
  age: number | null;
  riskTier: RiskTier | null;
  flags: PriorityFlags;
  notes: string;
  sourceHospitalId: number | null;
  transferToHospitalId: number | null;
  mergedIntoId: number | null;
  /** Last time a dispatcher called the caller again while the call waited (re-contact); null if never. */
  lastContactAt: string | null;
  version: number;
}

export interface Crew {
  driver: string;
  doctor: string;
  nurse: string;
}

export interface Unit {
  id: number;
  callSign: string;
  kind: UnitKind;
  stationId: number;
  status: UnitStatus;
  statusSince: string;
  callId: number | null;
  transportId: number | null;
  lon: number;
  lat: number;
  heading: number;
  speedKmh: number;
  fixAt: string | null;
  crew: Crew;
  /** Display names of the crew members signed on to the unit for this shift, in sign-on order (docs/crew.md). */
  crewOnShift: string[];
  hasTerminal: boolean;
  version: number;
}

export interface Transport {
  id: number;
  callId: number;
  unitId: number;
  hospitalId: number | null;
  acceptance: AcceptanceStatus | null;
  declineReason: DeclineReason | null;
  declineNote: string | null;
  diversionOverride: boolean;
  assignedAt: string;
  acceptedAt: string | null;
  arrivedAt: string | null;
  handedOverAt: string | null;
  closedAt: string | null;
  /** When the crew acknowledged the job on its terminal (server time); null until then. */
  acknowledgedAt: string | null;
  /** The crew's latest vitals for the ED (pre-arrival notice); null before the first. */
  vitals: VitalsReading | null;
  version: number;
}

export interface HospitalCapacity {
  openBeds: number;
  occupiedBeds: number;
  icuOpen: number;
  icuOccupied: number;
  /** Beds that can be turned into ICU beds but are not open as ICU yet. */
  icuConvertible: number;
  ventilatorsFree: number;
  edStatus: EdStatus;
  diversionUntil: string | null;
  feverClinicWaitMin: number;
}

export interface Hospital extends HospitalCapacity {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  kind: HospitalKind;
  lon: number;
  lat: number;
  /** The ambulance station based at this hospital (a 120 post in its grounds), if any. */
  stationId: number | null;
  capacityUpdatedAt: string;
  capacityUpdatedBy: string;
  version: number;
}

export interface Station {
  id: number;
  /** The city bundle's key for the station (stations.csv `code`). */
  code: string;
  name: string;
  nameEn: string;
  lon: number;
  lat: number;
}

export const ALERT_KINDS = ['icu_occupancy', 'offload_delay', 'queue_wait', 'load_multiple', 'low_units', 'no_critical_care_unit', 'declined'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface Alert {
  id: number;
  kind: AlertKind;
  level: 'warning' | 'critical';
  subject: string;
  message: string;
  value: number;
  threshold: number;
  hospitalId: number | null;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  clearedAt: string | null;
  version: number;
}

export interface Thresholds {
  icuOccupancyPct: number;
  offloadMinutes: number;
  offloadAmberMinutes: number;
  offloadRedMinutes: number;
  queueWaitMinutes: number;
  /** Minutes of waiting per acuity level a call rises in the queue; 0 switches ageing off (domain/priority.ts). */
  queueAgeingMinutes: number;
  loadMultiple: number;
  minFreeUnits: number;
  staleCapacityMinutes: number;
  /** Calls per hour in normal times; the load multiple divides by this. */
  baselineCallsPerHour: number;
  /** Minutes between re-contacts of a caller whose call waits for an ambulance (domain/waiting/recontact.ts). */
  recontactMinutes: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  icuOccupancyPct: 90,
  offloadMinutes: 30,
  offloadAmberMinutes: 15,
  offloadRedMinutes: 30,
  queueWaitMinutes: 10,
  queueAgeingMinutes: 30,
  loadMultiple: 4,
  minFreeUnits: 8,
  staleCapacityMinutes: 60,
  baselineCallsPerHour: 40,
  recontactMinutes: 10,
};

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  hospitalId: number | null;
}

export const ENTITY_TYPES = ['call', 'unit', 'transport', 'hospital', 'alert', 'settings', 'user', 'station', 'line', 'seat', 'callback'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A login account as the admin screen sees it: never the password hash. */
export interface UserAccount extends SessionUser {
  disabled: boolean;
  createdAt: string;
  /** Sessions not yet revoked or expired. */
  activeSessions: number;
  version: number;
}

/** One entry of the audit trail: who changed what, when, and the state before and after. */
export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  actorRole: string;
  name: string;
  entity: EntityType;
  entityId: number;
  before: unknown;
  after: unknown;
}

/** What a gazetteer entry names; towns and sub-districts are the administrative areas a call is filed under. */
export const PLACE_KINDS = ['town', 'subdistrict', 'village', 'community', 'street', 'landmark', 'nursing_home', 'hospital'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const PLACE_SETTINGS = ['urban', 'rural'] as const;
export type PlaceSetting = (typeof PLACE_SETTINGS)[number];

/** A named place of the city's gazetteer: what the address search finds and the location it sets. */
export interface Place extends LonLat {
  name: string;
  /** Other names: older names, short forms, a romanisation (e.g. the official "Jinshatan" for 金沙滩). */
  aliases: string[];
  kind: PlaceKind;
  /** The town or sub-district the place belongs to (itself for a town). */
  town: string;
  setting: PlaceSetting;
}

/** One answer of the address search, best first; `score` only orders, it has no unit. */
export interface GeocodeCandidate {
  place: Place;
  score: number;
}
