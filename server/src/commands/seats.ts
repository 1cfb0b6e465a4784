/** A dispatcher signs into a numbered seat, out of it, and moves it between ready, wrap-up and away. */
import { nextSeatState, type SeatState, type SessionUser } from '@dispatch/shared';
import type { Actor, EventBuffer } from '../events/log.ts';
import { AppError, conflict, fromDomain, notFound } from '../errors.ts';
import { createTelephonyRepo, toSeat, type SeatRow } from '../repositories/telephony.ts';
import { runCommand, type Deps } from './deps.ts';

function logSeat(log: EventBuffer, name: 'seat.signedIn' | 'seat.signedOut' | 'seat.stateChanged', before: SeatRow, after: SeatRow): void {
  log.add({ name, entity: 'seat', entityId: after.seat, before: toSeat(before), after: toSeat(after) });
}

const takenBy = (row: SeatRow) => conflict('SEAT_TAKEN', `seat ${row.seat} is held by ${row.holderName ?? 'another dispatcher'}`, toSeat(row));

/** Sign in at `seat`; a seat held by someone else is refused (409 with its holder). Moving seats releases the old one. */
export async function signInSeat(deps: Deps, actor: Actor, user: SessionUser, seat: number): Promise<SeatRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const repo = createTelephonyRepo(tx);
    const mine = await repo.seatOf(user.id);
    const locked = await repo.lockSeats([...new Set([seat, ...(mine ? [mine.seat] : [])])]);
    const target = locked.find((r) => r.seat === seat);
    if (!target) throw notFound('seat', seat);
    if (target.holderId === user.id) return target;
    if (target.holderId !== null) throw takenBy(target);
    const old = locked.find((r) => r.seat !== seat && r.holderId === user.id);
    if (old) {
      if (old.state === 'on_call') throw conflict('SEAT_ON_CALL', `seat ${old.seat} is on a call: end it before moving`, toSeat(old));
      logSeat(log, 'seat.signedOut', old, await repo.updateSeat(old.seat, { holderId: null, holderName: null, state: 'away', stateSince: now }));
    }
    // A seat comes staffed and ready; one still on a call (the PBX said so) keeps its state.
    const state: SeatState = target.state === 'away' ? 'ready' : (target.state as SeatState);
    const after = await repo
      .updateSeat(seat, { holderId: user.id, holderName: user.displayName, state, ...(state !== target.state ? { stateSince: now } : {}) })
      .catch((error: unknown) => {
        // The same dispatcher signing in at two seats at once (two tabs): the one-seat index refuses the second.
        const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
        if (code === '23505') throw conflict('ALREADY_SEATED', 'you were just signed in at another seat', null);
        throw error;
      });
    logSeat(log, 'seat.signedIn', target, after);
    return after;
  });
}

/** Leave the seat one holds; not in the middle of a call. */
export async function signOutSeat(deps: Deps, actor: Actor, user: SessionUser): Promise<SeatRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const repo = createTelephonyRepo(tx);
    const mine = await repo.seatOf(user.id);
    const [row] = mine ? await repo.lockSeats([mine.seat]) : [];
    if (!row || row.holderId !== user.id) throw new AppError(409, 'NOT_SIGNED_IN', 'you are not signed in at a seat');
    if (row.state === 'on_call') throw conflict('SEAT_ON_CALL', `seat ${row.seat} is on a call: end it first`, toSeat(row));
    const after = await repo.updateSeat(row.seat, { holderId: null, holderName: null, state: 'away', stateSince: now });
    logSeat(log, 'seat.signedOut', row, after);
    return after;
  });
}

/** The holder moves the seat (ready, wrap-up, away, on a call) as the seat rules allow. */
export async function setSeatState(deps: Deps, actor: Actor, user: SessionUser, seat: number, to: SeatState): Promise<SeatRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const repo = createTelephonyRepo(tx);
    const [row] = await repo.lockSeats([seat]);
    if (!row) throw notFound('seat', seat);
    if (row.holderId === null) throw conflict('NOT_SIGNED_IN', `nobody is signed in at seat ${seat}`, toSeat(row));
    if (row.holderId !== user.id) throw takenBy(row);
    const step = nextSeatState(row.state as SeatState, to);
    if (!step.ok) throw fromDomain(step.error, toSeat(row));
    if (step.value === row.state) return row;
    const after = await repo.updateSeat(seat, { state: step.value, stateSince: now });
    logSeat(log, 'seat.stateChanged', row, after);
    return after;
  });
}
