/** The audit list's pure parts: the query from the filter form, and what changed in one entry, in words. */
import type { AuditEvent, EntityType, VitalsReading } from '@dispatch/shared';
import { parseLocalDateTime } from '../../ui/format.ts';

export interface AuditFilter {
  user: string;
  entity: string;
  entityId: string;
  /** "YYYY-MM-DD HH:mm" in the browser's zone, '' for open (the browser's own date box speaks the browser's language). */
  from: string;
  to: string;
}

export const EMPTY_FILTER: AuditFilter = { user: '', entity: '', entityId: '', from: '', to: '' };

/** A filter time typed as YYYY-MM-DD [HH:mm] in the browser's zone, as an ISO instant; null when it is not one. */
export function parseFilterTime(text: string): string | null {
  const ms = parseLocalDateTime(text);
  return ms === null ? null : new Date(ms).toISOString();
}

/** The filter field whose time cannot be read, if any. */
export function badFilterTime(f: AuditFilter): 'from' | 'to' | null {
  if (f.from.trim() && parseFilterTime(f.from) === null) return 'from';
  if (f.to.trim() && parseFilterTime(f.to) === null) return 'to';
  return null;
}

/** The /api/admin/events query string; `beforeSeq` pages back. Unreadable times are left out (see badFilterTime). */
export function auditQuery(f: AuditFilter, beforeSeq?: number, limit = 100): string {
  const q = new URLSearchParams();
  if (f.user.trim()) q.set('user', f.user.trim());
  if (f.entity) q.set('entity', f.entity);
  if (f.entityId.trim()) q.set('entityId', f.entityId.trim());
  const from = parseFilterTime(f.from);
  const to = parseFilterTime(f.to);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  if (beforeSeq !== undefined) q.set('beforeSeq', String(beforeSeq));
  q.set('limit', String(limit));
  return `/api/admin/events?${q.toString()}`;
}

const SKIP = new Set(['version', 'statusSince', 'capacityUpdatedAt', 'capacityUpdatedBy']);

/**
 * One changed value, as the screen must word it: an enum through its translation namespace, a time on
 * the clock, a yes/no, the flags that are set, a crew's names, or plain text.
 */
export type AuditValue =
  | { kind: 'none' }
  | { kind: 'enum'; key: string }
  | { kind: 'time'; iso: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'flags'; on: string[] }
  | { kind: 'text'; text: string }
  | { kind: 'ref'; to: 'hospital' | 'unit' | 'station' | 'call'; id: number };

/** Fields that hold another entity's id: shown by its name, not its number. */
const REF_FIELDS: Readonly<Record<string, 'hospital' | 'unit' | 'station' | 'call'>> = {
  hospitalId: 'hospital',
  sourceHospitalId: 'hospital',
  transferToHospitalId: 'hospital',
  unitId: 'unit',
  stationId: 'station',
  callId: 'call',
  mergedIntoId: 'call',
};

/** Which translation (common namespace) words an enum field, per entity where the same name means different things. */
const ENUM_KEYS: Readonly<Record<string, string | Partial<Record<EntityType, string>>>> = {
  status: { call: 'callStatus', unit: 'unitStatus' },
  kind: { unit: 'unitKind', hospital: 'hospitalKind', call: 'callKind', alert: 'alertKind' },
  clinicalClass: 'class',
  riskTier: 'tier',
  acceptance: 'acceptance',
  declineReason: 'declineReason',
  edStatus: 'edStatus',
  role: 'role',
  outcome: 'callOutcome',
  level: 'alertLevel',
};

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
const MAX_TEXT = 40;

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** How to word one field's value; unknown shapes fall back to short text, never to raw JSON braces for flags or crews. */
export function auditValue(entity: EntityType, field: string, value: unknown): AuditValue {
  if (value === null || value === undefined || value === '') return { kind: 'none' };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  const ref = REF_FIELDS[field];
  if (ref && typeof value === 'number' && Number.isSafeInteger(value)) return { kind: 'ref', to: ref, id: value };
  const enumKey = ENUM_KEYS[field];
  const ns = typeof enumKey === 'string' ? enumKey : enumKey?.[entity];
  if (ns && typeof value === 'string') return { kind: 'enum', key: `${ns}.${value}` };
  if (typeof value === 'string' && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return { kind: 'time', iso: value };
  if (field === 'flags' && typeof value === 'object') {
    return { kind: 'flags', on: Object.entries(value as Record<string, unknown>).filter(([, v]) => v === true).map(([k]) => k) };
  }
  if (field === 'crew' && typeof value === 'object') {
    const names = Object.values(value as Record<string, unknown>).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    return names.length === 0 ? { kind: 'none' } : { kind: 'text', text: clip(names.join(' / ')) };
  }
  if (field === 'crewOnShift' && Array.isArray(value)) {
    const names = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    return names.length === 0 ? { kind: 'none' } : { kind: 'text', text: clip(names.join(' / ')) };
  }
  if (field === 'vitals' && typeof value === 'object') return { kind: 'text', text: clip(vitalsText(value as VitalsReading)) };
  if (typeof value === 'number') return { kind: 'text', text: String(Math.round(value * 1e6) / 1e6) };
  return { kind: 'text', text: clip(typeof value === 'string' ? value : JSON.stringify(value)) };
}

/** Fields whose value differs between before and after (all of after for a creation), each with its wording. */
export function changedFields(e: Pick<AuditEvent, 'before' | 'after' | 'entity'>, max = 6): { field: string; value: AuditValue }[] {
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  const out: { field: string; value: AuditValue }[] = [];
  for (const [field, value] of Object.entries(after)) {
    if (SKIP.has(field) || field === 'id') continue;
    if (e.before !== null && JSON.stringify(before[field]) === JSON.stringify(value)) continue;
    out.push({ field, value: auditValue(e.entity, field, value) });
    if (out.length >= max) break;
  }
  return out;
}

/** A reading in the clinical abbreviations both languages use (SpO2 86% HR 118 BP 132/84 …), never as JSON. */
function vitalsText(v: VitalsReading): string {
  const parts = [
    v.spo2 !== undefined ? `SpO2 ${v.spo2}%` : null,
    v.heartRate !== undefined ? `HR ${v.heartRate}` : null,
    v.respRate !== undefined ? `RR ${v.respRate}` : null,
    v.systolic !== undefined ? `BP ${v.systolic}/${v.diastolic ?? '–'}` : null,
    v.temperatureC !== undefined ? `T ${v.temperatureC}°C` : null,
    v.avpu !== undefined ? `AVPU ${v.avpu.charAt(0).toUpperCase()}` : null,
    v.gcs !== undefined ? `GCS ${v.gcs}` : null,
    v.oxygenLpm !== undefined ? `O2 ${v.oxygenLpm} L/min` : null,
    v.note ? v.note : null,
  ];
  return parts.filter((p): p is string => p !== null).join(' ');
}
