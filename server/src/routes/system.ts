/** Health, client configuration and the demo's surge switch. */
import { ClientConfig, DemoStateSchema, Liveness, Readiness } from '@dispatch/shared';
import { WRITE, replies } from '../plugins/openapi.ts';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { REPO_ROOT } from '../env.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { actorOf } from '../plugins/auth.ts';
import { switchSurge } from '../commands/switchSurge.ts';
import { readinessProblem, type ReadinessChecks } from '../plugins/health.ts';
import { buildSnapshotBody } from '../realtime/snapshot.ts';
import { loadNowStats } from '../queries/surgeStats.ts';

/** Who the readiness probe builds a snapshot for: a dispatcher seat, which sees the whole fleet. */
const READINESS_TIMEOUT_MS = 3000;

/** How many migrations this build ships: an instance on an older schema than its code must not take traffic. */
function shippedMigrations(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/** Rows from db.execute: postgres-js answers an array, PGlite an object with rows. */
function rowsOf(result: unknown): Array<Record<string, unknown>> {
  return (Array.isArray(result) ? result : (result as { rows: Array<Record<string, unknown>> }).rows) as Array<Record<string, unknown>>;
}

export async function systemRoutes(app: App, ctx: AppContext): Promise<void> {
  // What the consoles and the alert monitor need: the dispatch snapshot (fleet, calls, hospitals) and the "now" figures.
  const readiness: ReadinessChecks = {
    snapshot: () => buildSnapshotBody(ctx.deps.db, { kind: 'dispatch' }, ctx.deps.clock(), { degraded: false, demo: null, city: ctx.deps.city }),
    stats: () => loadNowStats(ctx.deps.db, ctx.deps.clock(), ctx.deps.city),
  };

  const shipped = shippedMigrations();
  readiness.migrations = async () => {
    const rows = rowsOf(await ctx.deps.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    const applied = Number(rows[0]?.n ?? 0);
    if (applied < shipped) throw new Error(`${applied} of ${shipped} migrations applied`);
  };
  if (ctx.redisPing) readiness.redis = ctx.redisPing;

  // Liveness (a supervisor's question): the process answers. Never touches the database or Redis, so a
  // database outage does not get every instance restarted by its liveness probe.
  app.get('/livez', { config: { roles: 'public' }, schema: { tags: ['system'], response: { 200: Liveness } } }, async () => ({
    status: 'ok' as const,
    uptimeS: Math.round(process.uptime()),
  }));

  // Readiness (a load balancer's question): 503 with a reason while the database is away, the schema is
  // behind the code, Redis (when configured) does not answer, or the fleet cannot be shown.
  const ready = async (req: FastifyRequest, reply: FastifyReply) => {
    const dbUp = await ctx.database.ping(1500);
    const notReady = dbUp && !ctx.health.degraded ? await readinessProblem(readiness, READINESS_TIMEOUT_MS, req.log) : null;
    const degraded = !dbUp || ctx.health.degraded || notReady !== null;
    return reply.code(degraded ? 503 : 200).send({
      status: degraded ? 'degraded' : 'ok',
      database: { kind: ctx.database.kind, up: dbUp },
      reason: degraded ? (notReady ?? ctx.health.reason ?? 'database not answering') : null,
      uptimeS: Math.round(process.uptime()),
    });
  };
  app.get('/readyz', { config: { roles: 'public' }, schema: { tags: ['system'], response: { 200: Readiness, 503: Readiness } } }, ready);
  // The older name, kept for existing probes and the bench: the same readiness answer.
  app.get('/healthz', { config: { roles: 'public' }, schema: { tags: ['system'], response: { 200: Readiness, 503: Readiness } } }, ready);

  app.get('/api/config', { config: { roles: 'public' }, schema: { tags: ['system'], response: { 200: ClientConfig } } }, async () => ({
    mapStyleUrl: ctx.env.MAP_STYLE_URL ?? null,
    demo: ctx.demo !== null,
  }));

  app.post(
    '/api/demo/surge',
    { config: { roles: ['command', 'admin'] }, schema: { tags: ['system'], body: z.object({ on: z.boolean() }), response: replies({ 200: DemoStateSchema }, [...WRITE, 409]) } },
    async (req) => {
      if (!ctx.demo) throw new AppError(409, 'NO_DEMO', 'the simulator is not running (DEMO=off)');
      return switchSurge(ctx.deps, actorOf(req), ctx.demo, req.body.on);
    },
  );
}
