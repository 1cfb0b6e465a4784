/**
 * PostgreSQL advisory lock keys (one bigint namespace for the whole database). Listed together so a new
 * one cannot collide: 120_120 is the event log's seq lock (events/log.ts), 120_121 the alert
 * reconciliation lock (commands/reconcileAlerts.ts).
 */

/** Held (session level, on its own connection) while one instance applies the migrations at start. */
export const MIGRATIONS_LOCK = 120_122;
/** Held (session level, on its own connection) by the one instance that runs the periodic jobs. */
export const LEADERSHIP_LOCK = 120_123;
