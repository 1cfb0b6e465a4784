/**
 * A batch of line events from the telephony gateway (docs/telephony.md): one transaction for the whole batch,
 * each new event stored once by its id and logged (so consoles hear the line), the seats it touched moved.
 * A repeat of a stored id is acknowledged as a duplicate; an unknown line or seat refuses the whole batch.
 */
import { callAttempts, lineStateOf, seatMovesOf, type LineEvent, type LineEventInput, type SeatState } from '@dispatch/shared';
import type { z } from 'zod';
import type { TelephonyAccepted } from '@dispatch/shared';
import type { Tx } from '../db/client.ts';
import type { Actor, EventBuffer } from '../events/log.ts';
import { AppError } from '../errors.ts';
import { createTelephonyRepo, toSeat } from '../repositories/telephony.ts';
import { runCommand, type Deps } from './deps.ts';

/** How far back a line's stored events are read to rebuild its attempts: longer than any call lasts. */
const ATTEMPT_LOOKBACK_MS = 6 * 3600_000;

export type LineEventsResult = z.infer<typeof TelephonyAccepted>;

export async function ingestLineEvents(deps: Deps, actor: Actor, posted: readonly LineEventInput[]): Promise<LineEventsResult> {
  return runCommand(deps, actor, (tx, log, now) => ingestInTransaction(tx, log, now, posted));
}

/**
 * The ingest itself, inside a command's transaction: the gateway's batch, or the console's own `answered`
 * (commands/answerLine.ts), so both are stored, logged, reduced and counted the one same way.
 */
export async function ingestInTransaction(tx: Tx, log: EventBuffer, now: Date, posted: readonly LineEventInput[]): Promise<LineEventsResult> {
  const repo = createTelephonyRepo(tx);
  const lineIds = [...new Set(posted.map((e) => e.lineId))].sort((a, b) => a - b);
  const lines = new Set(await repo.lockLines(lineIds));
  const badLine = posted.findIndex((e) => !lines.has(e.lineId));
  if (badLine >= 0) throw new AppError(404, 'UNKNOWN_LINE', `events.${badLine}.lineId: no line ${posted[badLine]?.lineId}`, { field: `events.${badLine}.lineId` });
  const named = [...new Set(posted.flatMap((e) => (e.seat ? [e.seat] : [])))];
  const seats = new Set(await repo.existingSeats(named));
  const badSeat = posted.findIndex((e) => e.seat && !seats.has(e.seat));
  if (badSeat >= 0) throw new AppError(404, 'UNKNOWN_SEAT', `events.${badSeat}.seat: no seat ${posted[badSeat]?.seat}`, { field: `events.${badSeat}.seat` });

  // Times normalised to UTC ISO, so the same instant sent with another offset orders as the same instant.
  const events: LineEvent[] = posted.map((e) => ({ ...e, at: new Date(e.at).toISOString(), location: e.location ?? null, seat: e.seat ?? null }));
  const firstOfId = new Map<string, LineEvent>();
  for (const e of events) if (!firstOfId.has(e.eventId)) firstOfId.set(e.eventId, e);
  const inserted = await repo.insertEvents([...firstOfId.values()], now);
  const fresh = [...firstOfId.values()].filter((e) => inserted.has(e.eventId));

  const since = new Date(Math.min(...events.map((e) => Date.parse(e.at))) - ATTEMPT_LOOKBACK_MS);
  const attempts = callAttempts(await repo.eventsOfLines(lineIds, since));
  const attemptOf = new Map(attempts.flatMap((a) => a.eventIds.map((id) => [id, a] as const)));
  for (const e of fresh) log.add({ name: `line.${e.kind}`, entity: 'line', entityId: e.lineId, before: null, after: { event: e, line: lineStateOf(e.lineId, attempts) } });
  const changedLines = [...new Set(fresh.map((e) => e.lineId))];
  await repo.saveLineStates(changedLines.map((id) => lineStateOf(id, attempts)));

  // The seats of the attempts this batch changed, moved as the phone says, locked ascending after the lines.
  const moves = new Map<number, SeatState>();
  for (const a of new Set(fresh.flatMap((e) => attemptOf.get(e.eventId) ?? []))) for (const [s, state] of seatMovesOf(a)) moves.set(s, state);
  for (const before of await repo.lockSeats([...moves.keys()])) {
    const to = moves.get(before.seat);
    // Wrap-up follows a call the seat was on; a seat that has moved on (ready, away, another call) stays.
    if (!to || before.state === to || (to === 'wrap_up' && before.state !== 'on_call')) continue;
    const after = await repo.updateSeat(before.seat, { state: to, stateSince: now });
    log.add({ name: 'seat.stateChanged', entity: 'seat', entityId: before.seat, before: toSeat(before), after: toSeat(after) });
  }

  const results = events.map((e, i) => {
    const isFresh = inserted.has(e.eventId) && events.findIndex((x) => x.eventId === e.eventId) === i;
    if (!isFresh) return { eventId: e.eventId, result: 'duplicate' as const };
    return { eventId: e.eventId, result: attemptOf.get(e.eventId)?.ringingAt === null ? ('held' as const) : ('accepted' as const) };
  });
  return {
    accepted: results.filter((r) => r.result === 'accepted').length,
    held: results.filter((r) => r.result === 'held').length,
    duplicates: results.filter((r) => r.result === 'duplicate').length,
    results,
  };
}
