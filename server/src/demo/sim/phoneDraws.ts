/**
 * The phone model's draws: when lines ring, who calls, how long a caller will wait, how long a seat talks.
 * Pure and seeded (a `rand` in, numbers out), so the same seed rings the same day.
 *
 * Durations are simulated seconds; the phone model turns them into real time with the demo's speed-up.
 */
import type { CallerLocation, LonLat } from '@dispatch/shared';
import { CALL_KIND_SHARES, drawPhone, type CallKindDrawn } from './callMix.ts';

type Rand = () => number;

/** Gap to the next ring of a Poisson stream at `perHour` (real calls per real hour), in milliseconds. */
export function ringGapMs(perHour: number, rand: Rand): number {
  return -Math.log(1 - rand()) * (3600_000 / perHour);
}

/** How long a caller lets it ring before hanging up: uniform over 20–90 s (seed figures of a surge queue). */
export const PATIENCE_SEC = { min: 20, max: 90 } as const;
export const drawPatienceSec = (rand: Rand): number => PATIENCE_SEC.min + rand() * (PATIENCE_SEC.max - PATIENCE_SEC.min);

/**
 * Share of rung calls that are advice or repeat calls: the simulator's call mix, so the incidents and the phones
 * tell the same story (about 79 % in a surge, Beijing December 2022).
 */
export const adviceShare = (surge: boolean): number => {
  const s = CALL_KIND_SHARES[surge ? 'surge' : 'normal'];
  return s.advice + s.repeat;
};

/** What the caller wants; a repeat needs someone who called before, else it is an advice call. */
export function drawPhoneKind(rand: Rand, surge: boolean, hasEarlierCaller: boolean): CallKindDrawn {
  const s = CALL_KIND_SHARES[surge ? 'surge' : 'normal'];
  const r = rand();
  if (r < s.advice) return 'advice';
  if (r < s.advice + s.repeat) return hasEarlierCaller ? 'repeat' : 'advice';
  return 'emergency';
}

/** A plausible Chinese mobile number (1[3-9] and nine digits). */
export const drawMobile = (rand: Rand): string => drawPhone(rand);

/** Talk time: advice and "where is my ambulance" are short; an emergency intake takes a few minutes. */
export function drawTalkSec(rand: Rand, kind: CallKindDrawn): number {
  return kind === 'emergency' ? 90 + rand() * 150 : 25 + rand() * 65;
}

/** Wrap-up after the call (notes, outcome). */
export const drawWrapUpSec = (rand: Rand): number => 8 + rand() * 25;

/** From a free seat to the line picked up (the dispatcher reaches for the key). */
export const drawPickupSec = (rand: Rand): number => 1 + rand() * 4;

/**
 * Where the network puts the caller: a third of calls carry the handset's own fix (AML, tens of metres), a third
 * the carrier's cell estimate (hundreds of metres), the rest nothing. `point` is where the caller is.
 */
export function drawLocationFix(rand: Rand, point: LonLat): CallerLocation | null {
  const r = rand();
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  if (r < 1 / 3) return { lon: round(point.lon), lat: round(point.lat), accuracyM: Math.round(8 + rand() * 60), source: 'handset' };
  if (r < 2 / 3) return { lon: round(point.lon), lat: round(point.lat), accuracyM: Math.round(300 + rand() * 1700), source: 'carrier' };
  return null;
}
