/** /api/interop: hospital status as EDXL-HAVE 2.0 for regional systems, and call/transport times under NEMSIS v3 names. */
import { READ, replies, textReply } from '../plugins/openapi.ts';
import { DayQuery } from '@dispatch/shared';
import { cityToday } from '../city/calendar.ts';
import type { App, AppContext } from '../context.ts';
import { createHospitalRepo } from '../repositories/hospitals.ts';
import { loadNowStats } from '../queries/surgeStats.ts';
import { haveDocument } from '../queries/have.ts';
import { loadNemsisCsv } from '../queries/nemsis.ts';
import { readThresholds } from '../repositories/settings.ts';

export async function interopRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;

  app.get('/api/interop/have', { config: { roles: ['command', 'admin', 'gateway'] }, schema: { tags: ['interop'], response: replies({ 200: textReply('application/xml', 'EDXL-HAVE 2.0 hospital status') }, READ) } }, async (_req, reply) => {
    const [stats, hospitals, thresholds] = await Promise.all([loadNowStats(deps.db, deps.clock(), deps.city), createHospitalRepo(deps.db).list(), readThresholds(deps.db)]);
    const place = new Map(hospitals.map((h) => [h.id, h]));
    const facilities = stats.hospitals.map((h) => ({ ...h, lon: place.get(h.hospitalId)?.lon ?? 0, lat: place.get(h.hospitalId)?.lat ?? 0 }));
    return reply.type('application/xml; charset=utf-8').send(haveDocument(facilities, { offloadDelayedMinutes: thresholds.offloadAmberMinutes, ...(deps.city.id ? { sender: { id: `${deps.city.id}-120`, name: `${deps.city.name.en} 120 Emergency Medical Dispatch Centre` } } : {}) }));
  });

  app.get('/api/interop/nemsis.csv', { config: { roles: ['command', 'admin'] }, schema: { tags: ['interop'], querystring: DayQuery, response: replies({ 200: textReply('text/csv', 'Call and transport times of one city day under NEMSIS v3 element names') }, [...READ, 400]) } }, async (req, reply) => {
    const day = req.query.day ?? cityToday(deps.clock()).day;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${deps.city.id || 'city'}-120-nemsis-times-${day}.csv"`)
      .send(await loadNemsisCsv(deps.db, day));
  });
}
