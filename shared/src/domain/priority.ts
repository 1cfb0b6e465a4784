/** Queue order for waiting calls (DOMAIN.md rule 6; docs/suggestions.md "Queue order"). */
import { CLINICAL_CLASSES, DEFAULT_THRESHOLDS, type Call, type ClinicalClass, type PriorityFlags, type RiskTier, type Thresholds } from '../model.ts';
import { isDbId, isPlausibleTime } from './plausibility.ts';

type PriorityInput = Pick<Call, 'id' | 'clinicalClass' | 'age' | 'flags' | 'riskTier' | 'receivedAt'>;

/** How waiting raises a call: one acuity level per `minutesPerStep` minutes waited. */
export interface QueueAgeing {
  minutesPerStep: number;
}

/**
 * 30 minutes a level: a fresh milder call never jumps a sicker one that came in moments before it, yet in
 * a surge an asymptomatic call has the standing of a common one within an hour and is not forgotten.
 */
export const DEFAULT_QUEUE_AGEING: QueueAgeing = { minutesPerStep: DEFAULT_THRESHOLDS.queueAgeingMinutes };

/** The ageing rule the city set among its thresholds (the command group edits it). */
export function queueAgeingOf(th: Pick<Thresholds, 'queueAgeingMinutes'>): QueueAgeing {
  return { minutesPerStep: th.queueAgeingMinutes };
}

// Acuity levels, lower first. Common, mild and asymptomatic are apart so a common call outranks a fresh
// asymptomatic one whatever its priority group.
const ACUITY: Readonly<Record<ClinicalClass, number>> = { critical: 0, severe: 1, common: 2, mild: 3, asymptomatic: 4 };
/**
 * The highest level ageing can reach: common. Severe and critical patients need a critical-care unit
 * (DOMAIN.md rule 2); a wait changes how long someone has waited, not what their illness is, so no
 * call that does not need critical care ever rises to or above one that does.
 */
const AGEING_CEILING = ACUITY.common;
/** An unknown class sorts after every known one, so it never displaces a call we can read. */
const UNKNOWN_ACUITY = CLINICAL_CLASSES.length;
const TIER_RANK: Readonly<Record<RiskTier, number>> = { red: 0, yellow: 1, green: 2 };
const NO_TIER_RANK = 3;
/** Clocks drift: a call stamped a little after `now` is real; one stamped far ahead is not. */
const RECEIVED_AHEAD_ALLOWANCE_MS = 10 * 60_000;

/** Age from which the seeds open a separate ED channel. */
export const ELDERLY_AGE = 70;

const known = (cls: string): cls is ClinicalClass => Object.hasOwn(ACUITY, cls);

/** The acuity level a call has now: its class's level, raised one level per ageing step waited, never above common. */
export function agedAcuity(call: Pick<Call, 'clinicalClass' | 'receivedAt'>, now: Date | number, ageing: QueueAgeing = DEFAULT_QUEUE_AGEING): number {
  if (!known(call.clinicalClass)) return UNKNOWN_ACUITY;
  const level = ACUITY[call.clinicalClass];
  if (level <= AGEING_CEILING || !(ageing.minutesPerStep > 0)) return level;
  const steps = Math.floor(waitingMinutes(call.receivedAt, new Date(now)) / ageing.minutesPerStep);
  return Number.isFinite(steps) ? Math.max(AGEING_CEILING, level - steps) : level;
}

/** NaN would make every comparison false and break the order: an unreadable number sorts last. */
const orLast = (x: number): number => (Number.isNaN(x) ? Number.POSITIVE_INFINITY : x);

/**
 * Sort key at `now`, compared element by element, lower first: aged acuity, 70+, nursing home, pregnancy,
 * risk tier, receivedAt, id. The id makes it a strict total order over distinct calls.
 */
export function priorityRank(call: PriorityInput, now: Date | number, ageing: QueueAgeing = DEFAULT_QUEUE_AGEING): number[] {
  const flags = call.flags as Partial<PriorityFlags> | null | undefined;
  return [
    agedAcuity(call, now, ageing),
    typeof call.age === 'number' && call.age >= ELDERLY_AGE ? 0 : 1,
    flags?.nursingHome === true ? 0 : 1,
    flags?.pregnant === true ? 0 : 1,
    call.riskTier !== null && Object.hasOwn(TIER_RANK, call.riskTier) ? TIER_RANK[call.riskTier] : NO_TIER_RANK,
    // An unreadable time goes last rather than jumping the queue.
    orLast(Date.parse(call.receivedAt)),
    orLast(call.id),
  ];
}

/** Comparator for the queue at `now`: the call to serve first sorts first. */
export function compareCallPriority(a: PriorityInput, b: PriorityInput, now: Date | number, ageing: QueueAgeing = DEFAULT_QUEUE_AGEING): number {
  const ra = priorityRank(a, now, ageing);
  const rb = priorityRank(b, now, ageing);
  for (let i = 0; i < ra.length; i++) {
    const x = ra[i] ?? 0;
    const y = rb[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** A comparator for Array.sort made for one `now`, so one sort never sees the clock move. */
export function queueOrderAt(now: Date | number, ageing: QueueAgeing = DEFAULT_QUEUE_AGEING): (a: PriorityInput, b: PriorityInput) => number {
  const at = new Date(now).getTime();
  return (a, b) => compareCallPriority(a, b, at, ageing);
}

export const CALL_SKIP_REASONS = ['bad_id', 'duplicate_id', 'unknown_class', 'bad_age', 'bad_flags', 'unknown_tier', 'bad_received_at'] as const;
export type CallSkipReason = (typeof CALL_SKIP_REASONS)[number];

/** A call left out of the ranked queue, with why. */
export interface SkippedCall {
  id: number;
  reason: CallSkipReason;
}

function callProblem(c: PriorityInput, nowMs: number): CallSkipReason | null {
  if (!isDbId(c.id)) return 'bad_id';
  if (!known(c.clinicalClass)) return 'unknown_class';
  if (c.age !== null && !(typeof c.age === 'number' && Number.isInteger(c.age) && c.age >= 0 && c.age <= 130)) return 'bad_age';
  const flags = c.flags as Partial<PriorityFlags> | null | undefined;
  if (typeof flags !== 'object' || flags === null || typeof flags.nursingHome !== 'boolean' || typeof flags.pregnant !== 'boolean') return 'bad_flags';
  if (c.riskTier !== null && !Object.hasOwn(TIER_RANK, c.riskTier)) return 'unknown_tier';
  const received = Date.parse(c.receivedAt);
  if (!isPlausibleTime(received) || received > nowMs + RECEIVED_AHEAD_ALLOWANCE_MS) return 'bad_received_at';
  return null;
}

/** Splits calls into those the queue can rank (input order kept) and those it cannot; the first of two sound calls with one id is kept. */
export function screenQueue<C extends PriorityInput>(calls: Iterable<C>, now: Date | number): { valid: C[]; skipped: SkippedCall[] } {
  const nowMs = new Date(now).getTime();
  const valid: C[] = [];
  const skipped: SkippedCall[] = [];
  const seen = new Set<number>();
  for (const c of calls) {
    const problem = callProblem(c, nowMs) ?? (seen.has(c.id) ? 'duplicate_id' : null);
    if (problem) {
      skipped.push({ id: c.id, reason: problem });
      continue;
    }
    seen.add(c.id);
    valid.push(c);
  }
  return { valid, skipped };
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
