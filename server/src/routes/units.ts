/** /api/units: the fleet, status changes, and AVL position batches. */
import { z } from 'zod';
import { PositionsAccepted, UnitSchema } from '@dispatch/shared';
import { READ, WRITE, replies } from '../plugins/openapi.ts';
import { IdParams, PositionsBody, UnitStatusBody } from '@dispatch/shared';
import type { App, AppContext } from '../context.ts';
import { actorOf } from '../plugins/auth.ts';
import { toUnit } from '../presenters/entities.ts';
import { presentOne, skipping } from '../presenters/skipping.ts';
import { createUnitRepo } from '../repositories/units.ts';
import { setUnitStatus } from '../commands/unitProgress.ts';
import { ingestPositions } from '../commands/ingestPositions.ts';
import { notFound } from '../errors.ts';
import { assertFixesPlausible } from '../limits.ts';

export async function unitRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;
  app.get('/api/units', { config: { roles: ['dispatcher', 'command', 'admin'] }, schema: { tags: ['units'], response: replies({ 200: z.array(UnitSchema) }, READ) } }, async () =>
    (await createUnitRepo(deps.db).list()).flatMap(skipping('unit', toUnit)),
  );

  app.get('/api/units/:id', { config: { roles: ['dispatcher', 'command', 'admin'] }, schema: { tags: ['units'], params: IdParams, response: replies({ 200: UnitSchema }, [...READ, 400, 404, 409]) } }, async (req) => {
    const row = await createUnitRepo(deps.db).get(req.params.id);
    if (!row) throw notFound('unit', req.params.id);
    return presentOne('unit', row, toUnit);
  });

  app.post('/api/units/:id/status', { config: { roles: ['dispatcher', 'gateway'] }, schema: { tags: ['units'], params: IdParams, body: UnitStatusBody, response: replies({ 200: UnitSchema }, [...WRITE, 404, 409]) } }, async (req) =>
    toUnit(await setUnitStatus(deps, actorOf(req), req.params.id, req.body.status)),
  );

  app.post('/api/units/positions', { config: { roles: ['gateway'] }, bodyLimit: 1024 * 1024, schema: { tags: ['units'], body: PositionsBody, response: replies({ 200: PositionsAccepted }, WRITE) } }, async (req) => {
    // Before anything is written: one implausible fix refuses the whole batch.
    assertFixesPlausible(ctx.limits, req.body.fixes, deps.clock());
    return ingestPositions(deps, ctx.hub().positions, req.body.fixes);
  });
}
