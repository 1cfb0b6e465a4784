import { sql } from 'drizzle-orm';

/** Every update bumps the row's version, so a client can tell a newer copy from an older one. */
export const bumpVersion = () => sql`"version" + 1`;
