/**
 * Every few seconds each instance tells its own consoles the event log's newest seq, read from the
 * database (the one shared truth), so an idle console that lost the last push notices the gap (GapWatch in
 * shared). Local emits: every instance reads the log itself, nothing goes through the Redis adapter.
 */
import { max } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { events } from '../db/schema.ts';
import type { IoServer } from './hub.ts';

export const HEARTBEAT_MS = 5000;

/** Start beating; returns the stop function. A beat that fails to read the log is skipped. */
export function startHeartbeat(io: IoServer, db: Db, intervalMs: number, onError: (error: unknown) => void): () => void {
  let reading = false;
  const timer = setInterval(() => {
    if (reading || io.of('/').sockets.size === 0) return;
    reading = true;
    void db
      .select({ seq: max(events.seq) })
      .from(events)
      .then(
        ([row]) => io.local.emit('heartbeat', { seq: Number(row?.seq ?? 0) }),
        (error: unknown) => onError(error),
      )
      .finally(() => (reading = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
