/** Responses of the probes, the client configuration and the demo switch. */
import { z } from 'zod';
import type { DemoState } from '../realtime.ts';

/** GET /livez: the process answers. */
export const Liveness = z.strictObject({ status: z.literal('ok'), uptimeS: z.number().int() });

/** GET /readyz and /healthz: 200 ok, or 503 degraded with the reason. */
export const Readiness = z.strictObject({
  status: z.enum(['ok', 'degraded']),
  database: z.strictObject({ kind: z.enum(['postgres', 'pglite']), up: z.boolean() }),
  reason: z.string().nullable(),
  uptimeS: z.number().int(),
});

/** GET /api/config: what the client needs before it logs in. */
export const ClientConfig = z.strictObject({ mapStyleUrl: z.string().nullable(), demo: z.boolean() });

/** POST /api/demo/surge: the simulator's switches after the change. */
export const DemoStateSchema = z.strictObject({ surge: z.boolean() }).nullable() satisfies z.ZodType<DemoState | null>;
