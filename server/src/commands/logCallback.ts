/**
 * A dispatcher called back a caller who hung up: the callback is stored and logged (`callback.logged`), so every
 * dispatch console's callback list moves. The attempt is named by one of its events or by the caller's number.
 */
import { CALLBACK_WINDOW_HOURS, callAttempts, type CallbackInput, type CallbackRecord, type SessionUser } from '@dispatch/shared';
import type { Actor } from '../events/log.ts';
import { AppError, conflict } from '../errors.ts';
import { createCallbackRepo, toCallbackRecord } from '../repositories/callbacks.ts';
import { createCallRepo } from '../repositories/calls.ts';
import { runCommand, type Deps } from './deps.ts';

export async function logCallback(deps: Deps, actor: Actor, user: SessionUser, input: CallbackInput): Promise<CallbackRecord> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const repo = createCallbackRepo(tx);
    const since = new Date(now.getTime() - CALLBACK_WINDOW_HOURS * 3600_000);
    let number = input.callerNumber;
    if (input.attemptEventId !== undefined) {
      const event = await repo.lineEvent(input.attemptEventId);
      if (!event) throw new AppError(404, 'UNKNOWN_ATTEMPT', `attemptEventId: no line event ${input.attemptEventId}`, { field: 'attemptEventId' });
      number = event.callerNumber;
    }
    const attempts = callAttempts(await repo.eventsOfNumber(number ?? '', since));
    const attempt = input.attemptEventId !== undefined ? attempts.find((a) => a.eventIds.includes(input.attemptEventId ?? '')) : attempts.filter((a) => a.state === 'abandoned').pop();
    if (!attempt) {
      if (input.attemptEventId !== undefined) throw new AppError(404, 'UNKNOWN_ATTEMPT', `attemptEventId: ${input.attemptEventId} is not an attempt of the last ${CALLBACK_WINDOW_HOURS} h`, { field: 'attemptEventId' });
      throw new AppError(404, 'UNKNOWN_CALLER', `callerNumber: no caller ${input.callerNumber ?? ''} hung up in the last ${CALLBACK_WINDOW_HOURS} h`, { field: 'callerNumber' });
    }
    // An answered attempt has nobody to call back; the list never names one, a stale screen might.
    if (attempt.state !== 'abandoned') throw conflict('NOT_ABANDONED', `the caller of ${input.attemptEventId ?? ''} was answered (${attempt.state})`, attempt);
    if (input.callId !== undefined && !(await createCallRepo(tx).get(input.callId))) throw new AppError(404, 'NOT_FOUND', `callId: call ${input.callId} not found`, { field: 'callId' });
    const row = await repo.insert({
      attemptEventId: attempt.eventIds[0] ?? input.attemptEventId ?? '',
      callerNumber: attempt.callerNumber,
      at: now,
      byUserId: user.id,
      outcome: input.outcome,
      note: input.note,
      callId: input.callId ?? null,
    });
    const record = toCallbackRecord({ ...row, by: user.displayName });
    log.add({ name: 'callback.logged', entity: 'callback', entityId: row.id, before: null, after: record });
    return record;
  });
}

