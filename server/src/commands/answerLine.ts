/**
 * A dispatcher answers the longest-waiting caller from the console (docs/telephony.md "Answering from the
 * console"). One transaction: the ringing lines locked ascending and read again under the lock, then the seat,
 * then the `answered` recorded through the gateway's own ingest, so two seats pressing at the same moment
 * take two different callers (the second waits for the first's lock, then sees that line on a call).
 */
import { consoleAnswerEventId, longestRinging, mayAnswer, type LineState, type SeatState, type SessionUser } from '@dispatch/shared';
import type { Actor } from '../events/log.ts';
import { conflict, fromDomain, notFound } from '../errors.ts';
import { createTelephonyRepo, toSeat, type SeatRow } from '../repositories/telephony.ts';
import { runCommand, type Deps } from './deps.ts';
import { ingestInTransaction } from './ingestLineEvents.ts';

export interface Answered {
  line: LineState;
  seat: SeatRow;
}

export async function answerLine(deps: Deps, actor: Actor, user: SessionUser, seat: number): Promise<Answered> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const repo = createTelephonyRepo(tx);
    // Lock order (docs/decisions/0004): lines ascending, then the seat.
    const ringing = await repo.lockLines(await repo.ringingLineIds());
    const lines = await repo.lineStates(ringing);
    const [row] = await repo.lockSeats([seat]);
    if (!row) throw notFound('seat', seat);
    if (row.holderId === null) throw conflict('NOT_SIGNED_IN', `nobody is signed in at seat ${seat}`, toSeat(row));
    if (row.holderId !== user.id) throw conflict('SEAT_TAKEN', `seat ${seat} is held by ${row.holderName ?? 'another dispatcher'}`, toSeat(row));
    const may = mayAnswer(row.state as SeatState);
    if (!may.ok) throw fromDomain(may.error, toSeat(row));
    const line = longestRinging(lines);
    // A ringing attempt's first event is its ring (events of one instant are ordered ring first).
    const ringId = line?.attempt.eventIds[0];
    if (!line || ringId === undefined) throw conflict('NOTHING_RINGING', 'no line is ringing: another seat took the caller, or they hung up', { seat: toSeat(row), ringing: [] });
    await ingestInTransaction(tx, log, now, [
      { eventId: consoleAnswerEventId(seat, line.lineId, ringId), lineId: line.lineId, kind: 'answered', at: now.toISOString(), callerNumber: line.attempt.callerNumber, seat },
    ]);
    const [after] = await repo.lineStates([line.lineId]);
    const [seatAfter] = await repo.lockSeats([seat]);
    if (!after || !seatAfter) throw new Error(`line ${line.lineId} or seat ${seat} vanished`);
    return { line: after, seat: seatAfter };
  });
}
