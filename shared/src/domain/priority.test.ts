import { describe, expect, it } from 'vitest';
import { agedAcuity, compareCallPriority, DEFAULT_QUEUE_AGEING, priorityRank, queueOrderAt, screenQueue, waitingMinutes } from './priority.ts';
import { buildCall, FACTORY_NOW } from './testFactories.ts';

const received = (minutesAgo: number) => new Date(FACTORY_NOW.getTime() - minutesAgo * 60_000).toISOString();
const base = { clinicalClass: 'mild', age: 40, riskTier: null, receivedAt: received(1) } as const;
const noFlags = { nursingHome: false, pregnant: false, needsBed: false };
const order = queueOrderAt(FACTORY_NOW);

describe('call priority', () => {
  it('orders class, 70+, nursing home, pregnancy, tier, then waiting time', () => {
    const calls = {
      waitedLong: buildCall({ ...base, flags: noFlags, receivedAt: received(20) }),
      plain: buildCall({ ...base, flags: noFlags }),
      green: buildCall({ ...base, flags: noFlags, riskTier: 'green' }),
      yellow: buildCall({ ...base, flags: noFlags, riskTier: 'yellow' }),
      red: buildCall({ ...base, flags: noFlags, riskTier: 'red' }),
      pregnant: buildCall({ ...base, flags: { nursingHome: false, pregnant: true, needsBed: false } }),
      nursingHome: buildCall({ ...base, flags: { nursingHome: true, pregnant: false, needsBed: false } }),
      elderly: buildCall({ ...base, flags: noFlags, age: 70 }),
      severe: buildCall({ ...base, flags: noFlags, clinicalClass: 'severe', age: 30 }),
      critical: buildCall({ ...base, flags: noFlags, clinicalClass: 'critical', age: 30 }),
    };
    const shuffled = [calls.green, calls.critical, calls.plain, calls.elderly, calls.red, calls.waitedLong, calls.pregnant, calls.severe, calls.yellow, calls.nursingHome];
    const sorted = [...shuffled].sort(order).map((c) => Object.entries(calls).find(([, v]) => v === c)?.[0]);
    expect(sorted).toEqual(['critical', 'severe', 'elderly', 'nursingHome', 'pregnant', 'red', 'yellow', 'green', 'waitedLong', 'plain']);
  });

  it('separates common, mild and asymptomatic: a fresh 70+ asymptomatic call no longer passes a common one', () => {
    const common = buildCall({ ...base, flags: noFlags, clinicalClass: 'common', receivedAt: received(1) });
    const mild = buildCall({ ...base, flags: noFlags, clinicalClass: 'mild', receivedAt: received(1) });
    const asym70 = buildCall({ ...base, flags: { nursingHome: true, pregnant: true, needsBed: false }, age: 85, riskTier: 'red', clinicalClass: 'asymptomatic', receivedAt: received(1) });
    expect([asym70, mild, common].sort(order)).toEqual([common, mild, asym70]);
  });

  it('ages one level per 30 minutes waited: a long wait rises, but never into the critical-care levels', () => {
    const fresh70Common = buildCall({ ...base, flags: noFlags, age: 80, clinicalClass: 'common', receivedAt: received(1) });
    const freshCommon = buildCall({ ...base, flags: noFlags, clinicalClass: 'common', receivedAt: received(2) });
    const asymAt = (minutes: number) => buildCall({ ...base, flags: noFlags, clinicalClass: 'asymptomatic', receivedAt: received(minutes) });
    expect(agedAcuity(asymAt(29), FACTORY_NOW)).toBe(4);
    expect(agedAcuity(asymAt(30), FACTORY_NOW)).toBe(3);
    expect(agedAcuity(asymAt(60), FACTORY_NOW)).toBe(2);
    expect(agedAcuity(asymAt(600), FACTORY_NOW)).toBe(2);
    // Aged to the common level, the 3-hour asymptomatic call passes a fresh common call without a priority group...
    const longAsym = asymAt(180);
    expect([freshCommon, longAsym].sort(order)).toEqual([longAsym, freshCommon]);
    // ...but within the level the seeds' groups still decide, and a severe call is never passed.
    expect([longAsym, fresh70Common].sort(order)).toEqual([fresh70Common, longAsym]);
    const freshSevere = buildCall({ ...base, flags: noFlags, clinicalClass: 'severe', receivedAt: received(0) });
    expect([longAsym, freshSevere].sort(order)).toEqual([freshSevere, longAsym]);
    // The same two calls earlier in the day: no ageing yet, the common call first.
    const early = new Date(Date.parse(longAsym.receivedAt) + 5 * 60_000);
    expect(compareCallPriority(longAsym, buildCall({ ...freshCommon, receivedAt: early.toISOString() }), early)).toBeGreaterThan(0);
  });

  it('takes the ageing step as a setting; a zero or NaN step switches ageing off', () => {
    const asym = buildCall({ ...base, flags: noFlags, clinicalClass: 'asymptomatic', receivedAt: received(20) });
    expect(agedAcuity(asym, FACTORY_NOW, { minutesPerStep: 10 })).toBe(2);
    expect(agedAcuity(asym, FACTORY_NOW, { minutesPerStep: 0 })).toBe(4);
    expect(agedAcuity(asym, FACTORY_NOW, { minutesPerStep: Number.NaN })).toBe(4);
    expect(DEFAULT_QUEUE_AGEING.minutesPerStep).toBe(30);
  });

  it('breaks a full tie by receivedAt, then id, so distinct calls never compare equal', () => {
    const a = buildCall({ ...base, id: 5, flags: noFlags });
    const b = buildCall({ ...base, id: 9, flags: noFlags });
    expect(order(a, b)).toBeLessThan(0);
    expect(order(b, a)).toBeGreaterThan(0);
    expect(order(a, a)).toBe(0);
  });

  it('treats unknown age as under 70 and builds the tuple', () => {
    const call = buildCall({ ...base, id: 12, flags: noFlags, age: null, riskTier: 'red' });
    expect(priorityRank(call, FACTORY_NOW)).toEqual([3, 1, 1, 1, 0, Date.parse(base.receivedAt), 12]);
    expect(priorityRank(buildCall({ ...base, flags: noFlags, age: 69 }), FACTORY_NOW)[1]).toBe(1);
  });

  it('screens out calls the order cannot read, keeping the rest in input order', () => {
    const good = [buildCall({ id: 1 }), buildCall({ id: 2 })];
    const bad = [
      buildCall({ id: 3, clinicalClass: 'urgent' as never }),
      buildCall({ id: 4, age: Number.NaN }),
      buildCall({ id: 5, receivedAt: 'yesterday' }),
      buildCall({ id: 6, receivedAt: new Date(FACTORY_NOW.getTime() + 86_400_000).toISOString() }),
      buildCall({ id: 1, clinicalClass: 'critical' }),
      buildCall({ id: Number.NaN }),
    ];
    const { valid, skipped } = screenQueue([good[0], ...bad, good[1]].filter((c) => c !== undefined), FACTORY_NOW);
    expect(valid).toEqual(good);
    expect(skipped).toEqual([
      { id: 3, reason: 'unknown_class' },
      { id: 4, reason: 'bad_age' },
      { id: 5, reason: 'bad_received_at' },
      { id: 6, reason: 'bad_received_at' },
      { id: 1, reason: 'duplicate_id' },
      { id: Number.NaN, reason: 'bad_id' },
    ]);
  });

  it('counts waiting minutes and never goes negative', () => {
    expect(waitingMinutes(received(12.5), FACTORY_NOW)).toBe(12.5);
    expect(waitingMinutes(received(-3), FACTORY_NOW)).toBe(0);
  });
});

