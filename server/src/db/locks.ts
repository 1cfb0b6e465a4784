/**
 * PostgreSQL advisory lock keys (one bigint namespace for the whole database), listed together so a new
 * one cannot collide. Their place in the lock order: docs/decisions/0004-one-lock-order.md.
 */

/** Held (transaction level) from the event insert to commit, so seq order is commit order; always taken last. */
export const EVENT_LOG_LOCK = 120_120;
/** Held (transaction level, first) by an alert reconciliation, so two monitors never raise the same alert twice (a new leader may overlap the old one for a moment). */
export const ALERT_MONITOR_LOCK = 120_121;

/** Held (session level, on its own connection) while one instance applies the migrations at start. */
export const MIGRATIONS_LOCK = 120_122;
/** Held (session level, on its own connection) by the one instance that runs the periodic jobs. */
export const LEADERSHIP_LOCK = 120_123;
