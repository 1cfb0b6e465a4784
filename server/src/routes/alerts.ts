/** /api/alerts and /api/settings/thresholds: the surge alerts, their acknowledgement and history, and the thresholds behind them. */
import { z } from 'zod';
import { AlertSchema, ThresholdsSchema } from '@dispatch/shared';
import { READ, WRITE, replies } from '../plugins/openapi.ts';
import { AlertsQuery, IdParams, ThresholdsBody } from '@dispatch/shared';
import type { App, AppContext } from '../context.ts';
import { actorOf, userOf } from '../plugins/auth.ts';
import { toAlert } from '../presenters/entities.ts';
import { skipping } from '../presenters/skipping.ts';
import { acknowledgeAlert } from '../commands/acknowledgeAlert.ts';
import { changeThresholds } from '../commands/changeThresholds.ts';
import { createAlertRepo } from '../repositories/alerts.ts';
import { readThresholds } from '../repositories/settings.ts';
import { invalid } from '../errors.ts';

export async function alertRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;

  app.get('/api/alerts', { config: { roles: ['command', 'admin', 'dispatcher'] }, schema: { tags: ['alerts'], querystring: AlertsQuery, response: replies({ 200: z.array(AlertSchema) }, [...READ, 400]) } }, async (req) => {
    const to = req.query.to ? new Date(req.query.to) : deps.clock();
    const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 24 * 3600_000);
    if (from.getTime() > to.getTime()) throw invalid('from', 'must not be after to');
    return (await createAlertRepo(deps.db).listOverlapping(from, to)).flatMap(skipping('alert', toAlert));
  });

  app.post('/api/alerts/:id/ack', { config: { roles: ['command', 'dispatcher'] }, schema: { tags: ['alerts'], params: IdParams, response: replies({ 200: AlertSchema }, [...WRITE, 404, 409]) } }, async (req) =>
    toAlert(await acknowledgeAlert(deps, actorOf(req), req.params.id, userOf(req).displayName)),
  );

  app.get('/api/settings/thresholds', { config: { roles: ['dispatcher', 'nurse', 'command', 'admin'] }, schema: { tags: ['alerts'], response: replies({ 200: ThresholdsSchema }, READ) } }, async () =>
    readThresholds(deps.db),
  );

  app.put('/api/settings/thresholds', { config: { roles: ['command', 'admin'] }, schema: { tags: ['alerts'], body: ThresholdsBody, response: replies({ 200: ThresholdsSchema }, WRITE) } }, async (req) =>
    changeThresholds(deps, actorOf(req), req.body),
  );
}
