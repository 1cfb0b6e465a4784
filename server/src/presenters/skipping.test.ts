import { afterEach, describe, expect, it } from 'vitest';
import { AppError, forbidden } from '../errors.ts';
import { presentOne, reportSkipped, setSkipLog, skipping } from './skipping.ts';

describe('skipping unpresentable rows', () => {
  const warned: object[] = [];
  setSkipLog({ warn: (obj) => warned.push(obj) });
  afterEach(() => {
    warned.length = 0;
  });
  const present = (r: { id: number; at: Date }) => ({ id: r.id, at: r.at.toISOString() });
  const good = { id: 1, at: new Date(0) };
  const bad = { id: 2, at: new Date(Number.NaN) };

  it('leaves out a row whose presenter throws and logs its id; the others come through', () => {
    expect([good, bad, { id: 3, at: new Date(1) }].flatMap(skipping('unit', present)).map((u) => u.id)).toEqual([1, 3]);
    expect(warned).toEqual([expect.objectContaining({ entity: 'unit', id: 2 })]);
  });

  it('answers a read by id with 409 UNPRESENTABLE instead of a 500', () => {
    expect(presentOne('unit', good, present).id).toBe(1);
    expect(() => presentOne('unit', bad, present)).toThrow(expect.objectContaining({ statusCode: 409, code: 'UNPRESENTABLE' }) as Error);
  });

  it('logs what a domain rule left out, with each reason, and stays quiet when nothing was', () => {
    reportSkipped('hospital', []);
    expect(warned).toEqual([]);
    reportSkipped('hospital', [{ id: 7, reason: 'unknown_kind' }, { id: null, reason: 'invalid_id' }]);
    reportSkipped('unit', [{ id: 9, reason: 'bad_position' }]);
    expect(warned).toEqual([
      { entity: 'hospital', rows: [{ id: 7, reason: 'unknown_kind' }, { id: null, reason: 'invalid_id' }] },
      { entity: 'unit', rows: [{ id: 9, reason: 'bad_position' }] },
    ]);
  });

  it('lets deliberate answers through unchanged', () => {
    const refuse = (): never => {
      throw forbidden();
    };
    expect(() => [good].flatMap(skipping('call', refuse))).toThrow(AppError);
    expect(warned).toEqual([]);
  });
});
