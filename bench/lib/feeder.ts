/**
 * Load generators that run outside the server process: an AVL gateway moving N units at 1 Hz, and
 * a stream of calls each assigned a unit. Both are bounded by their timers and an in-flight cap.
 */
import { AREA } from './db.ts';
import { Histogram } from './stats.ts';
import { callBody, post } from './http.ts';

interface Moving {
  id: number;
  lon: number;
  lat: number;
  heading: number;
}

const TICKS_PER_SECOND = 10;
const MAX_BATCH = 500;
const MAX_IN_FLIGHT = 16;

export class AvlFeeder {
  private fleet: Moving[];
  private active = 0;
  private tick = 0;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;
  sent = 0;
  applied = 0;
  skipped = 0;
  errors = 0;
  requestMs = new Histogram(30_000);

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    unitIds: readonly number[],
  ) {
    this.fleet = unitIds.map((id, i) => ({
      id,
      lon: AREA.lon + (((i * 7919) % 1000) / 1000 - 0.5) * AREA.dLon,
      lat: AREA.lat + (((i * 104729) % 1000) / 1000 - 0.5) * AREA.dLat,
      heading: (i * 37) % 360,
    }));
  }

  /** Move the first n units (each once a second). */
  setUnits(n: number): void {
    if (n > this.fleet.length) throw new Error(`only ${this.fleet.length} units in the database, asked for ${n}`);
    this.active = n;
  }

  start(): void {
    this.timer ??= setInterval(() => this.step(), 1000 / TICKS_PER_SECOND);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  resetCounters(): void {
    this.sent = this.applied = this.skipped = this.errors = 0;
    this.requestMs = new Histogram(30_000);
  }

  private step(): void {
    const slot = this.tick++ % TICKS_PER_SECOND;
    const now = Date.now();
    const fixes = [];
    for (let i = slot; i < this.active; i += TICKS_PER_SECOND) {
      const u = this.fleet[i]!;
      u.heading = (u.heading + (Math.random() - 0.5) * 30 + 360) % 360;
      const rad = (u.heading * Math.PI) / 180;
      // About 40 km/h: 11 m a second.
      u.lon = clamp(u.lon + Math.sin(rad) * 0.000115, AREA.lon - AREA.dLon / 2, AREA.lon + AREA.dLon / 2);
      u.lat = clamp(u.lat + Math.cos(rad) * 0.0001, AREA.lat - AREA.dLat / 2, AREA.lat + AREA.dLat / 2);
      fixes.push({ unitId: u.id, lon: u.lon, lat: u.lat, heading: Math.round(u.heading), speedKmh: 40, at: now });
    }
    for (let i = 0; i < fixes.length; i += MAX_BATCH) this.send(fixes.slice(i, i + MAX_BATCH));
  }

  private send(batch: { unitId: number }[]): void {
    // A gateway that cannot keep up drops fixes rather than queueing without bound.
    if (this.inFlight >= MAX_IN_FLIGHT) {
      this.skipped += batch.length;
      return;
    }
    this.inFlight++;
    this.sent += batch.length;
    const started = performance.now();
    post<{ applied: number }>(this.baseUrl, this.token, '/api/units/positions', { fixes: batch }).then(
      (res) => {
        this.inFlight--;
        this.requestMs.record(performance.now() - started);
        if (res.status === 200) this.applied += res.body.applied;
        else this.errors++;
      },
      () => {
        this.inFlight--;
        this.errors++;
      },
    );
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Calls arriving every `everyMs`, each assigned the next unit from a pool (the unit then stays busy). */
export class CallStream {
  private timer: NodeJS.Timeout | null = null;
  private next = 0;
  private n = 0;
  created = 0;
  assigned = 0;
  errors = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly unitPool: readonly number[],
    private readonly everyMs = 500,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.one(), this.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async one(): Promise<void> {
    const i = ++this.n;
    try {
      const call = await post<{ id: number }>(this.baseUrl, this.token, '/api/calls', callBody(i));
      if (call.status !== 201) throw new Error(`create ${call.status}`);
      this.created++;
      const unitId = this.unitPool[this.next++ % this.unitPool.length]!;
      const res = await post(this.baseUrl, this.token, `/api/calls/${call.body.id}/assign`, { unitId, hospitalId: null });
      if (res.status === 201) this.assigned++;
      else if (res.status !== 409) this.errors++;
    } catch {
      this.errors++;
    }
  }
}

/**
 * Ordinary changes at a steady pace, a bounded number: one call created every `everyMs`, `count` in all.
 * Records what each request answered; a request lost with its instance may still have committed, so
 * the database, not these answers, says what happened.
 */
export class CallWriter {
  readonly createdIds: number[] = [];
  failed = 0;
  statuses = new Map<number, number>();

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly count: number,
    private readonly everyMs: number,
  ) {}

  /** Resolves when every request has been answered (or failed). */
  async run(): Promise<void> {
    const inFlight: Promise<void>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < this.count; i++) {
      const due = t0 + i * this.everyMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(this.one(i + 1));
    }
    await Promise.all(inFlight);
  }

  private async one(i: number): Promise<void> {
    try {
      const res = await post<{ id: number }>(this.baseUrl, this.token, '/api/calls', callBody(100_000 + i));
      this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1);
      if (res.status === 201) this.createdIds.push(res.body.id);
      else this.failed++;
    } catch {
      this.statuses.set(0, (this.statuses.get(0) ?? 0) + 1);
      this.failed++;
    }
  }
}
