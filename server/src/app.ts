/** Builds the Fastify app with Socket.IO on the same port; no listening, so tests can use port 0. */
import path from 'node:path';
import Fastify, { LogController } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { NO_CITY } from '@dispatch/shared';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { REPO_ROOT, type Env } from './env.ts';
import type { Database } from './db/client.ts';
import type { Deps } from './commands/deps.ts';
import { createSessionStore } from './auth/sessions.ts';
import { createOriginCheck, registerAuth } from './plugins/auth.ts';
import { registerInputHygiene } from './plugins/inputHygiene.ts';
import { isDatabaseDown, registerErrorHandler } from './plugins/errors.ts';
import { RealtimeHub } from './realtime/hub.ts';
import { HealthMonitor, registerWriteGate } from './plugins/health.ts';
import { registerIdempotency } from './plugins/idempotency.ts';
import { registerClientFiles } from './plugins/clientFiles.ts';
import { connectCluster, type ClusterLink } from './realtime/cluster.ts';
import { createSharedRateLimit } from './cluster/rateLimitStore.ts';
import { createLeadership } from './cluster/leadership.ts';
import { registerLeaderJobs } from './cluster/jobs.ts';
import type { AppContext } from './context.ts';
import { createEstimator } from './travel/estimators.ts';
import { createGeocoder } from './geocode/geocoders.ts';
import { watchCity } from './city/current.ts';
import { setCityTimeZone } from './city/calendar.ts';
import { listPlaces } from './repositories/places.ts';
import { callRoutes } from './routes/calls.ts';
import { unitRoutes } from './routes/units.ts';
import { crewRoutes } from './routes/crew.ts';
import { transportRoutes } from './routes/transports.ts';
import { hospitalRoutes } from './routes/hospitals.ts';
import { authRoutes } from './routes/auth.ts';
import { systemRoutes } from './routes/system.ts';
import { adminRoutes } from './routes/admin/index.ts';
import { statsRoutes } from './routes/stats.ts';
import { alertRoutes } from './routes/alerts.ts';
import { reportRoutes } from './routes/reports.ts';
import { interopRoutes } from './routes/interop.ts';
import { geocodeRoutes } from './routes/geocode.ts';
import { cityRoutes } from './routes/city.ts';
import { telephonyRoutes } from './routes/telephony.ts';
import { callbackRoutes } from './routes/callbacks.ts';
import { createAlertMonitor } from './monitor/alerts.ts';
import { inputLimits } from './limits.ts';
import { setSkipLog } from './presenters/skipping.ts';
import { clearFutureFixTimes } from './repositories/units.ts';
import { createMetrics } from './metrics/registry.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { passThroughSerializer, registerOpenApi } from './plugins/openapi.ts';

export interface BuildOptions {
  env: Env;
  database: Database;
  clock?: () => Date;
  logger?: boolean | object;
}

export interface RouteInfo {
  method: string;
  url: string;
  roles: readonly string[] | 'public' | undefined;
}

