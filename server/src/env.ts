/** The one place that reads process.env; validated at start-up. */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

/** proxy-addr's names for address ranges, accepted beside addresses and CIDRs. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isAddressOrCidr = (s: string) => {
  if (RANGE_NAMES.has(s)) return true;
  const [ip, bits, ...rest] = s.split('/');
  const family = net.isIP(ip ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
};

/**
 * Which proxies may tell us the client's address (X-Forwarded-For), as Fastify's trustProxy takes it:
 * `false` (none), `true` (any: only when nothing can reach the server except through the proxy), or a
 * comma-separated list of the proxies' addresses, CIDRs or loopback / linklocal / uniquelocal. A hop count
 * is refused: Fastify 5 cannot check the peer with one and so trusts nothing, which would pass silently.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): boolean | string[] => {
    const lower = v.toLowerCase();
    if (['', 'false', 'off', 'no', '0'].includes(lower)) return false;
    if (['true', 'on', 'yes'].includes(lower)) return true;
    if (/^\d+$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'a hop count is not supported (Fastify ignores it); list the load balancers\' addresses or CIDRs' });
      return z.NEVER;
    }
    const list = v.split(',').map((s) => s.trim());
    const bad = list.filter((s) => !isAddressOrCidr(s));
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `not true/false or addresses/CIDRs: ${bad.join(', ')}` });
      return z.NEVER;
    }
    return list;
  });

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  DEMO: bool.default(true),
  REDIS_URL: z.string().url().optional(),
  MAP_STYLE_URL: z.string().optional(),
  /** Comma-separated origins allowed for sockets and cross-site writes; same-origin always is. */
  ALLOWED_ORIGINS: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: bool.optional(),
  /** The demo's city: a folder of server/cities/ (a city bundle), seeded into an empty database and simulated. */
  DEMO_CITY: z
    .string()
    .regex(/^[a-z0-9-]{2,32}$/, 'a folder name under server/cities/ (lower-case letters, digits, -)')
    .refine((id) => fs.existsSync(path.join(path.resolve(import.meta.dirname, '../..'), 'server/cities', id, 'city.json')), {
      message: 'no city bundle of that name in server/cities/',
    })
    // The one place the default demo bundle is named: configuration, not code that knows the city.
    .default('cixi'), // city-check: allowed
  /** Simulated call rate in normal times (calls per hour); by default the demo city's normalCallsPerHour. */
  DEMO_CALLS_PER_HOUR: z.coerce.number().positive().optional(),
  DEMO_SPEEDUP: z.coerce.number().positive().default(1),
  /** The demo's phone model (lines ring, sim call takers answer through the telephony API). */
  DEMO_PHONES: z.enum(['on', 'off']).default('on'),
  CLIENT_DIST: z.string().optional(),
  RATE_LIMIT_WRITES_PER_MIN: z.coerce.number().int().positive().default(6000),
  /** Login attempts a minute for one account from one address: password guessing stops here. */
  RATE_LIMIT_LOGIN_PER_MIN: z.coerce.number().int().positive().default(10),
  /**
   * Login attempts a minute from one address, whatever the account: a whole shift signing in behind the
   * centre's one NAT address fits; spraying passwords over many accounts does not.
   */
  RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MIN: z.coerce.number().int().positive().default(120),
  /** Behind a load balancer: which proxies' X-Forwarded-For names the client (its address is rate-limited). */
  TRUST_PROXY: trustProxy.default(false),
  /** Redis stream (and pub/sub prefix) the instances share; only used with REDIS_URL. */
  REDIS_STREAM: z.string().min(1).default('dispatch-live'),
  /** How often the database is pinged; a failed ping marks the server degraded. */
  HEALTH_CHECK_MS: z.coerce.number().int().min(100).default(1000),
  /** A console whose unsent backlog passes either limit is dropped; it resyncs from its lastSeq. */
  SLOW_CONSUMER_MAX_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024),
  SLOW_CONSUMER_MAX_PACKETS: z.coerce.number().int().positive().default(2000),
  /** How often each console hears the event log's newest seq, to notice a lost last push; 0 = off. */
  LIVE_HEARTBEAT_MS: z.coerce.number().int().min(0).default(5000),
  /** The shortest time between two position frames: a frame leaves as soon as a gateway batch is in, at most this often. */
  POSITION_FRAME_MIN_MS: z.coerce.number().int().min(20).max(1000).default(100),
  /** How long a stored Idempotency-Key answer is replayed. */
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().positive().default(24),
  /** The surge alert monitor (off in tests unless a test turns it on) and how often it checks. */
  ALERT_MONITOR: bool.default(true),
  ALERT_MONITOR_INTERVAL_MS: z.coerce.number().int().min(200).default(5000),
  /** On SIGTERM, in-flight work gets this long before the process gives up and exits 1. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  /** Travel-time estimator behind the unit and hospital suggestions, and its road factor (road km per straight km). */
  TRAVEL_ESTIMATOR: z.enum(['straight-line']).default('straight-line'),
  ROAD_FACTOR: z.coerce.number().min(1).max(5).default(1.35),
  /** Address search behind the intake form: the in-memory gazetteer, or a real geocoding service added in geocode/geocoders.ts. */
  GEOCODER: z.enum(['gazetteer']).default('gazetteer'),
  /** How often each instance checks whether another imported a city (the settings row's version). */
  CITY_WATCH_MS: z.coerce.number().int().min(100).default(2000),
  /** How far ahead of and behind the server's clock an AVL fix may be dated; outside, the batch is refused. */
  FIX_MAX_AHEAD_MS: z.coerce.number().int().min(0).default(10 * 60_000),
  FIX_MAX_BEHIND_MS: z.coerce.number().int().min(0).default(24 * 3600_000),
  /** Calls, stations, hospitals and fixes must lie within the city's bounding box grown by this margin. */
  CITY_MARGIN_KM: z.coerce.number().min(0).max(500).default(20),
  /**
   * GET /metrics (Prometheus). Set: scrapers send `Authorization: Bearer <token>`. Unset: served only to a
   * direct loopback peer (a scraper on the same host), never through a proxy, so it is not public by default.
   */
  METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'at least 16 characters').optional()),
});

export type Env = z.infer<typeof EnvSchema>;

/** Parse an environment (process.env by default); throws with every bad variable named. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
