/** The leader's session sweep: sessions that ended over a day ago go, live and recently ended ones stay. */
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/harness.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import { sweepSessions } from './sessions.ts';

let database: Database;
beforeAll(async () => {
  database = await openDatabase({ url: (await createTestDatabase()).url, dataDir: 'unused', poolSize: 2 });
});
afterAll(() => database?.close());

it('deletes sessions expired or revoked more than a day ago, and nothing else', async () => {
  const [user] = await database.db.select({ id: users.id }).from(users).limit(1);
  if (!user) throw new Error('seeded users expected');
  const now = new Date('2026-12-01T12:00:00Z');
  const h = (hours: number) => new Date(now.getTime() + hours * 3600_000);
  const rows = [
    { id: 'sweep-live', createdAt: h(-1), expiresAt: h(11), revokedAt: null },
    { id: 'sweep-expired-recently', createdAt: h(-20), expiresAt: h(-2), revokedAt: null },
    { id: 'sweep-expired-long-ago', createdAt: h(-40), expiresAt: h(-28), revokedAt: null },
    { id: 'sweep-revoked-recently', createdAt: h(-3), expiresAt: h(9), revokedAt: h(-2) },
    { id: 'sweep-revoked-long-ago', createdAt: h(-30), expiresAt: h(9), revokedAt: h(-25) },
  ];
  await database.db.insert(sessions).values(rows.map((r) => ({ ...r, userId: user.id })));
  await sweepSessions(database.db, now);
  const left = await database.db.select({ id: sessions.id }).from(sessions).where(inArray(sessions.id, rows.map((r) => r.id)));
  expect(left.map((r) => r.id).sort()).toEqual(['sweep-expired-recently', 'sweep-live', 'sweep-revoked-recently']);
});
