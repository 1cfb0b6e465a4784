/**
 * Database health: a steady ping flips the server between ok and degraded, tells the consoles,
 * and makes writes fail fast with 503 while the database is away instead of hanging on a dead pool.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

export interface HealthState {
  degraded: boolean;
  reason: string | null;
}

export interface HealthMonitorOptions {
  health: HealthState;
  ping: (timeoutMs: number) => Promise<boolean>;
  intervalMs: number;
  /** Called once per flip, never on every ping. */
  onChange: (degraded: boolean, reason: string | null) => void;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

const DB_DOWN = 'database not answering';
const MISSES_TO_DEGRADE = 2;
const PING_TIMEOUT_MS = 2000;

export class HealthMonitor {
  private timer: NodeJS.Timeout | null = null;
  private checking = false;
  private misses = 0;

  constructor(private readonly opts: HealthMonitorOptions) {}

  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.opts.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A request just saw the database fail: degrade now rather than at the next ping. */
  markDown(reason = DB_DOWN): void {
    this.set(true, reason);
  }

  async check(): Promise<boolean> {
    // A ping that outlives the interval must not pile up behind itself.
    if (this.checking) return !this.opts.health.degraded;
    this.checking = true;
    try {
      // A dead database refuses at once; the timeout only has to catch a hung one, and must not
      // mistake a busy event loop for an outage.
      const up = await this.opts.ping(PING_TIMEOUT_MS);
      // One slow ping may just be a busy pool; two in a row is an outage. A refused connection
      // seen by a request (markDown) needs no second opinion.
      this.misses = up ? 0 : this.misses + 1;
      if (up) this.set(false, null);
      else if (this.misses >= MISSES_TO_DEGRADE) this.set(true, DB_DOWN);
      return up;
    } finally {
      this.checking = false;
    }
  }

  private set(degraded: boolean, reason: string | null): void {
    const { health } = this.opts;
    if (health.degraded === degraded) return;
    health.degraded = degraded;
    health.reason = reason;
    if (degraded) this.opts.log.warn({ reason }, 'degraded: refusing writes until the database answers');
    else this.opts.log.info({}, 'database is back: taking writes again');
    this.opts.onChange(degraded, reason);
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** While degraded every write is refused at once: nothing is half-saved and nobody waits on a timeout. */
export function registerWriteGate(app: FastifyInstance, health: HealthState): void {
  app.addHook('onRequest', async (request) => {
    if (!health.degraded || READS.has(request.method)) return;
    throw new AppError(503, 'DB_UNAVAILABLE', 'the database is not answering; nothing was saved, try again shortly');
  });
}

/** What must work for the server to be worth sending consoles to, beyond the database answering a ping. */
export type ReadinessChecks = Record<string, () => Promise<unknown>>;

/**
 * Readiness: every check run at once, each within `timeoutMs`. Null when all pass, otherwise the first
 * failure as a reason (its detail goes to the log, not the answer). A server that pings its database but
 * cannot list its fleet or build a console snapshot is not ready, whatever the ping says.
 */
export async function readinessProblem(checks: ReadinessChecks, timeoutMs: number, log: { warn(obj: object, msg: string): void }): Promise<string | null> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([check(), timeout]);
        return null;
      } catch (err) {
        log.warn({ err, check: name }, 'readiness check failed');
        return `${name} failed`;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return results.find((r) => r !== null) ?? null;
}
