/** Opaque session tokens: stored hashed, cached briefly, revocable at once. */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import { hash, verify } from '@node-rs/argon2';
import type { Role, SessionUser } from '@dispatch/shared';
import type { Db, Executor } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';

export interface ResolvedSession {
  sessionId: string;
  user: SessionUser;
}

export interface SessionStore {
  login(username: string, password: string, now: Date): Promise<{ token: string; session: ResolvedSession } | null>;
  resolve(token: string): Promise<ResolvedSession | null>;
  revoke(sessionId: string): Promise<void>;
  /** Drop cached sessions of a user (disabled, role changed). */
  forgetUser(userId: number): void;
  /** Revoke every live session of a user, in the given transaction or the database; returns how many. */
  revokeUser(userId: number, executor?: Executor): Promise<number>;
}

export const hashPassword = (password: string) => hash(password);

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

// A dummy hash so a login for an unknown user costs as much as one for a known user.
let dummyHash: Promise<string> | undefined;

/** Sessions cache for a short while: a revoke on this instance is instant, on another within CACHE_MS. */
const CACHE_MS = 2000;

export function createSessionStore(db: Db, ttlHours: number, clock: () => Date): SessionStore {
  const cache = new Map<string, { value: ResolvedSession | null; until: number }>();
  return {
    async login(username, password, now) {
      const [user] = await db.select().from(users).where(eq(users.username, username));
      dummyHash ??= hash('not-a-password-at-all');
      const ok = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
      if (!user || !ok || user.disabled) return null;
      const token = randomBytes(32).toString('base64url');
      const id = sha256(token);
      await db.insert(sessions).values({ id, userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + ttlHours * 3600_000) });
      return { token, session: { sessionId: id, user: toSessionUser(user) } };
    },
    async resolve(token) {
      const id = sha256(token);
      const hit = cache.get(id);
      const nowMs = Date.now();
      if (hit && hit.until > nowMs) return hit.value;
      const [row] = await db
        .select({ user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, clock())));
      const value = row && !row.user.disabled ? { sessionId: id, user: toSessionUser(row.user) } : null;
      cache.set(id, { value, until: nowMs + CACHE_MS });
      if (cache.size > 10_000) cache.clear();
      return value;
    },
    async revoke(sessionId) {
      await db.update(sessions).set({ revokedAt: clock() }).where(eq(sessions.id, sessionId));
      cache.delete(sessionId);
    },
    forgetUser(userId) {
      for (const [key, entry] of cache) if (entry.value?.user.id === userId) cache.delete(key);
    },
    async revokeUser(userId, executor = db) {
      const rows = await executor
        .update(sessions)
        .set({ revokedAt: clock() })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      return rows.length;
    },
  };
}

export function toSessionUser(u: typeof users.$inferSelect): SessionUser {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role as Role, hospitalId: u.hospitalId };
}

/** Sessions ended (expired or revoked) longer ago than this are deleted by the sweep. */
const SESSION_KEEP_MS = 24 * 3600_000;
export const SESSION_SWEEP_MS = 3600_000;

/** Delete sessions that ended more than a day before `now`; run by the leader only (app.ts). */
export async function sweepSessions(db: Db, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - SESSION_KEEP_MS);
  await db.delete(sessions).where(or(lt(sessions.expiresAt, cutoff), lt(sessions.revokedAt, cutoff)));
}
