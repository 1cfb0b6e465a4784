/** /api/reports: the command group's daily report, as JSON (the printable page) and as CSV. */
import { DailyReportSchema } from '@dispatch/shared';
import { READ, replies, textReply } from '../plugins/openapi.ts';
import { DayQuery } from '@dispatch/shared';
import { cityToday } from '../city/calendar.ts';
import type { App, AppContext } from '../context.ts';
import { loadDailyReport } from '../queries/surgeStats.ts';
import { dailyReportCsv } from '../queries/dailyReportCsv.ts';

const REPORT_ROLES = ['command', 'admin'] as const;

export async function reportRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;
  const dayOf = (day: string | undefined) => day ?? cityToday(deps.clock()).day;

  app.get('/api/reports/daily', { config: { roles: REPORT_ROLES }, schema: { tags: ['reports'], querystring: DayQuery, response: replies({ 200: DailyReportSchema }, [...READ, 400]) } }, async (req) =>
    loadDailyReport(deps.db, dayOf(req.query.day), deps.clock()),
  );

  app.get('/api/reports/daily.csv', { config: { roles: REPORT_ROLES }, schema: { tags: ['reports'], querystring: DayQuery, response: replies({ 200: textReply('text/csv', 'The daily report as a spreadsheet') }, [...READ, 400]) } }, async (req, reply) => {
    const day = dayOf(req.query.day);
    const csv = dailyReportCsv(await loadDailyReport(deps.db, day, deps.clock()));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${deps.city.id || 'city'}-120-daily-${day}.csv"`)
      .send(csv);
  });
}
