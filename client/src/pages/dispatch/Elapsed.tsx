/** A time counting up from `since` (m:ss): the only part of a row that re-renders every second. */
import { useClock } from '../../live/clock.ts';
import { formatElapsed } from '../../ui/format.ts';

export function Elapsed({ since, now }: { since: string; /** Pin the clock (tests). */ now?: number }) {
  return <>{formatElapsed(useClock(now) - Date.parse(since))}</>;
}
