/** /api/reports: the command group's daily report, as JSON (the printable page) and as CSV. */
import { cityDayOf, DayQuery } from '@dispatch/shared';
import type { App, AppContext } from '../context.ts';
import { loadDailyReport } from '../queries/surgeStats.ts';
import { dailyReportCsv } from '../queries/dailyReportCsv.ts';

const REPORT_ROLES = ['command', 'admin'] as const;

export async function reportRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;
  const dayOf = (day: string | undefined) => day ?? cityDayOf(deps.clock()).day;

  app.get('/api/reports/daily', { config: { roles: REPORT_ROLES }, schema: { tags: ['reports'], querystring: DayQuery } }, async (req) =>
    loadDailyReport(deps.db, dayOf(req.query.day), deps.clock()),
  );

  app.get('/api/reports/daily.csv', { config: { roles: REPORT_ROLES }, schema: { tags: ['reports'], querystring: DayQuery } }, async (req, reply) => {
    const day = dayOf(req.query.day);
    const csv = dailyReportCsv(await loadDailyReport(deps.db, day, deps.clock()));
    return reply
      .type('text/csv; charset=utf-8')
      // TODO issue 11: name the file after the loaded city's id; a neutral product name until then.
      .header('content-disposition', `attachment; filename="120-dispatch-daily-${day}.csv"`)
      .send(csv);
  });
}