describe('the worked example of docs/suggestions.md', () => {
  it('orders A, B, C, E, D, F at 10:00', () => {
    const now = Date.parse('2023-01-05T10:00:00Z');
    const at = (hhmm: string) => `2023-01-05T${hhmm}:00Z`;
    const plain = { flags: noFlags, riskTier: null, age: 40 };
    const calls = {
      A: buildCall({ ...plain, id: 1, clinicalClass: 'severe', receivedAt: at('09:59') }),
      B: buildCall({ ...plain, id: 2, clinicalClass: 'common', age: 82, receivedAt: at('09:58') }),
      C: buildCall({ ...plain, id: 3, clinicalClass: 'asymptomatic', receivedAt: at('07:00') }),
      D: buildCall({ ...plain, id: 4, clinicalClass: 'common', receivedAt: at('09:55') }),
      E: buildCall({ ...plain, id: 5, clinicalClass: 'mild', receivedAt: at('09:20') }),
      F: buildCall({ ...plain, id: 6, clinicalClass: 'asymptomatic', age: 75, receivedAt: at('09:59') }),
    };
    const names = new Map(Object.entries(calls).map(([k, v]) => [v, k]));
    expect([calls.F, calls.D, calls.E, calls.C, calls.B, calls.A].sort(queueOrderAt(now)).map((c) => names.get(c))).toEqual(['A', 'B', 'C', 'E', 'D', 'F']);
  });
});
