/** Responses of /api/units beyond the Unit itself. */
import { z } from 'zod';

/** POST /api/units/positions: fixes received, and units whose position moved (a fix older than the stored one is not applied). */
export const PositionsAccepted = z.strictObject({ received: z.number().int(), applied: z.number().int() });
