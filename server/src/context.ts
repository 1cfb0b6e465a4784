/** Everything a route module needs, built once in app.ts. */
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from './commands/deps.ts';
import type { Database } from './db/client.ts';
import type { Env } from './env.ts';
import type { SessionStore } from './auth/sessions.ts';
import type { RealtimeHub } from './realtime/hub.ts';
import type { Snapshot } from '@dispatch/shared';
import type { AlertMonitor } from './monitor/alerts.ts';
import type { InputLimits } from './limits.ts';
import type { Leadership } from './cluster/leadership.ts';
import type { Geocoder } from './geocode/geocoders.ts';
import type { CityWatcher } from './city/current.ts';
import type { Metrics } from './metrics/registry.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface AppContext {
  env: Env;
  database: Database;
  deps: Deps;
  sessions: SessionStore;
  hub: () => RealtimeHub;
  health: { degraded: boolean; reason: string | null };
  /** With REDIS_URL: PING the cluster link (readiness); null when the instance runs alone. */
  redisPing: (() => Promise<void>) | null;
  /** The demo simulator's switch, when the demo runs. */
  demo: { get(): Snapshot['demo']; setSurge(on: boolean): void } | null;
  /** The surge alert monitor; tests call its tick() directly. */
  alertMonitor: AlertMonitor;
  /** Plausibility limits that depend on the city and the clock: coordinates, fix times. */
  limits: InputLimits;
  /** Whether this instance runs the once-per-deployment jobs; `isLeader()` / `onChange` for metrics. */
  leadership: Leadership;
  /** Address search behind the intake form (GEOCODER); reload() after the places change. */
  geocoder: Geocoder;
  /** The loaded city's watcher: refresh() after an import here; other instances notice within CITY_WATCH_MS. */
  city: CityWatcher;
  /** This instance's Prometheus registry and series (GET /metrics). */
  metrics: Metrics;
}
