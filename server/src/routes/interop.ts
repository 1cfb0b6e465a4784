/** /api/interop: hospital status as EDXL-HAVE 2.0 for regional systems, and call/transport times under NEMSIS v3 names. */
import { cityDayOf, DayQuery } from '@dispatch/shared';
import type { App, AppContext } from '../context.ts';
import { createHospitalRepo } from '../repositories/hospitals.ts';
import { loadNowStats } from '../queries/surgeStats.ts';
import { haveDocument } from '../queries/have.ts';
import { loadNemsisCsv } from '../queries/nemsis.ts';
import { readThresholds } from '../repositories/settings.ts';

export async function interopRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;

  app.get('/api/interop/have', { config: { roles: ['command', 'admin', 'gateway'] }, schema: { tags: ['interop'] } }, async (_req, reply) => {
    const [stats, hospitals, thresholds] = await Promise.all([loadNowStats(deps.db, deps.clock(), deps.city), createHospitalRepo(deps.db).list(), readThresholds(deps.db)]);
    const place = new Map(hospitals.map((h) => [h.id, h]));
    const facilities = stats.hospitals.map((h) => ({ ...h, lon: place.get(h.hospitalId)?.lon ?? 0, lat: place.get(h.hospitalId)?.lat ?? 0 }));
    return reply.type('application/xml; charset=utf-8').send(haveDocument(facilities, { offloadDelayedMinutes: thresholds.offloadAmberMinutes }));
  });

  app.get('/api/interop/nemsis.csv', { config: { roles: ['command', 'admin'] }, schema: { tags: ['interop'], querystring: DayQuery } }, async (req, reply) => {
    const day = req.query.day ?? cityDayOf(deps.clock()).day;
    return reply
      .type('text/csv; charset=utf-8')
      // TODO issue 11: name the file after the loaded city's id; a neutral product name until then.
      .header('content-disposition', `attachment; filename="120-dispatch-nemsis-times-${day}.csv"`)
      .send(await loadNemsisCsv(deps.db, day));
  });
}
