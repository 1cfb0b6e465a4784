/** /api/transports: destination changes and the hospital's side of the handover loop. */
import { DeclineBody, IdParams, RerouteBody } from '@dispatch/shared';
import type { App, AppContext } from '../context.ts';
import { actorOf, requireOwnHospital, userOf } from '../plugins/auth.ts';
import { toTransport } from '../presenters/entities.ts';
import { createTransportRepo } from '../repositories/transports.ts';
import { rerouteTransport } from '../commands/rerouteTransport.ts';
import { respondToTransport } from '../commands/respondToTransport.ts';
import { recordArrival, recordHandover } from '../commands/unitProgress.ts';
import { notFound } from '../errors.ts';
import type { FastifyRequest } from 'fastify';

const HOSPITAL_SIDE = ['nurse', 'dispatcher', 'gateway'] as const;

export async function transportRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;

  /** A nurse may act only on patients inbound to her own hospital. */
  const checkScope = async (req: FastifyRequest, id: number) => {
    const row = await createTransportRepo(deps.db).get(id);
    if (!row) throw notFound('transport', id);
    requireOwnHospital(userOf(req), row.hospitalId);
  };

  app.post('/api/transports/:id/destination', { config: { roles: ['dispatcher'] }, schema: { tags: ['transports'], params: IdParams, body: RerouteBody } }, async (req) =>
    toTransport(await rerouteTransport(deps, actorOf(req), req.params.id, req.body)),
  );

  app.post('/api/transports/:id/accept', { config: { roles: ['nurse'] }, schema: { tags: ['transports'], params: IdParams } }, async (req) => {
    await checkScope(req, req.params.id);
    return toTransport(await respondToTransport(deps, actorOf(req), req.params.id, { kind: 'accept' }));
  });

  app.post('/api/transports/:id/decline', { config: { roles: ['nurse'] }, schema: { tags: ['transports'], params: IdParams, body: DeclineBody } }, async (req) => {
    await checkScope(req, req.params.id);
    return toTransport(await respondToTransport(deps, actorOf(req), req.params.id, { kind: 'decline', ...req.body }));
  });

  app.post('/api/transports/:id/arrive', { config: { roles: HOSPITAL_SIDE }, schema: { tags: ['transports'], params: IdParams } }, async (req) => {
    await checkScope(req, req.params.id);
    return toTransport(await recordArrival(deps, actorOf(req), req.params.id));
  });

  app.post('/api/transports/:id/handover', { config: { roles: HOSPITAL_SIDE }, schema: { tags: ['transports'], params: IdParams } }, async (req) => {
    await checkScope(req, req.params.id);
    return toTransport(await recordHandover(deps, actorOf(req), req.params.id));
  });
}
