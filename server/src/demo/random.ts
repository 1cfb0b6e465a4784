/** The demo's seeded randomness: the same seed gives the same city, callers and drives (no Math.random). */

export { seededRandom } from '@dispatch/shared';

/** One element of a non-empty list. */
export function pick<T>(rand: () => number, xs: readonly T[]): T {
  const x = xs[Math.floor(rand() * xs.length)] ?? xs[0];
  if (x === undefined) throw new Error('pick from an empty list');
  return x;
}

/** A whole number in [lo, hi]. */
export const intIn = (rand: () => number, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

/** Standard normal variate (Box–Muller) from a uniform source. */
export function gauss(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}