export async function buildApp(opts: BuildOptions) {
  const { env, database } = opts;
  const clock = opts.clock ?? (() => new Date());
  const app = Fastify({
    logger: opts.logger ?? { level: env.LOG_LEVEL },
    bodyLimit: 256 * 1024,
    // Behind a load balancer each dispatcher's own address (X-Forwarded-For) is rate-limited, not the balancer's.
    trustProxy: env.TRUST_PROXY,
    // Keep-alive connections must not hold a graceful shutdown hostage.
    forceCloseConnections: 'idle',
    // AVL batches and the simulator make a request log line per second worthless; failures and slow ones are logged below.
    logController: new LogController({ disableRequestLogging: true }),
    // Start-up waits for the database and Redis; on a loaded 2-core box 10 s was not always enough.
    pluginTimeout: 30_000,
  }).withTypeProvider<ZodTypeProvider>();
  const metrics = createMetrics();
  app.addHook('onResponse', async (request, reply) => {
    const ms = reply.elapsedTime;
    // The route pattern keeps the label set bounded; a URL that matched no route is one label.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ route, method: request.method, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ route, method: request.method }, ms / 1000);
    if (reply.statusCode >= 400 || ms > 500) {
      request.log.info({ method: request.method, url: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(ms) }, 'request');
    }
  });
  setSkipLog(app.log);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(passThroughSerializer);

  // Public by design: the built client's files (@fastify/static marks them with config.file) and
  // the API docs. Runs before the route table below records the roles.
  app.addHook('onRoute', (r) => {
    const config = r.config as { roles?: unknown; file?: unknown } | undefined;
    if (config?.roles === undefined && (config?.file !== undefined || r.url === '/docs' || r.url.startsWith('/docs/'))) {
      r.config = { ...config, roles: 'public' };
    }
  });
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: r.url, roles: (r.config as { roles?: RouteInfo['roles'] } | undefined)?.roles });
    }
  });

  const isOriginAllowed = createOriginCheck(env.ALLOWED_ORIGINS.split(',').map((s) => s.trim()));
  const sessions = createSessionStore(database.db, env.SESSION_TTL_HOURS, clock);
  let hub: RealtimeHub | null = null;
  const health = { degraded: false, reason: null as string | null };
  const monitor = new HealthMonitor({
    health,
    ping: (ms) => database.ping(ms),
    intervalMs: env.HEALTH_CHECK_MS,
    onChange: (degraded, reason) => hub?.setDegraded(degraded, reason),
    log: app.log,
  });
  const deps: Deps = {
    db: database.db,
    clock,
    estimator: createEstimator(env),
    // Replaced by the city watcher below before the server listens.
    city: NO_CITY,
    publish: (events) => {
      hub?.publish(events);
      alertMonitor.notice(events);
    },
  };
  const alertMonitor = createAlertMonitor(deps, {
    intervalMs: env.ALERT_MONITOR_INTERVAL_MS,
    log: app.log,
    onCheck: (ok) => metrics.alertMonitorRuns.inc({ outcome: ok ? 'ok' : 'failed' }),
  });
  // Work that must run once per deployment (the monitor, clean-ups) runs on the leader only: cluster/jobs.ts.
  const leadership = createLeadership({ url: database.kind === 'postgres' ? env.DATABASE_URL : undefined, log: app.log });
  registerLeaderJobs(leadership, { env, db: database.db, clock, alertMonitor, log: app.log });
  const geocoder = createGeocoder(env, () => listPlaces(database.db));
  const ctx: AppContext = {
    env,
    database,
    deps,
    sessions,
    hub: () => {
      if (!hub) throw new Error('realtime hub not started');
      return hub;
    },
    health,
    // The link is made in onReady (below); before that, and while it is down, readiness says so.
    redisPing: env.REDIS_URL
      ? async () => {
          if (!cluster) throw new Error('redis link not started');
          await cluster.ping();
        }
      : null,
    demo: null,
    alertMonitor,
    limits: inputLimits(env, null),
    leadership,
    // The loaded city's gazetteer (the places table the import fills).
    geocoder,
    metrics,
    city: watchCity({
      db: database.db,
      intervalMs: env.CITY_WATCH_MS,
      log: app.log,
      apply: async (city) => {
        deps.city = city;
        ctx.limits.city.bbox = city.bbox;
        setCityTimeZone(city.timeZone);
        await geocoder.reload();
      },
    }),
  };
  // Before anything is served: commands, snapshots and the door's bounds all read the loaded city.
  app.addHook('onReady', async () => ctx.city.refresh());
  app.addHook('onClose', async () => ctx.city.stop());

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // MapLibre runs its worker from a blob and draws with WebGL; styles are inline on the map canvas.
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'", 'ws:', 'wss:', ...(env.MAP_STYLE_URL ? [new URL(env.MAP_STYLE_URL, 'http://x').origin] : [])],
        scriptSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: env.COOKIE_SECURE === true,
  });
  // Writes are limited per user (or address): a runaway client cannot drown the centre. This hook
  // must come before the plugin's own onRoute hook, which reads config.rateLimit once per route.
  app.addHook('onRoute', (r) => {
    if (r.method !== 'GET' && r.method !== 'HEAD' && !(r.config as { rateLimit?: unknown } | undefined)?.rateLimit) {
      r.config = { ...(r.config ?? {}), rateLimit: { max: env.RATE_LIMIT_WRITES_PER_MIN, timeWindow: 60_000 } };
    }
  });
  // With REDIS_URL the counters are shared by every instance (cluster/rateLimitStore.ts).
  const sharedLimits = env.REDIS_URL ? createSharedRateLimit(env.REDIS_URL, env.REDIS_STREAM, app.log) : null;
  app.addHook('onReady', async () => sharedLimits?.ready());
  app.addHook('onClose', async () => sharedLimits?.close());
  await app.register(rateLimit, {
    global: false,
    // Route-level, so it runs after the auth hook: seats behind one address do not share a budget.
    keyGenerator: (req) => (req.user ? `user:${req.user.id}` : `ip:${req.ip}`),
    ...sharedLimits?.options,
  });
  registerErrorHandler(app, () => monitor.markDown());
  registerWriteGate(app, health);
  registerAuth(app, sessions, isOriginAllowed);
  registerInputHygiene(app);
  registerIdempotency(app, database.db, env.IDEMPOTENCY_TTL_HOURS, () => metrics.idempotencyReplays.inc());
  await registerOpenApi(app);

  metrics.setSources({
    isDegraded: () => health.degraded,
    socketsByRoom: () => hub?.socketsByRoom() ?? new Map(),
    pool: () => database.pool?.() ?? null,
  });
  for (const register of [metricsRoutes, systemRoutes, authRoutes, callRoutes, unitRoutes, transportRoutes, hospitalRoutes, adminRoutes, statsRoutes, alertRoutes, reportRoutes, interopRoutes, geocodeRoutes, cityRoutes, telephonyRoutes, callbackRoutes, crewRoutes]) {
    await register(app, ctx);
  }

  await registerClientFiles(app, env.CLIENT_DIST ?? path.join(REPO_ROOT, 'client', 'dist'));

  let cluster: ClusterLink | null = null;
  app.addHook('onReady', async () => {
    cluster = env.REDIS_URL ? await connectCluster(env.REDIS_URL, env.REDIS_STREAM, app.log) : null;
    hub = new RealtimeHub(app.server, {
      db: database.db,
      sessions,
      clock,
      log: app.log,
      isOriginAllowed,
      isDegraded: () => health.degraded,
      demo: () => ctx.demo?.get() ?? null,
      city: () => deps.city,
      adapter: cluster?.adapter,
      slowConsumer: { maxBytes: env.SLOW_CONSUMER_MAX_BYTES, maxPackets: env.SLOW_CONSUMER_MAX_PACKETS },
      heartbeatMs: env.LIVE_HEARTBEAT_MS,
      positionFrameMinMs: env.POSITION_FRAME_MIN_MS,
      metrics,
    });
    monitor.start();
  });
  app.addHook('onReady', async () => {
    // A unit frozen by a fix from the future (stored before the fix window) moves again from its next fix.
    const repaired = await clearFutureFixTimes(database.db, new Date(clock().getTime() + env.FIX_MAX_AHEAD_MS));
    if (repaired.length > 0) app.log.warn({ unitIds: repaired }, 'cleared fix times from the future; those units take their next fix');
  });
  app.addHook('onReady', async () => leadership.start());
  app.addHook('preClose', async () => {
    await leadership.stop();
    // Also waits for a check started by hand (tests call tick()).
    await alertMonitor.stop();
    monitor.stop();
    await hub?.close();
    await cluster?.close();
  });

  return { app, ctx, routes, isDatabaseDown };
}
