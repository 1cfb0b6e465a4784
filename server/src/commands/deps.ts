/** What every command needs: the database, the clock, the travel-time estimator and the live fan-out. */
import type { CityProfile, TravelTimeEstimator } from '@dispatch/shared';
import type { Db, Tx } from '../db/client.ts';
import { inTransaction, type Actor, type EventBuffer, type LoggedEvent } from '../events/log.ts';

export interface Deps {
  db: Db;
  clock: () => Date;
  estimator: TravelTimeEstimator;
  /**
   * The loaded city: figures, calendar, bounds and rule profile (which kinds take which class, bed targets).
   * Replaced whole when another city is imported (city/current.ts), so read it at use, never keep it.
   */
  city: CityProfile;
  /** Called after commit with the logged events, in sequence order. */
  publish: (events: LoggedEvent[]) => void;
}

/** Run one use case: transaction, events appended, pushed after commit. */
export async function runCommand<T>(deps: Deps, actor: Actor, work: (tx: Tx, log: EventBuffer, now: Date) => Promise<T>): Promise<T> {
  const now = deps.clock();
  const committed = await inTransaction(deps.db, actor, now, (tx, log) => work(tx, log, now));
  if (committed.events.length > 0) deps.publish(committed.events);
  return committed.result;
}
