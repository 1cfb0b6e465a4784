/** Placeholder until the simulator lands: no simulated traffic. */
import type { FastifyBaseLogger } from 'fastify';
import type { Env } from '../env.ts';
import type { Snapshot } from '@dispatch/shared';

export interface Simulator {
  get(): Snapshot['demo'];
  setSurge(on: boolean): void;
  stop(): Promise<void>;
}

export function startSimulator(_opts: { baseUrl: string; env: Env; log: FastifyBaseLogger }): Simulator {
  let surge = false;
  return { get: () => ({ surge }), setSurge: (on) => void (surge = on), stop: async () => {} };
}
