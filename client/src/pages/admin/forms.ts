/**
 * The admin forms' drafts, pure: fields described once, text as typed, checked with the same zod
 * schemas the server uses, and turned into a create body or a PATCH of only what changed.
 */
import type { ZodType, core } from 'zod';

export type FieldKind = 'text' | 'password' | 'number' | 'select' | 'checkbox';

export interface FieldSpec {
  /** Body path; a dot makes a nested object (crew.driver). */
  name: string;
  kind: FieldKind;
  /** For selects: the values; labels are looked up by the screen. */
  options?: readonly (string | number)[];
  /** Empty select value means null (a nurse's hospital left unset). */
  nullable?: boolean;
  /** Left out of the PATCH when empty (a new password on edit). */
  optionalOnEdit?: boolean;
}

export type Draft = Record<string, string | boolean>;

function read(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** The draft for an existing entity (edit) or empty (create). */
export function draftFrom(fields: readonly FieldSpec[], entity?: unknown): Draft {
  const draft: Draft = {};
  for (const f of fields) {
    const v = entity === undefined ? undefined : read(entity, f.name);
    if (f.kind === 'checkbox') draft[f.name] = v === true;
    else if (f.kind === 'password') draft[f.name] = '';
    else if (v === undefined || v === null) draft[f.name] = f.kind === 'select' && !f.nullable && f.options?.[0] !== undefined ? String(f.options[0]) : '';
    else draft[f.name] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  }
  return draft;
}

/** One field's typed value: numbers parsed, empty nullable selects as null, numeric selects as numbers. */
function typed(f: FieldSpec, raw: string | boolean): unknown {
  if (f.kind === 'checkbox') return raw === true;
  const text = String(raw);
  if (f.kind === 'number') return text.trim() === '' ? undefined : Number(text);
  if (f.kind === 'select') {
    if (text === '') return f.nullable ? null : undefined;
    return typeof f.options?.[0] === 'number' ? Number(text) : text;
  }
  return text;
}

function put(body: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = body;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  const last = keys.at(-1);
  if (last !== undefined) o[last] = value;
}

/** The body to send: every field on create; on edit only the changed ones (a nested object whole). */
export function bodyOf(fields: readonly FieldSpec[], draft: Draft, original?: Draft): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const changedRoots = new Set(
    fields.filter((f) => !original || draft[f.name] !== original[f.name]).map((f) => f.name.split('.')[0]),
  );
  for (const f of fields) {
    const root = f.name.split('.')[0] ?? f.name;
    if (original && !changedRoots.has(root)) continue;
    if (original && f.optionalOnEdit && draft[f.name] === '') continue;
    const value = typed(f, draft[f.name] ?? '');
    if (value !== undefined) put(body, f.name, value);
  }
  return body;
}

/** A validation problem as a translation key (admin namespace, `validation.*`) and its values. */
export interface FieldProblem {
  key: string;
  values?: Record<string, string | number>;
}

/**
 * What the schema objects to, as words the screen can translate: zod's own messages are English
 * sentences meant for developers ("Too small: expected number to be >=0").
 */
export function problemOf(issue: core.$ZodIssue): FieldProblem {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? { key: 'validation.required' } : { key: 'validation.tooShort', values: { min: Number(issue.minimum) } };
      return { key: 'validation.min', values: { min: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'string' ? { key: 'validation.tooLong', values: { max: Number(issue.maximum) } } : { key: 'validation.max', values: { max: Number(issue.maximum) } };
    case 'invalid_type':
      return issue.expected === 'number' ? { key: 'validation.number' } : { key: 'validation.required' };
    case 'invalid_value':
      return { key: 'validation.choose' };
    case 'invalid_format':
      return { key: 'validation.format' };
    case 'custom': {
      const problem = (issue.params as { problem?: unknown } | undefined)?.problem;
      return typeof problem === 'string' ? { key: `validation.password.${problem}` } : { key: 'validation.invalid' };
    }
    default:
      return { key: 'validation.invalid' };
  }
}

/** Field path → the first problem of each field, worded by `word` (the screen's translation). */
export function fieldErrors(schema: ZodType, body: unknown, word: (p: FieldProblem) => string = (p) => p.key): Record<string, string> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.') || 'form';
    errors[path] ??= word(problemOf(issue));
  }
  return errors;
}
