/** /api/admin/hospitals: code, names, kind and location. Capacity is the hospital staff's own route. */
import { HospitalSchema } from '@dispatch/shared';
import { WRITE, replies } from '../../plugins/openapi.ts';
import { IdParams, UpdateHospitalBody, UpsertHospitalBody } from '@dispatch/shared';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../plugins/auth.ts';
import { toHospital } from '../../presenters/entities.ts';
import { createHospital } from '../../commands/admin/createHospital.ts';
import { updateHospital } from '../../commands/admin/updateHospital.ts';
import { assertInCity } from '../../limits.ts';

const ADMIN = ['admin'] as const;

export async function adminHospitalRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;
  app.post('/api/admin/hospitals', { config: { roles: ADMIN }, schema: { tags: ['admin'], body: UpsertHospitalBody, response: replies({ 201: HospitalSchema }, [...WRITE, 409]) } }, async (req, reply) => {
    assertInCity(ctx.limits, req.body);
    return reply.code(201).send(toHospital(await createHospital(deps, actorOf(req), req.body)));
  });

  app.patch('/api/admin/hospitals/:id', { config: { roles: ADMIN }, schema: { tags: ['admin'], params: IdParams, body: UpdateHospitalBody, response: replies({ 200: HospitalSchema }, [...WRITE, 404, 409]) } }, async (req) => {
    assertInCity(ctx.limits, req.body);
    return toHospital(await updateHospital(deps, actorOf(req), req.params.id, req.body));
  });
}
