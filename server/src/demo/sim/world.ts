/**
 * What the simulator knows about the city, learned only from the public API, plus its own plans
 * (paths, timers). The server is authoritative: every refresh may overwrite what we believed.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Call, Hospital, LonLat, Station, Transport, Unit, UnitStatus } from '@dispatch/shared';
import type { Session } from './api.ts';
import type { RecentCaller } from './callMix.ts';
import type { SimCity } from './cityModel.ts';

export interface TrackedUnit {
  id: number;
  callSign: string;
  kind: Unit['kind'];
  stationId: number;
  hasTerminal: boolean;
  status: UnitStatus;
  callId: number | null;
  transportId: number | null;
  pos: LonLat;
  heading: number;
  /** Nominal road speed of the current leg (km/h, as reported in fixes). */
  legKmh: number;
  path: LonLat[] | null;
  /** Where the current path ends, to notice a changed destination. */
  target: LonLat | null;
  /** When the scripted step of the current status is due (turnout, time on scene). */
  dueAt: number | null;
  /** Set when we changed the status ourselves: refreshes sent before this are stale for this unit. */
  localChangeAt: number;
  lastFixAt: number;
  /** A status request is in flight: do not send another. */
  busy: boolean;
  /** On scene without a destination, the crew decided: treat on scene or carry. */
  treatOnScene: boolean | null;
}

export interface TrackedTransport extends Transport {
  /** When the ED staff answer (accept/decline) a pending request for `respondFor`. */
  respondAt: number | null;
  respondFor: number | null;
  handoverAt: number | null;
  /** When a declined transport may be rerouted by the simulated seat. */
  rerouteAt: number | null;
  /** Last time the crew asked for a destination. */
  askedAt: number | null;
  fetchedAt: number;
}

export interface SimPeople {
  dispatcher: Session;
  gateway: Session;
  /** The simulated ED staff of a hospital (sim-hXX). */
  nurse(hospitalId: number): Session | null;
}

export interface SimStats {
  created: number;
  advice: number;
  repeats: number;
  transfers: number;
  assigned: number;
  statusChanges: number;
  fixesSent: number;
  accepted: number;
  declined: number;
  handovers: number;
  capacityUpdates: number;
  errors: number;
}

export interface World {
  /** The demo city (outline, towns, gazetteer); null until loaded. */
  city: SimCity | null;
  speedup: number;
  surge: boolean;
  log: FastifyBaseLogger;
  people: SimPeople;
  /** Independent streams so, e.g., call arrival times do not depend on how many paths were drawn. */
  rand: { arrivals: () => number; calls: () => number; moves: () => number; staff: () => number };
  units: Map<number, TrackedUnit>;
  calls: Map<number, Call>;
  transports: Map<number, TrackedTransport>;
  hospitals: Map<number, Hospital>;
  stations: Map<number, Station>;
  /** Patients handed over since the last capacity update of each hospital. */
  admitted: Map<number, number>;
  recentCallers: (RecentCaller & { time: number })[];
  stats: SimStats;
}

/** Simulated minutes to real milliseconds at the current speed-up. */
export const simMs = (w: World, minutes: number): number => (minutes * 60_000) / w.speedup;

export const between = (rand: () => number, lo: number, hi: number): number => lo + rand() * (hi - lo);
