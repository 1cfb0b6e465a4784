import { describe, expect, it } from 'vitest';
import { compareCallPriority, priorityRank, waitingMinutes } from './priority.ts';
import { buildCall, FACTORY_NOW } from './testFactories.ts';

const received = (minutesAgo: number) => new Date(FACTORY_NOW.getTime() - minutesAgo * 60_000).toISOString();
const base = { clinicalClass: 'mild', age: 40, riskTier: null, receivedAt: received(1) } as const;
const noFlags = { nursingHome: false, pregnant: false, needsBed: false };

describe('call priority', () => {
  it('orders class, 70+, nursing home, pregnancy, tier, then waiting time', () => {
    const calls = {
      waitedLong: buildCall({ ...base, flags: noFlags, receivedAt: received(30) }),
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
    const order = [...shuffled].sort(compareCallPriority).map((c) => Object.entries(calls).find(([, v]) => v === c)?.[0]);
    expect(order).toEqual(['critical', 'severe', 'elderly', 'nursingHome', 'pregnant', 'red', 'yellow', 'green', 'waitedLong', 'plain']);
  });

  it('does not reorder common, mild and asymptomatic by class', () => {
    const common = buildCall({ ...base, flags: noFlags, clinicalClass: 'common' });
    const asym = buildCall({ ...base, flags: noFlags, clinicalClass: 'asymptomatic' });
    expect(compareCallPriority(common, asym)).toBe(0);
  });

  it('treats unknown age as under 70 and builds the tuple', () => {
    expect(priorityRank(buildCall({ ...base, flags: noFlags, age: null, riskTier: 'red' }))).toEqual([2, 1, 1, 1, 0, Date.parse(base.receivedAt)]);
    expect(priorityRank(buildCall({ ...base, flags: noFlags, age: 69 }))[1]).toBe(1);
  });

  it('counts waiting minutes and never goes negative', () => {
    expect(waitingMinutes(received(12.5), FACTORY_NOW)).toBe(12.5);
    expect(waitingMinutes(received(-3), FACTORY_NOW)).toBe(0);
  });
});
