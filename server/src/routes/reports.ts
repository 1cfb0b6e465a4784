/** /api/reports: the command group's daily report, as JSON (the printable page) and as CSV. */
import { DailyReportSchema } from '@dispatch/shared';
import { READ, replies, textReply } from '../plugins/openapi.ts';
import { DayQuery, mayViewDispatcherFigures, type Role } from '@dispatch/shared';
import { cityToday } from '../city/calendar.ts';
import type { App, AppContext } from '../context.ts';
import { loadDailyReport } from '../queries/surgeStats.ts';
import { dailyReportCsv } from '../queries/dailyReportCsv.ts';
import { loadCentreFigures, readDayLog } from '../queries/centreFigures.ts';
import { loadDispatcherFigures } from '../queries/dispatcherFigures.ts';
import { userOf } from '../plugins/auth.ts';

const REPORT_ROLES = ['command', 'admin'] as const;

export async function reportRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;
  const dayOf = (day: string | undefined) => day ?? cityToday(deps.clock()).day;
  // The centre's figures and, for the command group, each dispatcher's, beside the day's calls and hospitals.
  const reportFor = async (day: string, role: Role) => {
    const now = deps.clock();
    const log = await readDayLog(deps.db, now, day);
    const [centre, dispatchers] = await Promise.all([loadCentreFigures(deps.db, now, deps.city, day, log), mayViewDispatcherFigures(role) ? loadDispatcherFigures(deps.db, now, day, log) : null]);
    return loadDailyReport(deps.db, day, now, { centre, dispatchers });
  };

  app.get('/api/reports/daily', { config: { roles: REPORT_ROLES }, schema: { tags: ['reports'], querystring: DayQuery, response: replies({ 200: DailyReportSchema }, [...READ, 400]) } }, async (req) =>
    reportFor(dayOf(req.query.day), userOf(req).role),
  );

  app.get('/api/reports/daily.csv', { config: { roles: REPORT_ROLES }, schema: { tags: ['reports'], querystring: DayQuery, response: replies({ 200: textReply('text/csv', 'The daily report as a spreadsheet') }, [...READ, 400]) } }, async (req, reply) => {
    const day = dayOf(req.query.day);
    const csv = dailyReportCsv(await reportFor(day, userOf(req).role));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${deps.city.id || 'city'}-120-daily-${day}.csv"`)
      .send(csv);
  });
}
