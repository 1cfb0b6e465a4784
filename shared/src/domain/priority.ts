/** Queue order for waiting calls (DOMAIN.md rule 6). */
import type { Call, ClinicalClass, RiskTier } from '../model.ts';

type PriorityInput = Pick<Call, 'clinicalClass' | 'age' | 'flags' | 'riskTier' | 'receivedAt'>;

// Below severe the class does not reorder the queue: the seeds' priority channels decide instead.
const CLASS_RANK: Readonly<Record<ClinicalClass, number>> = { critical: 0, severe: 1, common: 2, mild: 2, asymptomatic: 2 };
const TIER_RANK: Readonly<Record<RiskTier, number>> = { red: 0, yellow: 1, green: 2 };
const NO_TIER_RANK = 3;

/** Age from which the seeds open a separate ED channel. */
export const ELDERLY_AGE = 70;

/** Sort key, compared element by element, lower first: class, 70+, nursing home, pregnancy, tier, receivedAt. */
export function priorityRank(call: PriorityInput): number[] {
  const received = Date.parse(call.receivedAt);
  return [
    CLASS_RANK[call.clinicalClass],
    call.age !== null && call.age >= ELDERLY_AGE ? 0 : 1,
    call.flags.nursingHome ? 0 : 1,
    call.flags.pregnant ? 0 : 1,
    call.riskTier === null ? NO_TIER_RANK : TIER_RANK[call.riskTier],
    // An unreadable time goes last rather than jumping the queue.
    Number.isNaN(received) ? Number.MAX_SAFE_INTEGER : received,
  ];
}

/** Comparator for Array.sort: the call to serve first sorts first. */
export function compareCallPriority(a: PriorityInput, b: PriorityInput): number {
  const ra = priorityRank(a);
  const rb = priorityRank(b);
  for (let i = 0; i < ra.length; i++) {
    const d = (ra[i] ?? 0) - (rb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Minutes since the call came in (fractional), never negative even if clocks disagree. */
export function waitingMinutes(receivedAt: string, now: Date): number {
  return Math.max(0, (now.getTime() - Date.parse(receivedAt)) / 60_000);
}

export type PriorityGroup = 'age70' | 'nursingHome' | 'pregnant';

/** The priority groups a patient belongs to, in the order the seeds rank them. */
export function priorityFlags(c: Pick<Call, 'age' | 'flags'>): PriorityGroup[] {
  const out: PriorityGroup[] = [];
  if (c.age !== null && c.age >= ELDERLY_AGE) out.push('age70');
  if (c.flags.nursingHome) out.push('nursingHome');
  if (c.flags.pregnant) out.push('pregnant');
  return out;
}
