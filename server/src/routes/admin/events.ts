/** /api/admin/events: the audit trail, filtered by user, entity, entity id and time. */
import { z } from 'zod';
import { AuditEventSchema } from '@dispatch/shared';
import { READ, replies } from '../../plugins/openapi.ts';
import { EventsQuery } from '@dispatch/shared';
import type { App, AppContext } from '../../context.ts';
import { readAuditLog } from '../../queries/auditLog.ts';

export async function adminEventRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/admin/events', { config: { roles: ['admin'] }, schema: { tags: ['admin'], querystring: EventsQuery, response: replies({ 200: z.array(AuditEventSchema) }, [...READ, 400]) } }, async (req) =>
    readAuditLog(ctx.deps.db, req.query),
  );
}
