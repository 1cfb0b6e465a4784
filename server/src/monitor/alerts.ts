/**
 * The surge monitor: every few seconds, and soon after any change that can move a figure, it
 * computes the "now" picture, checks it against the thresholds and raises, escalates or clears alerts.
 * Ticks never overlap; one asked for while another runs is run once right after it.
 */
import { evaluateAlerts } from '@dispatch/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../commands/deps.ts';
import { reconcileAlerts, type Reconciled } from '../commands/reconcileAlerts.ts';
import type { LoggedEvent } from '../events/log.ts';
import { loadNowStats } from '../queries/surgeStats.ts';
import { readThresholds } from '../repositories/settings.ts';

/** Entities whose changes can move a monitored figure. */
const WATCHED = new Set(['call', 'unit', 'transport', 'hospital', 'settings']);

export interface AlertMonitor {
  start(): void;
  stop(): Promise<void>;
  /** One check at `now` (the clock by default); resolves with what was raised, escalated and cleared. */
  tick(now?: Date): Promise<Reconciled>;
  /** Called with every committed batch of events: a relevant change brings the next check forward. */
  notice(events: readonly LoggedEvent[]): void;
  readonly running: boolean;
}

export interface MonitorOptions {
  intervalMs?: number;
  /** Delay after a relevant change, so a burst of changes costs one check. */
  debounceMs?: number;
  /**
   * Least time between two checks set off by changes. A check reads the whole fleet and the day's
   * calls; under a sustained stream of writes a check every debounce took most of a core.
   */
  minGapMs?: number;
  log?: FastifyBaseLogger;
  /** Told of every check's outcome (the metrics' runs and failures). */
  onCheck?: (ok: boolean) => void;
}

export function createAlertMonitor(deps: Deps, opts: MonitorOptions): AlertMonitor {
  const intervalMs = opts.intervalMs ?? 5000;
  const debounceMs = opts.debounceMs ?? 250;
  const minGapMs = opts.minGapMs ?? 2000;
  let lastStart = -Infinity;
  let timer: NodeJS.Timeout | null = null;
  let soon: NodeJS.Timeout | null = null;
  let running = false;
  let chain: Promise<unknown> = Promise.resolve();

  const check = async (now: Date): Promise<Reconciled> => {
    const [stats, thresholds] = await Promise.all([loadNowStats(deps.db, now, deps.city), readThresholds(deps.db)]);
    const conditions = evaluateAlerts(stats, thresholds);
    // Raised and cleared at the instant checked, whatever the wall clock says.
    return reconcileAlerts({ ...deps, clock: () => now }, conditions);
  };

  const tick = (now?: Date): Promise<Reconciled> => {
    const next = chain.then(() => check(now ?? deps.clock())).then(
      (result) => {
        opts.onCheck?.(true);
        return result;
      },
      (error: unknown) => {
        opts.onCheck?.(false);
        throw error;
      },
    );
    chain = next.catch(() => undefined);
    return next;
  };

  const background = () => {
    lastStart = Date.now();
    void tick().catch((error: unknown) => opts.log?.warn({ err: error }, 'alert monitor check failed'));
  };

  return {
    start() {
      if (running) return;
      running = true;
      timer = setInterval(background, intervalMs);
      timer.unref();
      background();
    },
    async stop() {
      running = false;
      if (timer) clearInterval(timer);
      if (soon) clearTimeout(soon);
      timer = null;
      soon = null;
      await chain;
    },
    tick,
    notice(events) {
      if (!running || soon) return;
      if (!events.some((e) => WATCHED.has(e.entity))) return;
      const wait = Math.max(debounceMs, lastStart + minGapMs - Date.now());
      soon = setTimeout(() => {
        soon = null;
        background();
      }, wait);
      soon.unref();
    },
    get running() {
      return running;
    },
  };
}
