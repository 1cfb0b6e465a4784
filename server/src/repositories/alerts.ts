/** Alerts raised by the surge monitor. */
import { gte, isNull, or } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { alerts } from '../db/schema.ts';

export type AlertRow = typeof alerts.$inferSelect;

/** Open alerts plus those cleared since `since`. */
export async function listLiveAlerts(db: Executor, since: Date): Promise<AlertRow[]> {
  return db
    .select()
    .from(alerts)
    .where(or(isNull(alerts.clearedAt), gte(alerts.clearedAt, since)))
    .orderBy(alerts.id);
}
