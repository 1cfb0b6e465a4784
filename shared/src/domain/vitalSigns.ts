/**
 * Vital signs a crew measures and sends ahead to the ED (pre-arrival notice, issue 12): the plausibility
 * ranges a reading must fall in to be stored (one place: the request schema and the server both read them),
 * and the flags a screen shows on a reading.
 *
 * DOMAIN.md names blood oxygen, breathing and consciousness as the signs every level watches but gives no
 * numbers; issue 12 gives SpO2 < 93 % as red. The other red and amber limits are those of the UK Royal
 * College of Physicians' NEWS2 chart (red = a single-parameter score of 3, amber = 2), the scale an ED
 * triage nurse reads at a glance.
 */
import type { Result } from './result.ts';
import { err, ok } from './result.ts';

export const AVPU_LEVELS = ['alert', 'voice', 'pain', 'unresponsive'] as const;
export type Avpu = (typeof AVPU_LEVELS)[number];

/** One set of vitals as the crew types it; any subset, at least one value or a note. */
export interface VitalSigns {
  /** Blood oxygen saturation, %. */
  spo2?: number;
  /** Beats per minute. */
  heartRate?: number;
  /** Breaths per minute. */
  respRate?: number;
  /** Blood pressure, mmHg. */
  systolic?: number;
  diastolic?: number;
  temperatureC?: number;
  /** Consciousness as AVPU or as a Glasgow Coma Scale total (one of them, not both). */
  avpu?: Avpu;
  gcs?: number;
  /** Oxygen given, litres per minute (0: none). */
  oxygenLpm?: number;
  note?: string;
}

export const NUMERIC_VITALS = ['spo2', 'heartRate', 'respRate', 'systolic', 'diastolic', 'temperatureC', 'gcs', 'oxygenLpm'] as const;
export type NumericVital = (typeof NUMERIC_VITALS)[number];

/**
 * What a living patient's reading can be, inclusive; outside it the value is a typo (a missing digit, °F for °C)
 * and is refused rather than shown to the ED. Deliberately wide: a value at the edge of life is real.
 */
export const VITAL_RANGES: Readonly<Record<NumericVital, { min: number; max: number; integer: boolean; unit: string }>> = {
  spo2: { min: 40, max: 100, integer: true, unit: '%' },
  heartRate: { min: 20, max: 250, integer: true, unit: '/min' },
  respRate: { min: 3, max: 70, integer: true, unit: '/min' },
  systolic: { min: 40, max: 280, integer: true, unit: 'mmHg' },
  diastolic: { min: 20, max: 180, integer: true, unit: 'mmHg' },
  temperatureC: { min: 30, max: 43.5, integer: false, unit: '°C' },
  gcs: { min: 3, max: 15, integer: true, unit: '' },
  oxygenLpm: { min: 0, max: 15, integer: false, unit: 'L/min' },
};

/** Longest free-text note with a reading. */
export const VITALS_NOTE_MAX = 500;

/** A reading as stored and shown: the values, when the server received them and who sent them. */
export interface VitalsReading extends VitalSigns {
  at: string;
  by: string;
}

/** What is wrong with a reading, naming the field. */
export interface VitalsProblem {
  field: keyof VitalSigns;
  message: string;
}

/** The first problem of a reading (out of range, both AVPU and GCS, diastolic not below systolic, empty), or null. */
export function vitalsProblem(v: VitalSigns): VitalsProblem | null {
  for (const field of NUMERIC_VITALS) {
    const value = v[field];
    if (value === undefined) continue;
    const r = VITAL_RANGES[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) return { field, message: 'must be a number' };
    if (r.integer && !Number.isInteger(value)) return { field, message: 'must be a whole number' };
    if (value < r.min || value > r.max) return { field, message: `must be ${r.min}–${r.max}${r.unit ? ` ${r.unit}` : ''}` };
  }
  if (v.avpu !== undefined && !(AVPU_LEVELS as readonly string[]).includes(v.avpu)) return { field: 'avpu', message: `must be one of ${AVPU_LEVELS.join(', ')}` };
  if (v.avpu !== undefined && v.gcs !== undefined) return { field: 'gcs', message: 'give consciousness as AVPU or as GCS, not both' };
  if (v.systolic !== undefined && v.diastolic !== undefined && v.diastolic >= v.systolic) return { field: 'diastolic', message: 'must be below the systolic pressure' };
  if (v.note !== undefined && v.note.length > VITALS_NOTE_MAX) return { field: 'note', message: `at most ${VITALS_NOTE_MAX} characters` };
  const hasValue = NUMERIC_VITALS.some((f) => v[f] !== undefined) || v.avpu !== undefined || (v.note ?? '').trim() !== '';
  if (!hasValue) return { field: 'spo2', message: 'give at least one value or a note' };
  return null;
}

/** Checks a reading; fails with VALIDATION and the field. */
export function checkVitals(v: VitalSigns): Result<VitalSigns> {
  const problem = vitalsProblem(v);
  return problem ? err('VALIDATION', `${problem.field}: ${problem.message}`, { field: problem.field }) : ok(v);
}

export type VitalFlagLevel = 'red' | 'amber';

/** A value the ED should see at once, and how loud. */
export interface VitalFlag {
  field: keyof VitalSigns;
  level: VitalFlagLevel;
}

/** SpO2 below this is red (issue 12: the seeds' finger-oximeter figure). */
export const SPO2_RED_BELOW = 93;

/** The flags of a reading, red first, in field order; [] when nothing stands out. */
export function vitalsFlags(v: VitalSigns): VitalFlag[] {
  const flags: VitalFlag[] = [];
  const add = (field: keyof VitalSigns, level: VitalFlagLevel | null) => {
    if (level) flags.push({ field, level });
  };
  const band = (value: number | undefined, red: (x: number) => boolean, amber: (x: number) => boolean): VitalFlagLevel | null =>
    value === undefined ? null : red(value) ? 'red' : amber(value) ? 'amber' : null;
  add('spo2', band(v.spo2, (x) => x < SPO2_RED_BELOW, (x) => x < 95));
  add('heartRate', band(v.heartRate, (x) => x <= 40 || x >= 131, (x) => x >= 111));
  add('respRate', band(v.respRate, (x) => x <= 8 || x >= 25, (x) => x >= 21));
  add('systolic', band(v.systolic, (x) => x <= 90 || x >= 220, (x) => x <= 100));
  add('temperatureC', band(v.temperatureC, (x) => x <= 35, (x) => x >= 39.1));
  // NEWS2 scores any loss of alertness 3; a GCS of 8 or less is the airway at risk.
  add('avpu', v.avpu === undefined ? null : v.avpu === 'alert' ? null : 'red');
  add('gcs', band(v.gcs, (x) => x <= 8, (x) => x < 15));
  return [...flags.filter((f) => f.level === 'red'), ...flags.filter((f) => f.level === 'amber')];
}
