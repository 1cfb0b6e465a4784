/** Health, client configuration and the demo's surge switch. */
import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { actorOf } from '../plugins/auth.ts';
import { switchSurge } from '../commands/switchSurge.ts';

export async function systemRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/healthz', { config: { roles: 'public' }, schema: { tags: ['system'] } }, async (_req, reply) => {
    const dbUp = await ctx.database.ping(1500);
    const degraded = !dbUp || ctx.health.degraded;
    return reply.code(degraded ? 503 : 200).send({
      status: degraded ? 'degraded' : 'ok',
      database: { kind: ctx.database.kind, up: dbUp },
      reason: degraded ? (ctx.health.reason ?? 'database not answering') : null,
      uptimeS: Math.round(process.uptime()),
    });
  });

  app.get('/api/config', { config: { roles: 'public' }, schema: { tags: ['system'] } }, async () => ({
    mapStyleUrl: ctx.env.MAP_STYLE_URL ?? null,
    demo: ctx.demo !== null,
  }));

  app.post(
    '/api/demo/surge',
    { config: { roles: ['command', 'admin'] }, schema: { tags: ['system'], body: z.object({ on: z.boolean() }) } },
    async (req) => {
      if (!ctx.demo) throw new AppError(409, 'NO_DEMO', 'the simulator is not running (DEMO=off)');
      return switchSurge(ctx.deps, actorOf(req), ctx.demo, req.body.on);
    },
  );
}
