/** Health, client configuration and the demo's surge switch. */
import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { actorOf } from '../plugins/auth.ts';
import { switchSurge } from '../commands/switchSurge.ts';
import { readinessProblem, type ReadinessChecks } from '../plugins/health.ts';
import { buildSnapshot } from '../realtime/snapshot.ts';
import { loadNowStats } from '../queries/surgeStats.ts';

/** Who the readiness probe builds a snapshot for: a dispatcher seat, which sees the whole fleet. */
const PROBE = { id: 0, username: 'readiness-probe', displayName: 'readiness probe', role: 'dispatcher', hospitalId: null } as const;
const READINESS_TIMEOUT_MS = 3000;

export async function systemRoutes(app: App, ctx: AppContext): Promise<void> {
  // What the consoles and the alert monitor need: the dispatch snapshot (fleet, calls, hospitals) and the "now" figures.
  const readiness: ReadinessChecks = {
    snapshot: () => buildSnapshot(ctx.deps.db, PROBE, { kind: 'dispatch' }, ctx.deps.clock(), { degraded: false, demo: null, city: ctx.deps.city }),
    stats: () => loadNowStats(ctx.deps.db, ctx.deps.clock(), ctx.deps.city),
  };

  // Readiness (a load balancer's question): 503 with a reason while the database is away or the fleet cannot be shown.
  app.get('/healthz', { config: { roles: 'public' }, schema: { tags: ['system'] } }, async (req, reply) => {
    const dbUp = await ctx.database.ping(1500);
    const notReady = dbUp && !ctx.health.degraded ? await readinessProblem(readiness, READINESS_TIMEOUT_MS, req.log) : null;
    const degraded = !dbUp || ctx.health.degraded || notReady !== null;
    return reply.code(degraded ? 503 : 200).send({
      status: degraded ? 'degraded' : 'ok',
      database: { kind: ctx.database.kind, up: dbUp },
      reason: degraded ? (notReady ?? ctx.health.reason ?? 'database not answering') : null,
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
