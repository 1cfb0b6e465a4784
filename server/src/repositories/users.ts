/** Users table access, with the count of live sessions the admin screen shows. */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import { bumpVersion } from './version.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

export function createUserRepo(db: Executor) {
  return {
    async list(): Promise<UserRow[]> {
      return db.select().from(users).orderBy(users.id);
    },
    async get(id: number): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },
    async getForUpdate(id: number): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id)).for('no key update');
      return row;
    },
    async getByUsername(username: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.username, username));
      return row;
    },
    async insert(values: NewUserRow): Promise<UserRow> {
      const [row] = await db.insert(users).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async update(id: number, patch: Partial<NewUserRow>): Promise<UserRow> {
      const [row] = await db
        .update(users)
        .set({ ...patch, version: bumpVersion() })
        .where(eq(users.id, id))
        .returning();
      if (!row) throw new Error(`user ${id} vanished`);
      return row;
    },
    /** Live (not revoked, not expired) sessions per user id. */
    async activeSessionCounts(now: Date): Promise<Map<number, number>> {
      const rows = await db
        .select({ userId: sessions.userId, n: sql<number>`count(*)::int` })
        .from(sessions)
        .where(and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
        .groupBy(sessions.userId);
      return new Map(rows.map((r) => [r.userId, Number(r.n)]));
    },
  };
}
