/** /api/admin/units and /api/admin/stations: the fleet and where it is based. Reads are /api/units and /api/stations. */
import { StationSchema, UnitSchema } from '@dispatch/shared';
import { WRITE, replies } from '../../plugins/openapi.ts';
import { IdParams, UpdateStationBody, UpdateUnitBody, UpsertStationBody, UpsertUnitBody } from '@dispatch/shared';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../plugins/auth.ts';
import { toStation, toUnit } from '../../presenters/entities.ts';
import { createUnit } from '../../commands/admin/createUnit.ts';
import { updateUnit } from '../../commands/admin/updateUnit.ts';
import { createStation } from '../../commands/admin/createStation.ts';
import { updateStation } from '../../commands/admin/updateStation.ts';
import { assertInCity } from '../../limits.ts';

const ADMIN = ['admin'] as const;

export async function adminFleetRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;
  app.post('/api/admin/units', { config: { roles: ADMIN }, schema: { tags: ['admin'], body: UpsertUnitBody, response: replies({ 201: UnitSchema }, [...WRITE, 409]) } }, async (req, reply) =>
    reply.code(201).send(toUnit(await createUnit(deps, actorOf(req), req.body))),
  );

  app.patch('/api/admin/units/:id', { config: { roles: ADMIN }, schema: { tags: ['admin'], params: IdParams, body: UpdateUnitBody, response: replies({ 200: UnitSchema }, [...WRITE, 404, 409]) } }, async (req) =>
    toUnit(await updateUnit(deps, actorOf(req), req.params.id, req.body)),
  );

  app.post('/api/admin/stations', { config: { roles: ADMIN }, schema: { tags: ['admin'], body: UpsertStationBody, response: replies({ 201: StationSchema }, [...WRITE, 409]) } }, async (req, reply) => {
    assertInCity(ctx.limits, req.body);
    return reply.code(201).send(toStation(await createStation(deps, actorOf(req), req.body)));
  });

  app.patch('/api/admin/stations/:id', { config: { roles: ADMIN }, schema: { tags: ['admin'], params: IdParams, body: UpdateStationBody, response: replies({ 200: StationSchema }, [...WRITE, 404, 409]) } }, async (req) => {
    assertInCity(ctx.limits, req.body);
    return toStation(await updateStation(deps, actorOf(req), req.params.id, req.body));
  });
}
