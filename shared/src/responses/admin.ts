/** Responses of /api/admin: accounts, the audit trail, the city import. */
import { z } from 'zod';
import { ENTITY_TYPES, type AuditEvent, type UserAccount } from '../model.ts';
import type { BundleError, CityImportReport } from '../cityBundle.ts';
import { entityId, instant } from './common.ts';
import { UserAccountSchema } from './entities.ts';

/** DELETE /api/admin/users/:id/sessions: the account after, and how many sessions were ended. */
export const SessionsRevoked = z.strictObject({ user: UserAccountSchema, revoked: z.number().int() }) satisfies z.ZodType<{ user: UserAccount; revoked: number }>;

/** GET /api/admin/events: the audit trail, newest first; `before`/`after` are the entity's logged states. */
export const AuditEventSchema = z
  .strictObject({
    seq: z.number().int(),
    at: instant,
    actor: z.string(),
    actorRole: z.string(),
    name: z.string(),
    entity: z.enum(ENTITY_TYPES),
    entityId,
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEvent' }) satisfies z.ZodType<AuditEvent>;

const importCounts = z.strictObject({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

/** POST /api/admin/city/import: what the import did per kind of row. */
export const CityImportReportSchema = z.strictObject({
  city: z.strictObject({ id: z.string(), name: z.string(), nameEn: z.string(), adcode: z.string() }),
  stations: importCounts,
  hospitals: importCounts,
  units: importCounts,
  places: z.strictObject({ replaced: z.number().int() }),
  warnings: z.array(z.string()),
  notInBundle: z.strictObject({ stations: z.array(z.string()), hospitals: z.array(z.string()), units: z.array(z.string()) }),
  seq: z.strictObject({ from: z.number().int(), to: z.number().int() }).nullable(),
}) satisfies z.ZodType<CityImportReport>;

const BundleErrorSchema = z.strictObject({ file: z.string(), line: z.number().int().nullable(), column: z.string().nullable(), message: z.string() }) satisfies z.ZodType<BundleError>;

/** POST /api/admin/city/import, 400: the bundle's errors, located; nothing was imported. */
export const BundleInvalid = z.strictObject({ code: z.literal('BUNDLE_INVALID'), message: z.string(), errors: z.array(BundleErrorSchema), warnings: z.array(z.string()) });
