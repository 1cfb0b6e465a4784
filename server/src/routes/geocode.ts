/** GET /api/geocode: address search for the intake form, answered by the configured GEOCODER. */
import { READ, replies } from '../plugins/openapi.ts';
import { GeocodeQuery, GeocodeResponse } from '@dispatch/shared';
import type { App, AppContext } from '../context.ts';

const DISPATCH = ['dispatcher'] as const;

export async function geocodeRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/geocode',
    { config: { roles: DISPATCH }, schema: { tags: ['calls'], querystring: GeocodeQuery, response: replies({ 200: GeocodeResponse }, [...READ, 400]) } },
    async (req) => ctx.geocoder.search(req.query.q, req.query.limit),
  );
}
