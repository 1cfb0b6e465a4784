/**
 * The demo simulator: callers, the other dispatch seats, the AVL gateway with its crews, and the ED
 * staff of every hospital, so the console is alive the moment it opens. It talks to the server only
 * through the public HTTP API with service tokens, as a real AVL gateway or another seat would; it
 * imports nothing of the server but the demo city's bundle (read from its folder, as the seed reads it)
 * and the account names.
 *
 * One tick a second (never overlapping): read back the city every few seconds, take the calls due
 * (Poisson at DEMO_CALLS_PER_HOUR or the city's normal rate, × its surge plan in a surge, × DEMO_SPEEDUP),
 * at random points of the city weighted toward its towns, move every unit and send one batch
 * of fixes, let the EDs answer and hand over, let the other seats take calls left waiting.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Snapshot } from '@dispatch/shared';
import type { Env } from '../env.ts';
import { DEFAULT_THRESHOLDS } from '@dispatch/shared';
import { loadDemoCity } from './bundle.ts';
import { seededRandom } from './random.ts';
import { DEMO_ACCOUNTS, DEMO_NORMAL_LINES, SIM_DISPATCHER, SIM_NURSE_PASSWORD, SIM_SEAT_ACCOUNTS, simNurseName, simSeatAccount } from './seed.ts';
import { PhoneModel, type PhoneStats } from './sim/phones.ts';
import { simCityOf, type SimCity } from './sim/cityModel.ts';
import { LoginBudget, Session, type SimHttp } from './sim/api.ts';
import { assignWaiting, callsPerHour, chooseDestination, dispatchCall, nextArrival, rerouteDeclined, takeCall, takeTransferOnly } from './sim/dispatch.ts';
import { nudgeCapacity, stepStaff } from './sim/edStaff.ts';
import { sendFixes, stepFleet } from './sim/fleet.ts';
import { loadStations, refreshCalls, refreshHospitals, refreshTransports, refreshUnits } from './sim/sync.ts';
import { simMs, type SimStats, type World } from './sim/world.ts';

export interface SimulatorStats extends SimStats {
  surge: boolean;
  /** Effective arrival rate now, calls per real hour (normal × surge factor × speed-up). */
  callsPerHour: number;
  ticks: number;
  /** The phone model's counters; null when it is off. */
  phones: PhoneStats | null;
}

export interface Simulator {
  get(): Snapshot['demo'];
  setSurge(on: boolean): void;
  /** Counters for tests and logs. */
  stats(): SimulatorStats;
  /** Stops the loop and waits for the tick in flight. */
  stop(): Promise<void>;
}

export interface SimulatorOptions {
  baseUrl: string;
  env: Env;
  log: FastifyBaseLogger;
  /** Same seed, same callers, paths and decisions (timing aside). */
  seed?: number;
  /** Overrides env.DEMO_SPEEDUP. */
  speedup?: number;
  /** The city to simulate; by default the bundle folder env.DEMO_CITY names, read at start. */
  city?: SimCity;
  /** Calls taken at start, and how many of them are dispatched at once. */
  warmUp?: { calls: number; dispatched: number };
  /**
   * The phone model: lines ring at the call rate and the simulator's call takers answer through the telephony
   * API; only the answered emergencies become incidents (instead of the incidents arriving on their own).
   * `seats` overrides how many seats it staffs (normal, surge). Off by default (tests of the other parts).
   */
  phones?: boolean | { seats: { normal: number; surge: number }; consoleTalkMinMs?: number };
}

const TICK_MS = 1000;
const REFRESH_MS = 2500;
const HOSPITALS_REFRESH_MS = 10_000;

