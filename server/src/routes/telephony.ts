/** /api/telephony: the CTI/PBX adapter's line events; /api/seats: dispatchers at their seats (docs/telephony.md). */
import { z } from 'zod';
import { AnsweredSchema, LineStateSchema, SeatBody, SeatParams, SeatSchema, SeatStateBody, TelephonyAccepted, TelephonyEventsBody } from '@dispatch/shared';
import type { App, AppContext } from '../context.ts';
import { READ, WRITE, replies } from '../plugins/openapi.ts';
import { actorOf, userOf } from '../plugins/auth.ts';
import { ingestLineEvents } from '../commands/ingestLineEvents.ts';
import { setSeatState, signInSeat, signOutSeat } from '../commands/seats.ts';
import { answerLine } from '../commands/answerLine.ts';
import { createTelephonyRepo, toSeat } from '../repositories/telephony.ts';
import { assertLineEventsPlausible } from '../limits.ts';

export async function telephonyRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;
  app.post('/api/telephony/events', { config: { roles: ['telephony'] }, bodyLimit: 1024 * 1024, schema: { tags: ['telephony'], body: TelephonyEventsBody, response: replies({ 200: TelephonyAccepted }, [...WRITE, 404]) } }, async (req) => {
    // Before anything is written: one implausible event refuses the whole batch.
    assertLineEventsPlausible(ctx.limits, req.body.events, deps.clock());
    return ingestLineEvents(deps, actorOf(req), req.body.events);
  });

  // The adapter's read-back: which lines the consoles answered (POST /api/seats/:seat/answer), so it can connect
  // them at the PBX. The adapter is the phone system: it knows the callers' numbers already.
  app.get('/api/telephony/lines', { config: { roles: ['telephony'] }, schema: { tags: ['telephony'], response: replies({ 200: z.array(LineStateSchema) }, READ) } }, async () =>
    (await createTelephonyRepo(deps.db).listLines()).map(({ lineId, state, attempt }) => ({ lineId, state, attempt })),
  );

  app.get('/api/seats', { config: { roles: ['dispatcher', 'command', 'admin'] }, schema: { tags: ['seats'], response: replies({ 200: z.array(SeatSchema) }, READ) } }, async () =>
    (await createTelephonyRepo(deps.db).listSeats()).map(toSeat),
  );
  app.post('/api/seats/sign-in', { config: { roles: ['dispatcher'] }, schema: { tags: ['seats'], body: SeatBody, response: replies({ 200: SeatSchema }, [...WRITE, 404, 409]) } }, async (req) =>
    toSeat(await signInSeat(deps, actorOf(req), userOf(req), req.body.seat)),
  );
  app.post('/api/seats/sign-out', { config: { roles: ['dispatcher'] }, schema: { tags: ['seats'], response: replies({ 200: SeatSchema }, [...WRITE, 409]) } }, async (req) =>
    toSeat(await signOutSeat(deps, actorOf(req), userOf(req))),
  );
  app.post('/api/seats/:seat/state', { config: { roles: ['dispatcher'] }, schema: { tags: ['seats'], params: SeatParams, body: SeatStateBody, response: replies({ 200: SeatSchema }, [...WRITE, 404, 409]) } }, async (req) =>
    toSeat(await setSeatState(deps, actorOf(req), userOf(req), req.params.seat, req.body.state)),
  );
  // One key at the console: the seat takes the longest-waiting caller (docs/telephony.md "Answering from the console").
  app.post('/api/seats/:seat/answer', { config: { roles: ['dispatcher'] }, schema: { tags: ['seats'], params: SeatParams, response: replies({ 200: AnsweredSchema }, [...WRITE, 404, 409]) } }, async (req) => {
    const { line, seat } = await answerLine(deps, actorOf(req), userOf(req), req.params.seat);
    return { line, seat: toSeat(seat) };
  });
}
