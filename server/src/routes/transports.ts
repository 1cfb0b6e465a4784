/** /api/transports: destination changes and the hospital's side of the handover loop. */
import { TransportSchema } from '@dispatch/shared';
import { WRITE, replies } from '../plugins/openapi.ts';
import { DeclineBody, IdParams, RerouteBody } from '@dispatch/shared';
import type { App, AppContext } from '../context.ts';
import { actorOf } from '../plugins/auth.ts';
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

  app.post('/api/transports/:id/handover', { config: { roles: HOSPITAL_SIDE }, schema: { tags: ['transports'], params: IdParams, response: TRANSPORT_REPLIES } }, async (req) => {
    return toTransport(await recordHandover(deps, actorOf(req), req.params.id));
  });
}
