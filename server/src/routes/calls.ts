/** /api/calls: intake, queue, assignment, suggestions. */
import { Assignment, CallSchema, CallSuggestions, CallWithTransports, CallerHistorySchema, RepeatsAndDuplicates } from '@dispatch/shared';
import { READ, WRITE, replies } from '../plugins/openapi.ts';
import { z } from 'zod';
import {
  AssignBody,
  CALLER_HISTORY,
  CallerHistoryQuery,
  CallStatusBody,
  callerHistory,
  nearbyRadiusM,
  phoneSpellings,
  seesCallerHistory,
  CreateCallBody,
  DuplicateQuery,
  IdParams,
  MergeCallBody,
  UpdateCallBody,
  findRepeatsAndDuplicates,
  type ClinicalClass,
} from '@dispatch/shared';
import type { App, AppContext } from '../context.ts';
import { actorOf, userOf } from '../plugins/auth.ts';
import { audienceOf, presentCall } from '../presenters/audience.ts';
import { toCall, toTransport, toUnit } from '../presenters/entities.ts';
import { skipping } from '../presenters/skipping.ts';
import { createCall } from '../commands/createCall.ts';
import { updateCall } from '../commands/updateCall.ts';
import { setCallStatus } from '../commands/setCallStatus.ts';
import { mergeCall } from '../commands/mergeCall.ts';
import { assignUnit } from '../commands/assignUnit.ts';
import { createCallRepo } from '../repositories/calls.ts';
import { createTransportRepo } from '../repositories/transports.ts';
import { createTelephonyRepo } from '../repositories/telephony.ts';
import { notFound, forbidden } from '../errors.ts';
import { suggestForCall } from '../queries/suggestions.ts';
import { assertInCity } from '../limits.ts';
import { seesCall, seesTransport, type SessionUser } from '@dispatch/shared';
import type { CallRow } from '../repositories/calls.ts';

const DISPATCH = ['dispatcher'] as const;
const READERS = ['dispatcher', 'command', 'admin', 'nurse'] as const;

