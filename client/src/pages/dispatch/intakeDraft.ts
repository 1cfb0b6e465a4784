/** The intake form's draft, and turning it into a CreateCallBody with errors per field from the shared schema. */
import { CreateCallBody, type Call, type ClinicalClass, type CreateCallInput, type LonLat, type RiskTier } from '@dispatch/shared';

export interface Draft {
  callerPhone: string;
  address: string;
  complaint: string;
  clinicalClass: ClinicalClass | '';
  age: string;
  riskTier: RiskTier | '';
  nursingHome: boolean;
  pregnant: boolean;
  needsBed: boolean;
  notes: string;
}

export const EMPTY_DRAFT: Draft = {
  callerPhone: '',
  address: '',
  complaint: '',
  clinicalClass: '',
  age: '',
  riskTier: '',
  nursingHome: false,
  pregnant: false,
  needsBed: false,
  notes: '',
};

/** Form fields an error can point at; the server's lon/lat land on `location`. */
export type Field = 'callerPhone' | 'address' | 'location' | 'complaint' | 'clinicalClass' | 'age' | 'riskTier' | 'notes';

/** An error as an i18n key under intake.errors plus the schema's own words as a fallback. */
export interface FieldError {
  key: string;
  detail: string;
}

export function fieldOf(path: string): Field | null {
  const head = path.split('.')[0] ?? '';
  if (head === 'lon' || head === 'lat') return 'location';
  if (head === 'flags' || head === 'closeAs') return null;
  return (['callerPhone', 'address', 'complaint', 'clinicalClass', 'age', 'riskTier', 'notes'] as const).find((f) => f === head) ?? null;
}

type Result = { ok: true; body: CreateCallInput } | { ok: false; errors: Partial<Record<Field, FieldError>> };

/** Validate with the same zod schema the server uses, so the form and the API never disagree. */
export function draftToBody(draft: Draft, location: LonLat | null, closeAs?: 'advice' | 'home_care'): Result {
  const errors: Partial<Record<Field, FieldError>> = {};
  const ageText = draft.age.trim();
  const age = ageText === '' ? null : Number(ageText);
  if (age !== null && !Number.isInteger(age)) errors.age = { key: 'number', detail: ageText };
  const raw = {
    callerPhone: draft.callerPhone,
    address: draft.address,
    lon: location?.lon,
    lat: location?.lat,
    complaint: draft.complaint,
    clinicalClass: draft.clinicalClass === '' ? undefined : draft.clinicalClass,
    age: errors.age ? null : age,
    riskTier: draft.riskTier === '' ? null : draft.riskTier,
    flags: { nursingHome: draft.nursingHome, pregnant: draft.pregnant, needsBed: draft.needsBed },
    notes: draft.notes,
    ...(closeAs ? { closeAs } : {}),
  };
  const parsed = CreateCallBody.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path.map(String).join('.'));
      if (!field || errors[field]) continue;
      errors[field] = { key: errorKey(field, issue.code, issue.input), detail: issue.message };
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}

function errorKey(field: Field, code: string, input: unknown): string {
  if (field === 'location') return 'location';
  if (field === 'clinicalClass') return 'choose';
  if (input === undefined || input === '' || (code === 'too_small' && typeof input === 'string' && input.trim() === '')) return 'required';
  if (field === 'callerPhone') return 'phone';
  if (code === 'too_big' && typeof input === 'string') return 'tooLong';
  if (code === 'too_small' || code === 'too_big') return 'range';
  return 'invalid';
}

/** A repeat call folded into an earlier one: whatever the form holds, the rest taken from the call it repeats. */
export function repeatBody(draft: Draft, location: LonLat | null, into: Call, fallbackComplaint: string): Result {
  return draftToBody(
    {
      ...draft,
      address: draft.address.trim() || into.address,
      complaint: draft.complaint.trim() || fallbackComplaint,
      clinicalClass: draft.clinicalClass || into.clinicalClass,
    },
    location ?? { lon: into.lon, lat: into.lat },
  );
}
