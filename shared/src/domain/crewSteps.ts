/**
 * The crew's one-tap statuses (vehicle terminal, issue 12), in the order the job runs. Each tap but the
 * first is a unit status change and goes through the unit lifecycle (lifecycles.ts) like the dispatcher's
 * buttons; this module only says which tap comes next, so an out-of-order tap is refused with a clear code.
 *
 * `acknowledged` is not a unit status: a unit acknowledged by its crew is still `dispatched` (the dispatcher's
 * screens, the NEMSIS export and the command figures know no other). It is stamped on the transport
 * (`acknowledgedAt`, event `unit.acknowledged`) with server time.
 */
import type { UnitStatus } from '../model.ts';
import type { Result } from './result.ts';
import { err, ok } from './result.ts';

export const CREW_STATUSES = ['acknowledged', 'en_route', 'on_scene', 'transporting', 'at_hospital', 'available'] as const;
export type CrewStatus = (typeof CREW_STATUSES)[number];

/** How long a crew may take back its own last tap. */
export const CREW_UNDO_WINDOW_MS = 30_000;

/** The tap that comes next for a unit in this status; null when the crew has nothing to tap (the ED's handover, or no job). */
export function nextCrewStatus(unit: UnitStatus, acknowledged: boolean): CrewStatus | null {
  switch (unit) {
    case 'dispatched':
      return acknowledged ? 'en_route' : 'acknowledged';
    case 'en_route':
      return 'on_scene';
    case 'on_scene':
      return 'transporting';
    case 'transporting':
      return 'at_hospital';
    // After the nurse's handover the unit is returning; the crew says when it is free again.
    case 'returning':
      return 'available';
    default:
      return null;
  }
}

/** Checks a crew tap against the one expected next; fails with OUT_OF_ORDER (or NOTHING_TO_TAP) and the expected tap. */
export function checkCrewTap(unit: UnitStatus, acknowledged: boolean, to: CrewStatus): Result<CrewStatus> {
  const next = nextCrewStatus(unit, acknowledged);
  if (next === to) return ok(to);
  if (next === null) {
    const why = unit === 'at_hospital' ? 'the ED records the handover first' : `nothing to tap while the unit is ${unit}`;
    return err('NOTHING_TO_TAP', why, { expected: null });
  }
  return err('OUT_OF_ORDER', `the next step is ${next}, not ${to}`, { expected: next });
}

/** Whether a tap made at `tapAt` may still be undone at `now`. */
export function withinUndoWindow(tapAt: number, now: number): boolean {
  return now - tapAt >= 0 && now - tapAt <= CREW_UNDO_WINDOW_MS;
}
