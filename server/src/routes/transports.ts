/** /api/transports: destination changes and the hospital's side of the handover loop. */
import { z } from 'zod';
import { seesTransport, TransportSchema, VitalsReadingSchema } from '@dispatch/shared';
import { READ, WRITE, replies } from '../plugins/openapi.ts';
import { DeclineBody, IdParams, RerouteBody } from '@dispatch/shared';
import type { App, AppContext } from '../context.ts';
import { actorOf, userOf } from '../plugins/auth.ts';
import { audienceOf } from '../presenters/audience.ts';
import { forbidden, notFound } from '../errors.ts';
import { createCallRepo } from '../repositories/calls.ts';
import { createCrewRepo } from '../repositories/crew.ts';
import { createTransportRepo } from '../repositories/transports.ts';
import { toTransport } from '../presenters/entities.ts';
import { rerouteTransport } from '../commands/rerouteTransport.ts';
import { respondToTransport } from '../commands/respondToTransport.ts';
import { recordArrival, recordHandover } from '../commands/unitProgress.ts';

const HOSPITAL_SIDE = ['nurse', 'dispatcher', 'gateway'] as const;
/** Every transport step answers the transport after it. */
const TRANSPORT_REPLIES = replies({ 200: TransportSchema }, [...WRITE, 404, 409]);

export async function transportRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;

  // A nurse acts only on patients bound for her own hospital: each command checks that against the
  // transport row it has locked, so a re-route committed a moment earlier cannot slip past.
  app.post('/api/transports/:id/destination', { config: { roles: ['dispatcher'] }, schema: { tags: ['transports'], params: IdParams, body: RerouteBody, response: TRANSPORT_REPLIES } }, async (req) =>
    toTransport(await rerouteTransport(deps, actorOf(req), req.params.id, req.body)),
  );

  app.post('/api/transports/:id/accept', { config: { roles: ['nurse'] }, schema: { tags: ['transports'], params: IdParams, response: TRANSPORT_REPLIES } }, async (req) => {
    return toTransport(await respondToTransport(deps, actorOf(req), req.params.id, { kind: 'accept' }));
  });

  app.post('/api/transports/:id/decline', { config: { roles: ['nurse'] }, schema: { tags: ['transports'], params: IdParams, body: DeclineBody, response: TRANSPORT_REPLIES } }, async (req) => {
    return toTransport(await respondToTransport(deps, actorOf(req), req.params.id, { kind: 'decline', ...req.body }));
  });

  app.post('/api/transports/:id/arrive', { config: { roles: HOSPITAL_SIDE }, schema: { tags: ['transports'], params: IdParams, response: TRANSPORT_REPLIES } }, async (req) => {
    return toTransport(await recordArrival(deps, actorOf(req), req.params.id));
  });

  // The crew's vitals for a transport, newest first: the ED's trend and the dispatcher's call panel. Staff of a
  // hospital that does not follow the transport are told it does not exist (as for a call).
  app.get('/api/transports/:id/vitals', { config: { roles: ['dispatcher', 'command', 'admin', 'nurse'] }, schema: { tags: ['transports'], params: IdParams, response: replies({ 200: z.array(VitalsReadingSchema) }, [...READ, 400, 404]) } }, async (req) => {
    const audience = audienceOf(userOf(req));
    if (!audience) throw forbidden();
    const transport = await createTransportRepo(deps.db).get(req.params.id);
    const call = transport ? await createCallRepo(deps.db).get(transport.callId) : undefined;
    if (!transport || !seesTransport(audience, toTransport(transport), call)) throw notFound('transport', req.params.id);
    return createCrewRepo(deps.db).vitalsOf(transport.id);
  });

  app.post('/api/transports/:id/handover', { config: { roles: HOSPITAL_SIDE }, schema: { tags: ['transports'], params: IdParams, response: TRANSPORT_REPLIES } }, async (req) => {
    return toTransport(await recordHandover(deps, actorOf(req), req.params.id));
  });
}
