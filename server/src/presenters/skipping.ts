/**
 * A stored row that cannot be presented (an invalid date left by an old fix, a NaN coordinate) must not
 * turn a whole list, a snapshot or the alert monitor into a failure: it is logged with its id and skipped.
 * A unit missing from the board is visible and reported; a fleet list answering 500 hides every unit.
 */
import { AppError } from '../errors.ts';

export interface WarnLog {
  warn(obj: object, msg: string): void;
}

// Presenters are called from places that hold no logger (the snapshot, the read models); app.ts points
// this at the app's pino logger once it is built.
let log: WarnLog = { warn: (obj, msg) => console.warn(msg, obj) };

/** Where skipped rows are reported. */
export function setSkipLog(next: WarnLog): void {
  log = next;
}

/** For `rows.flatMap(skipping('unit', toUnit))`: the presented row, or nothing (logged) when it cannot be presented. */
export function skipping<R extends { id: number }, T>(entity: string, present: (row: R) => T): (row: R) => T[] {
  return (row) => {
    try {
      return [present(row)];
    } catch (err) {
      // A deliberate answer (403, 404) is not a bad row.
      if (err instanceof AppError) throw err;
      log.warn({ err, entity, id: row.id }, 'stored row cannot be presented; left out');
      return [];
    }
  };
}

/** Rows a domain rule left out (or corrected) with its reason, logged as skipped rows are; nothing logged when none. */
export function reportSkipped(entity: string, rows: readonly { id: number | null; reason: string }[]): void {
  if (rows.length > 0) log.warn({ entity, rows }, 'values a rule cannot use; left out or read as unknown');
}

/** One row for a read by id: presented, or a clear 409 (logged) instead of a 500 when it cannot be. */
export function presentOne<R extends { id: number }, T>(entity: string, row: R, present: (row: R) => T): T {
  const [shown] = skipping(entity, present)(row);
  if (shown === undefined) throw new AppError(409, 'UNPRESENTABLE', `${entity} ${row.id} holds a stored value that cannot be shown; it has been logged`);
  return shown;
}
