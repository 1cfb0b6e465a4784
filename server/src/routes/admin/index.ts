/** The admin console's API: accounts, fleet, hospitals, audit trail, city import. Admin only, every route. */
import type { App, AppContext } from '../../context.ts';
import { adminUserRoutes } from './users.ts';
import { adminFleetRoutes } from './fleet.ts';
import { adminHospitalRoutes } from './hospitals.ts';
import { adminEventRoutes } from './events.ts';
import { adminCityRoutes } from './city.ts';

export async function adminRoutes(app: App, ctx: AppContext): Promise<void> {
  for (const register of [adminUserRoutes, adminFleetRoutes, adminHospitalRoutes, adminEventRoutes, adminCityRoutes]) await register(app, ctx);
}
