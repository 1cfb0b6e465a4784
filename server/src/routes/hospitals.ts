/** /api/hospitals: the list, capacity updates, and transfer requests. */
import { z } from 'zod';
import { CallSchema, HospitalDaySchema, HospitalSchema, StationSchema } from '@dispatch/shared';
import { READ, WRITE, replies } from '../plugins/openapi.ts';
import { CapacityBody, IdParams, TransferBody } from '@dispatch/shared';
import type { App, AppContext } from '../context.ts';
import { actorOf, requireOwnHospital, userOf } from '../plugins/auth.ts';
import { audienceOf, presentCall } from '../presenters/audience.ts';
import { toCall, toHospital, toStation } from '../presenters/entities.ts';
import { skipping } from '../presenters/skipping.ts';
import { createHospitalRepo } from '../repositories/hospitals.ts';
import { updateCapacity } from '../commands/updateCapacity.ts';
import { requestTransfer } from '../commands/requestTransfer.ts';
import { hospitalToday } from '../queries/hospitalDay.ts';
import { forbidden, notFound } from '../errors.ts';

const EVERYONE = ['dispatcher', 'nurse', 'command', 'admin'] as const;

export async function hospitalRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;
  app.get('/api/hospitals', { config: { roles: EVERYONE }, schema: { tags: ['hospitals'], response: replies({ 200: z.array(HospitalSchema) }, READ) } }, async () =>
    (await createHospitalRepo(deps.db).list()).flatMap(skipping('hospital', toHospital)),
  );

  app.get('/api/stations', { config: { roles: EVERYONE }, schema: { tags: ['hospitals'], response: replies({ 200: z.array(StationSchema) }, READ) } }, async () =>
    (await createHospitalRepo(deps.db).listStations()).flatMap(skipping('station', toStation)),
  );

  app.get('/api/hospitals/:id/today', { config: { roles: EVERYONE }, schema: { tags: ['hospitals'], params: IdParams, response: replies({ 200: HospitalDaySchema }, [...READ, 400, 404]) } }, async (req) => {
    requireOwnHospital(userOf(req), req.params.id);
    if (!(await createHospitalRepo(deps.db).get(req.params.id))) throw notFound('hospital', req.params.id);
    return hospitalToday(deps, req.params.id);
  });

  app.patch('/api/hospitals/:id/capacity', { config: { roles: ['nurse', 'admin'] }, schema: { tags: ['hospitals'], params: IdParams, body: CapacityBody, response: replies({ 200: HospitalSchema }, [...WRITE, 404, 409]) } }, async (req) => {
    requireOwnHospital(userOf(req), req.params.id);
    return toHospital(await updateCapacity(deps, actorOf(req), req.params.id, req.body));
  });

  app.post('/api/hospitals/:id/transfers', { config: { roles: ['nurse'] }, schema: { tags: ['hospitals'], params: IdParams, body: TransferBody, response: replies({ 201: CallSchema }, [...WRITE, 404, 409]) } }, async (req, reply) => {
    const user = userOf(req);
    requireOwnHospital(user, req.params.id);
    const audience = audienceOf(user);
    if (!audience) throw forbidden();
    const row = await requestTransfer(deps, actorOf(req), req.params.id, req.body);
    return reply.code(201).send(presentCall(audience, toCall(row)));
  });
}
