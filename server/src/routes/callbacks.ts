/** /api/callbacks: callers who hung up before an answer, and the calls back to them; re-contact of a waiting call. */
import { audienceOf, CALLBACK_WINDOW_HOURS, callAttempts, callbackList, CallbackBody, CallbackListSchema, CallbackRecordSchema, CallSchema, IdParams, presentCallbackFor, RecontactBody } from '@dispatch/shared';
import type { App, AppContext } from '../context.ts';
import { READ, WRITE, replies } from '../plugins/openapi.ts';
import { actorOf, userOf } from '../plugins/auth.ts';
import { logCallback } from '../commands/logCallback.ts';
import { recontactCall } from '../commands/recontactCall.ts';
import { createCallbackRepo } from '../repositories/callbacks.ts';
import { presentCall } from '../presenters/audience.ts';
import { toCall } from '../presenters/entities.ts';
import { forbidden } from '../errors.ts';

export async function callbackRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;
  app.get('/api/callbacks', { config: { roles: ['dispatcher', 'command', 'admin'] }, schema: { tags: ['callbacks'], response: replies({ 200: CallbackListSchema }, READ) } }, async (req) => {
    const audience = audienceOf(userOf(req));
    if (!audience) throw forbidden();
    const now = deps.clock();
    const since = new Date(now.getTime() - CALLBACK_WINDOW_HOURS * 3600_000);
    const repo = createCallbackRepo(deps.db);
    const [events, made] = await Promise.all([repo.eventsOfUnansweredNumbers(since), repo.since(since)]);
    return callbackList(callAttempts(events), made, now).flatMap((entry) => {
      const shown = presentCallbackFor(audience, entry);
      return shown ? [{ ...shown, callbacks: shown.callbacks.flatMap((c) => presentCallbackFor(audience, c) ?? []) }] : [];
    });
  });
  app.post('/api/callbacks', { config: { roles: ['dispatcher'] }, schema: { tags: ['callbacks'], body: CallbackBody, response: replies({ 200: CallbackRecordSchema }, [...WRITE, 404, 409]) } }, async (req) =>
    logCallback(deps, actorOf(req), userOf(req), req.body),
  );
  app.post('/api/calls/:id/recontact', { config: { roles: ['dispatcher'] }, schema: { tags: ['calls'], params: IdParams, body: RecontactBody, response: replies({ 200: CallSchema }, [...WRITE, 404, 409]) } }, async (req) => {
    const audience = audienceOf(userOf(req));
    const call = toCall(await recontactCall(deps, actorOf(req), req.params.id, req.body));
    return audience ? presentCall(audience, call) : call;
  });
}