export async function callRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;
  const present = (user: SessionUser, row: CallRow) => {
    const audience = audienceOf(user);
    if (!audience) throw forbidden();
    return presentCall(audience, toCall(row));
  };

  app.get('/api/calls', { config: { roles: ['dispatcher', 'command', 'admin'] }, schema: { tags: ['calls'], querystring: z.object({ open: z.enum(['true', 'false']).optional() }), response: replies({ 200: z.array(CallSchema) }, [...READ, 400]) } }, async (req) => {
    const user = userOf(req);
    const rows = req.query.open === 'true' ? await createCallRepo(deps.db).listOpen() : await createCallRepo(deps.db).listLive(new Date(deps.clock().getTime() - 3600_000));
    return rows.flatMap(skipping('call', (r: CallRow) => present(user, r)));
  });

  app.get('/api/calls/:id', { config: { roles: READERS }, schema: { tags: ['calls'], params: IdParams, response: replies({ 200: CallWithTransports }, [...READ, 400, 404]) } }, async (req) => {
    const user = userOf(req);
    const row = await createCallRepo(deps.db).get(req.params.id);
    if (!row) throw notFound('call', req.params.id);
    const transports = (await createTransportRepo(deps.db).forCalls([row.id])).map(toTransport);
    const audience = audienceOf(user);
    if (!audience) throw forbidden();
    // A nurse may not even learn that another hospital's call exists.
    if (!seesCall(audience, row, transports)) throw notFound('call', req.params.id);
    // A call may have units bound for several hospitals; staff see only their own, unless their
    // hospital sent or asked for the patient (a transfer), when the whole journey is theirs.
    const visible = transports.filter((t) => seesTransport(audience, t, row));
    return { call: present(user, row), transports: visible };
  });

  app.post('/api/calls', { config: { roles: DISPATCH }, schema: { tags: ['calls'], body: CreateCallBody, response: replies({ 201: CallSchema }, [...WRITE, 409]) } }, async (req, reply) => {
    assertInCity(ctx.limits, req.body);
    const row = await createCall(deps, actorOf(req), req.body);
    return reply.code(201).send(present(userOf(req), row));
  });

  app.patch('/api/calls/:id', { config: { roles: DISPATCH }, schema: { tags: ['calls'], params: IdParams, body: UpdateCallBody, response: replies({ 200: CallSchema }, [...WRITE, 404, 409]) } }, async (req) => {
    assertInCity(ctx.limits, req.body);
    return present(userOf(req), await updateCall(deps, actorOf(req), req.params.id, req.body));
  });

  app.post('/api/calls/:id/status', { config: { roles: DISPATCH }, schema: { tags: ['calls'], params: IdParams, body: CallStatusBody, response: replies({ 200: CallSchema }, [...WRITE, 404, 409]) } }, async (req) =>
    present(userOf(req), await setCallStatus(deps, actorOf(req), req.params.id, req.body)),
  );

  app.post('/api/calls/:id/merge', { config: { roles: DISPATCH }, schema: { tags: ['calls'], params: IdParams, body: MergeCallBody, response: replies({ 200: CallSchema }, [...WRITE, 404, 409]) } }, async (req) =>
    present(userOf(req), await mergeCall(deps, actorOf(req), req.params.id, req.body.intoCallId)),
  );

  app.post('/api/calls/:id/assign', { config: { roles: DISPATCH }, schema: { tags: ['calls'], params: IdParams, body: AssignBody, response: replies({ 201: Assignment }, [...WRITE, 404, 409]) } }, async (req, reply) => {
    const result = await assignUnit(deps, actorOf(req), req.params.id, req.body);
    // The timeline shows a standard unit on the call; the log says it was sent knowingly as first responder.
    if (result.firstResponder) req.log.info({ callId: result.call.id, unitId: result.unit.id, clinicalClass: result.call.clinicalClass }, 'first responder sent: no critical-care unit free');
    return reply.code(201).send({ call: present(userOf(req), result.call), unit: toUnit(result.unit), transport: toTransport(result.transport) });
  });

  app.get('/api/calls/:id/suggestions', { config: { roles: ['dispatcher', 'command'] }, schema: { tags: ['calls'], params: IdParams, response: replies({ 200: CallSuggestions }, [...READ, 400, 404]) } }, async (req) => {
    const row = await createCallRepo(deps.db).get(req.params.id);
    if (!row) throw notFound('call', req.params.id);
    const declinedBy = await createTransportRepo(deps.db).declinedBy(row.id);
    return suggestForCall(deps, { lon: row.lon, lat: row.lat, clinicalClass: row.clinicalClass as ClinicalClass, needsBed: row.flags.needsBed === true }, declinedBy);
  });

  app.get('/api/calls/history', { config: { roles: DISPATCH }, schema: { tags: ['calls'], querystring: CallerHistoryQuery, response: replies({ 200: CallerHistorySchema }, [...READ, 400]) } }, async (req) => {
    const audience = audienceOf(userOf(req));
    if (!audience || !seesCallerHistory(audience)) throw forbidden();
    const now = deps.clock();
    const { number, lon, lat, accuracyM, before } = req.query;
    const since = new Date(now.getTime() - CALLER_HISTORY.lookbackDays * 86_400_000);
    const spellings = phoneSpellings(number);
    const where = lon !== undefined && lat !== undefined ? { lon, lat } : null;
    const radiusM = nearbyRadiusM(accuracyM);
    const repo = createCallRepo(deps.db);
    const [fromNumber, open, rings] = await Promise.all([
      repo.fromNumber(spellings, since),
      where ? repo.listOpen() : Promise.resolve([]),
      createTelephonyRepo(deps.db).ringsFrom(spellings.filter((s) => /^\+?[0-9]+$/.test(s)), since, before ? new Date(before) : now),
    ]);
    const history = callerHistory(number, where, radiusM, [...fromNumber, ...open].map(toCall));
    return { number, earlierCalls: history.earlierCalls.map((c) => presentCall(audience, c)), rings, nearby: history.nearby.map((c) => presentCall(audience, c)), radiusM };
  });

  app.get('/api/calls/check', { config: { roles: DISPATCH }, schema: { tags: ['calls'], querystring: DuplicateQuery, response: replies({ 200: RepeatsAndDuplicates }, [...READ, 400]) } }, async (req) => {
    const now = deps.clock();
    const recent = (await createCallRepo(deps.db).receivedSince(new Date(now.getTime() - 6 * 3600_000))).map(toCall);
    return findRepeatsAndDuplicates({ callerPhone: req.query.phone, lon: req.query.lon, lat: req.query.lat }, recent, now);
  });
}
