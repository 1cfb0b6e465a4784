import { describe, expect, it } from 'vitest';
import { promisedCare } from './promisedCare.ts';

describe('critical care already promised', () => {
  const figures = new Map([
    [1, '2023-01-05T08:00:00.000Z'],
    [2, 'not a time'],
  ]);
  it('counts the sickest sent after the hospital last entered its figures, ventilators for critical only', () => {
    const promised = promisedCare(
      [
        { hospitalId: 1, clinicalClass: 'critical', sentAt: '2023-01-05T08:05:00.000Z' },
        { hospitalId: 1, clinicalClass: 'severe', sentAt: '2023-01-05T08:06:00.000Z' },
        { hospitalId: 1, clinicalClass: 'severe', sentAt: '2023-01-05T07:55:00.000Z' }, // in the figure already
        { hospitalId: 1, clinicalClass: 'common', sentAt: '2023-01-05T08:07:00.000Z' }, // needs no ICU bed
        { hospitalId: 2, clinicalClass: 'severe', sentAt: '2023-01-05T07:00:00.000Z' }, // figure time unreadable: counted
        { hospitalId: 3, clinicalClass: 'critical', sentAt: 'garbage' }, // no figure, unreadable send: counted
      ],
      figures,
    );
    expect(Object.fromEntries(promised)).toEqual({ 1: { icu: 2, ventilators: 1 }, 2: { icu: 1, ventilators: 0 }, 3: { icu: 1, ventilators: 1 } });
  });
});
