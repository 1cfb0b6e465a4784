/**
 * Every job that must run once per deployment, registered with the leadership: the instance holding the
 * leadership lock runs them, the others do not. A new periodic job that writes, or must not run N times,
 * goes here (per-instance timers, like the position coalescer or the health ping, do not).
 */
import type { Db } from '../db/client.ts';
import type { Env } from '../env.ts';
import type { AlertMonitor } from '../monitor/alerts.ts';
import { SESSION_SWEEP_MS, sweepSessions } from '../auth/sessions.ts';
import { idempotencySweepMs, sweepIdempotencyKeys } from '../plugins/idempotency.ts';
import type { Leadership } from './leadership.ts';
import { periodic } from './periodic.ts';

export function registerLeaderJobs(
  leadership: Leadership,
  opts: { env: Env; db: Db; clock: () => Date; alertMonitor: AlertMonitor; log: { warn(obj: object, msg: string): void } },
): void {
  const { env, db, clock, log } = opts;
  if (env.ALERT_MONITOR) leadership.whileLeader('alert monitor', opts.alertMonitor);
  const ttl = env.IDEMPOTENCY_TTL_HOURS;
  leadership.whileLeader('idempotency key sweep', periodic('idempotency key sweep', idempotencySweepMs(ttl), () => sweepIdempotencyKeys(db, ttl), log));
  leadership.whileLeader('session sweep', periodic('session sweep', SESSION_SWEEP_MS, () => sweepSessions(db, clock()), log));
}