export function startSimulator(opts: SimulatorOptions): Simulator {
  const { env, log } = opts;
  const seed = opts.seed ?? Date.now() & 0xffffffff;
  const abort = new AbortController();
  // Spend at most 40% of the per-address login limit: a human on the same machine must still get in.
  const http: SimHttp = { baseUrl: opts.baseUrl, log, budget: new LoginBudget(Math.max(1, Math.floor(env.RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MIN * 0.4))), signal: abort.signal };
  const gatewayAccount = DEMO_ACCOUNTS.find((a) => a.role === 'gateway');
  const nurses = new Map<number, Session>();
  const ctiAccount = DEMO_ACCOUNTS.find((a) => a.role === 'telephony');

  const w: World = {
    city: opts.city ?? null,
    speedup: opts.speedup ?? env.DEMO_SPEEDUP,
    surge: false,
    log,
    people: {
      dispatcher: new Session(http, SIM_DISPATCHER.username, SIM_DISPATCHER.password),
      gateway: new Session(http, gatewayAccount?.username ?? 'avl-gateway', gatewayAccount?.password ?? ''),
      nurse(hospitalId) {
        const h = w.hospitals.get(hospitalId);
        if (!h) return null;
        let s = nurses.get(hospitalId);
        if (!s) nurses.set(hospitalId, (s = new Session(http, simNurseName(h.code), SIM_NURSE_PASSWORD)));
        return s;
      },
    },
    rand: { arrivals: seededRandom(seed), calls: seededRandom(seed + 1), moves: seededRandom(seed + 2), staff: seededRandom(seed + 3) },
    units: new Map(),
    calls: new Map(),
    transports: new Map(),
    hospitals: new Map(),
    stations: new Map(),
    admitted: new Map(),
    recentCallers: [],
    stats: { created: 0, advice: 0, repeats: 0, transfers: 0, assigned: 0, statusChanges: 0, fixesSent: 0, accepted: 0, declined: 0, handovers: 0, capacityUpdates: 0, errors: 0 },
  };

  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> = Promise.resolve();
  let ticks = 0;
  let lastTick = Date.now();
  let nextRefreshAt = 0;
  let nextHospitalsAt = 0;
  let nextCallAt = Number.POSITIVE_INFINITY;
  let nextNudgeAt = 0;
  let warmedUp = false;
  let wrongCity = false;

  const rate = () => callsPerHour(w, env.DEMO_CALLS_PER_HOUR ?? w.city?.normalCallsPerHour ?? DEFAULT_THRESHOLDS.baselineCallsPerHour);

  const phones = opts.phones
    ? new PhoneModel(
        w,
        new Session(http, ctiAccount?.username ?? 'cti-gateway', ctiAccount?.password ?? ''),
        Array.from({ length: SIM_SEAT_ACCOUNTS }, (_, i) => simSeatAccount(i + 1)).map((a) => new Session(http, a.username, a.password)),
        {
          normalLines: DEMO_NORMAL_LINES,
          ...(typeof opts.phones === 'object' ? { seats: opts.phones.seats, consoleTalkMinMs: opts.phones.consoleTalkMinMs } : {}),
          idPrefix: `sim${seed.toString(36)}-${Date.now().toString(36)}`,
        },
        seededRandom(seed + 4),
        rate,
        (callerPhone) => takeCall(w, { emergencyOnly: true, callerPhone }),
      )
    : null;

  async function loadCity(): Promise<SimCity | null> {
    try {
      const city = await loadDemoCity(env.DEMO_CITY);
      return simCityOf(city.bundle, city.extras);
    } catch (error) {
      log.error({ err: error, city: env.DEMO_CITY }, 'demo simulator: cannot read the demo city');
      return null;
    }
  }

  async function warmUp(): Promise<boolean> {
    if (wrongCity) return false;
    w.city ??= await loadCity();
    const city = w.city;
    if (!city || !(await w.people.dispatcher.ensure())) return false;
    await Promise.all([loadStations(w), refreshHospitals(w), refreshUnits(w), w.people.gateway.ensure()]);
    if (w.stations.size === 0 || w.units.size === 0) return false;
    // A database seeded with another city (DEMO_CITY changed, same DATA_DIR): its calls would all be refused.
    if (![...w.stations.values()].some((s) => city.inside(s.lon, s.lat))) {
      wrongCity = true;
      log.error({ city: city.id }, 'demo simulator: no station of the database lies in the demo city; it seeds only an empty database (new DATA_DIR), so the simulator stays off');
      return false;
    }
    const plan = opts.warmUp ?? { calls: 8, dispatched: 5 };
    const taken = [];
    for (let i = 0; i < plan.calls; i++) {
      const call = await takeCall(w, { emergencyOnly: true });
      if (call) taken.push(call);
    }
    for (const call of taken.slice(0, plan.dispatched)) {
      const unitId = await dispatchCall(w, call);
      const unit = unitId ? w.units.get(unitId) : undefined;
      // These crews were already turning out when the console opened: they roll within seconds.
      if (unit) unit.dueAt = Date.now() + 1000 + w.rand.moves() * 2000;
    }
    nextCallAt = nextArrival(Date.now(), rate(), w.rand.arrivals);
    log.info({ city: city.id, seed, speedup: w.speedup, callsPerHour: rate() / w.speedup, warmUp: taken.length }, 'demo simulator running');
    return true;
  }

  async function tick(): Promise<void> {
    const now = Date.now();
    const dtSec = Math.min(5, (now - lastTick) / 1000);
    lastTick = now;
    ticks++;
    if (!warmedUp) {
      warmedUp = await warmUp();
      return;
    }
    if (now >= nextRefreshAt) {
      nextRefreshAt = now + REFRESH_MS;
      const reads = [refreshUnits(w), refreshCalls(w)];
      if (now >= nextHospitalsAt) {
        nextHospitalsAt = now + HOSPITALS_REFRESH_MS;
        reads.push(refreshHospitals(w));
        if (w.stations.size === 0) reads.push(loadStations(w));
      }
      await Promise.all(reads);
    }
    if (phones) await phones.step(now);
    // Calls due since the last tick (several per second at a high speed-up), bounded per tick. With the phone
    // model on, only the transfer requests among them: the emergencies come from the answered lines.
    for (let n = 0; n < 20 && now >= nextCallAt && !stopped; n++) {
      await (phones ? takeTransferOnly(w) : takeCall(w));
      nextCallAt = nextArrival(nextCallAt, rate(), w.rand.arrivals);
    }
    if (now >= nextCallAt) nextCallAt = nextArrival(now, rate(), w.rand.arrivals);
    await refreshTransports(w, now, 8);
    await stepFleet(w, now, dtSec, { needDestination: (t) => chooseDestination(w, t) });
    await sendFixes(w, Date.now());
    await stepStaff(w, now);
    await rerouteDeclined(w, now);
    await assignWaiting(w, now);
    if (now >= nextNudgeAt) {
      nextNudgeAt = now + Math.max(1000, simMs(w, 1));
      await nudgeCapacity(w, now, 3);
    }
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      const started = Date.now();
      inFlight = tick()
        .catch((error: unknown) => {
          w.stats.errors++;
          log.warn({ err: error }, 'simulator: tick failed');
        })
        .finally(() => schedule(Math.max(50, TICK_MS - (Date.now() - started))));
    }, delay);
    timer.unref?.();
  }
  schedule(0);

  return {
    get: () => ({ surge: w.surge }),
    setSurge(on) {
      if (w.surge === on) return;
      w.surge = on;
      // The next arrival is drawn again at the new rate, so the switch takes effect at once.
      nextCallAt = Number.isFinite(nextCallAt) ? nextArrival(Date.now(), rate(), w.rand.arrivals) : nextCallAt;
      phones?.rateChanged(Date.now());
      log.info({ surge: on, callsPerHour: rate() }, 'demo simulator: surge switched');
    },
    stats: () => ({ ...w.stats, surge: w.surge, callsPerHour: rate(), ticks, phones: phones ? { ...phones.stats } : null }),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      // The tick in flight finishes its requests (each times out within seconds) before the rest are
      // aborted: a request cut between its headers and its body would hold the server's close until
      // Node's header timeout, a minute later.
      await Promise.race([inFlight, new Promise((r) => setTimeout(r, 6000).unref())]);
      abort.abort();
      await inFlight;
    },
  };
}
