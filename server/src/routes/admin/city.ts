/** POST /api/admin/city/import: the admin screen's upload of a city bundle; the same path as `pnpm city:import`. */
import { z } from 'zod';
import { ApiErrorSchema, BundleInvalid, CityImportReportSchema } from '@dispatch/shared';
import { WRITE, replies } from '../../plugins/openapi.ts';
import { CityImportBody } from '@dispatch/shared';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../plugins/auth.ts';
import { importBundle } from '../../city/importBundle.ts';

const ADMIN = ['admin'] as const;
/** Five files under the 20 MB per-file limit fit; JSON strings of CSV text are a little larger than the files. */
export const CITY_IMPORT_BODY_LIMIT = 25 * 1024 * 1024;

export async function adminCityRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;
  app.post(
    '/api/admin/city/import',
    { config: { roles: ADMIN }, bodyLimit: CITY_IMPORT_BODY_LIMIT, schema: { tags: ['admin'], body: CityImportBody, response: replies({ 200: CityImportReportSchema, 400: z.union([BundleInvalid, ApiErrorSchema]) }, WRITE) } },
    async (req, reply) => {
      const outcome = await importBundle(deps, actorOf(req), req.body.files);
      if (!outcome.ok) {
        return reply.code(400).send({
          code: 'BUNDLE_INVALID',
          message: `the bundle has ${outcome.errors.length} error(s); nothing was imported`,
          errors: outcome.errors,
          warnings: outcome.warnings,
        });
      }
      // This instance takes the new city (rules, bounds, gazetteer) at once; the others at their next check.
      await ctx.city.refresh().catch((err: unknown) => req.log.warn({ err }, 'could not load the imported city; the next check retries'));
      return outcome.report;
    },
  );
}
