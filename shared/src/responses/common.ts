/**
 * Pieces every response schema uses. Response schemas are strict (additionalProperties: false in the
 * spec): the description says exactly what a screen receives, so a field added to a presenter and not
 * declared here fails server/test/openapi.test.ts (docs/decisions/0012).
 */
import { z } from 'zod';

/** An instant as the presenters write it (Date.toISOString). */
export const instant = z.iso.datetime({ offset: true });
/** A city day, YYYY-MM-DD. */
export const cityDay = z.iso.date();
export const entityId = z.number().int();
export const count = z.number().int();

/** ICU and bed figures with their occupancy shares (null without beds), as the figures, reports and trends give them. */
export const occupancyFields = {
  icuOpen: count,
  icuOccupied: count,
  icuPct: z.number().nullable(),
  openBeds: count,
  occupiedBeds: count,
  bedsPct: z.number().nullable(),
};

/** Every error answer: a machine code, a sentence, and where it applies the field or the current state (plugins/errors.ts). */
export const ApiErrorSchema = z
  .strictObject({
    code: z.string().meta({ description: 'Machine-readable: VALIDATION, UNAUTHENTICATED, FORBIDDEN, CSRF, NOT_FOUND, a domain rule (409), RATE_LIMITED, DB_UNAVAILABLE …' }),
    message: z.string(),
    field: z.string().optional(),
    current: z.unknown().optional().meta({ description: 'The current state of the entity a 409 refused to change' }),
  })
  .meta({ id: 'ApiError' });
