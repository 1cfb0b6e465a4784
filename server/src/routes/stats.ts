/** /api/stats: the command group's "now" picture and its 15-minute trends. */
import { z } from 'zod';
import { CentreFiguresSchema, DISPATCHER_FIGURES_ROLES, DispatcherFigureSchema, NowStatsSchema, TrendsSchema } from '@dispatch/shared';
import { READ, replies } from '../plugins/openapi.ts';
import { DayQuery } from '@dispatch/shared';
import type { App, AppContext } from '../context.ts';
import { dayUpTo, last24h, loadNowStats, loadTrends } from '../queries/surgeStats.ts';
import { loadCentreFigures } from '../queries/centreFigures.ts';
import { loadDispatcherFigures } from '../queries/dispatcherFigures.ts';

export const STATS_ROLES = ['command', 'admin', 'dispatcher'] as const;

export async function statsRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;
  app.get('/api/stats/now', { config: { roles: STATS_ROLES }, schema: { tags: ['stats'], response: replies({ 200: NowStatsSchema }, READ) } }, async () =>
    loadNowStats(deps.db, deps.clock(), deps.city),
  );

  app.get('/api/stats/trends', { config: { roles: STATS_ROLES }, schema: { tags: ['stats'], querystring: DayQuery, response: replies({ 200: TrendsSchema }, [...READ, 400]) } }, async (req) => {
    const now = deps.clock();
    if (!req.query.day) {
      const { from, to } = last24h(now);
      return loadTrends(deps.db, from, to);
    }
    const { window, until } = dayUpTo(req.query.day, now);
    return loadTrends(deps.db, window.from, until);
  });

  app.get('/api/stats/centre', { config: { roles: STATS_ROLES }, schema: { tags: ['stats'], querystring: DayQuery, response: replies({ 200: CentreFiguresSchema }, [...READ, 400]) } }, async (req) =>
    loadCentreFigures(deps.db, deps.clock(), deps.city, req.query.day),
  );

  app.get('/api/stats/dispatchers', { config: { roles: DISPATCHER_FIGURES_ROLES }, schema: { tags: ['stats'], querystring: DayQuery, response: replies({ 200: z.array(DispatcherFigureSchema) }, [...READ, 400]) } }, async (req) =>
    loadDispatcherFigures(deps.db, deps.clock(), req.query.day),
  );
}
