import { describe, expect, it } from 'vitest';
import { CreateUserBody, UpdateUnitBody, UpdateUserBody } from '@dispatch/shared';
import en from '../../i18n/locales/en/admin.json';
import zh from '../../i18n/locales/zh-CN/admin.json';
import { bodyOf, draftFrom, fieldErrors, type FieldSpec } from './forms.ts';

/** The text at a dotted key of a translation file, or undefined. */
const at = (o: unknown, key: string): unknown => key.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);

const USER: FieldSpec[] = [
  { name: 'username', kind: 'text' },
  { name: 'displayName', kind: 'text' },
  { name: 'password', kind: 'password', optionalOnEdit: true },
  { name: 'role', kind: 'select', options: ['dispatcher', 'nurse', 'command', 'admin'] },
  { name: 'hospitalId', kind: 'select', options: [1, 2, 3], nullable: true },
  { name: 'disabled', kind: 'checkbox' },
];

describe('admin form drafts', () => {
  it('builds a typed create body and names the fields the shared schema rejects', () => {
    const draft = { ...draftFrom(USER), username: 'ed.h03', displayName: 'ED', password: 'short', role: 'nurse', hospitalId: '3' };
    const body = bodyOf(USER, draft);
    expect(body).toEqual({ username: 'ed.h03', displayName: 'ED', password: 'short', role: 'nurse', hospitalId: 3, disabled: false });
    expect(Object.keys(fieldErrors(CreateUserBody, body))).toEqual(['password']);
    expect(fieldErrors(CreateUserBody, { ...body, password: 'long-enough-1' })).toEqual({});
  });

  it('sends only what changed on edit, and leaves an empty new password out', () => {
    const account = { username: 'nurse', displayName: 'Li Min', role: 'nurse', hospitalId: 1, disabled: false };
    const original = draftFrom(USER, account);
    expect(original.hospitalId).toBe('1');
    expect(bodyOf(USER, original, original)).toEqual({});
    const body = bodyOf(USER, { ...original, disabled: true, role: 'command', hospitalId: '' }, original);
    expect(body).toEqual({ disabled: true, role: 'command', hospitalId: null });
    expect(fieldErrors(UpdateUserBody, body)).toEqual({});
    expect(bodyOf(USER, { ...original, password: 'new-password-9' }, original)).toEqual({ password: 'new-password-9' });
  });

  it('sends a nested object whole when one part of it changed', () => {
    const UNIT: FieldSpec[] = [
      { name: 'callSign', kind: 'text' },
      { name: 'stationId', kind: 'select', options: [1, 2] },
      { name: 'crew.driver', kind: 'text' },
      { name: 'crew.doctor', kind: 'text' },
      { name: 'crew.nurse', kind: 'text' },
    ];
    const original = draftFrom(UNIT, { callSign: 'CX-01', stationId: 2, crew: { driver: 'A', doctor: 'B', nurse: 'C' } });
    const body = bodyOf(UNIT, { ...original, 'crew.driver': 'D' }, original);
    expect(body).toEqual({ crew: { driver: 'D', doctor: 'B', nurse: 'C' } });
    expect(fieldErrors(UpdateUnitBody, { callSign: 'bad sign!' })).toHaveProperty('callSign');
  });

  it('words every problem with a key both languages translate, not with zod\'s English', () => {
    const problems = {
      ...fieldErrors(CreateUserBody, { username: 'A!', displayName: '', password: 'short', role: 'pilot', hospitalId: 'x' }),
      ...Object.fromEntries(Object.entries(fieldErrors(CreateUserBody, { username: 'ed.h03', displayName: 'x'.repeat(81), password: 'aaaaaaaaaaaaaaaa', role: 'nurse' })).map(([k, v]) => [`${k}#2`, v])),
      ...Object.fromEntries(Object.entries(fieldErrors(UpdateUnitBody, { callSign: 'bad sign!', stationId: -1 })).map(([k, v]) => [`unit.${k}`, v])),
    };
    expect(problems).toMatchObject({
      username: 'validation.format',
      displayName: 'validation.required',
      password: 'validation.password.too_short',
      role: 'validation.choose',
      'displayName#2': 'validation.tooLong',
      'password#2': 'validation.password.one_class',
      'unit.callSign': 'validation.format',
    });
    for (const key of Object.values(problems)) {
      expect(typeof at(en, key), `en ${key}`).toBe('string');
      expect(typeof at(zh, key), `zh-CN ${key}`).toBe('string');
    }
  });
});
