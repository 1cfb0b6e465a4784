/** /api/admin/users: accounts, roles, hospital binding, disable, password reset, log out everywhere. */
import { z } from 'zod';
import { SessionsRevoked, UserAccountSchema } from '@dispatch/shared';
import { READ, WRITE, replies } from '../../plugins/openapi.ts';
import { CreateUserBody, IdParams, UpdateUserBody } from '@dispatch/shared';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../plugins/auth.ts';
import { toUserAccount } from '../../presenters/accounts.ts';
import { createUserRepo, type UserRow } from '../../repositories/users.ts';
import { notFound } from '../../errors.ts';
import type { SessionControl } from '../../commands/admin/accounts.ts';
import { createUser } from '../../commands/admin/createUser.ts';
import { updateUser } from '../../commands/admin/updateUser.ts';
import { revokeUserSessions } from '../../commands/admin/revokeUserSessions.ts';

const ADMIN = ['admin'] as const;

export async function adminUserRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;
  // Revoked in the database inside the command; after commit the cache and the sockets go at once.
  const control: SessionControl = {
    revokeAll: (userId, tx) => ctx.sessions.revokeUser(userId, tx),
    endAll: (userId, reason) => {
      ctx.sessions.forgetUser(userId);
      ctx.hub().endSessions(`user:${userId}`, reason);
    },
  };
  const present = async (row: UserRow) => toUserAccount(row, (await createUserRepo(deps.db).activeSessionCounts(deps.clock())).get(row.id) ?? 0);

  app.get('/api/admin/users', { config: { roles: ADMIN }, schema: { tags: ['admin'], response: replies({ 200: z.array(UserAccountSchema) }, READ) } }, async () => {
    const repo = createUserRepo(deps.db);
    const counts = await repo.activeSessionCounts(deps.clock());
    return (await repo.list()).map((u) => toUserAccount(u, counts.get(u.id) ?? 0));
  });

  app.get('/api/admin/users/:id', { config: { roles: ADMIN }, schema: { tags: ['admin'], params: IdParams, response: replies({ 200: UserAccountSchema }, [...READ, 400, 404]) } }, async (req) => {
    const row = await createUserRepo(deps.db).get(req.params.id);
    if (!row) throw notFound('user', req.params.id);
    return present(row);
  });

  app.post('/api/admin/users', { config: { roles: ADMIN }, schema: { tags: ['admin'], body: CreateUserBody, response: replies({ 201: UserAccountSchema }, [...WRITE, 409]) } }, async (req, reply) =>
    reply.code(201).send(await present(await createUser(deps, actorOf(req), req.body))),
  );

  app.patch('/api/admin/users/:id', { config: { roles: ADMIN }, schema: { tags: ['admin'], params: IdParams, body: UpdateUserBody, response: replies({ 200: UserAccountSchema }, [...WRITE, 404, 409]) } }, async (req) =>
    present(await updateUser(deps, control, actorOf(req), req.params.id, req.body)),
  );

  app.delete('/api/admin/users/:id/sessions', { config: { roles: ADMIN }, schema: { tags: ['admin'], params: IdParams, response: replies({ 200: SessionsRevoked }, [...WRITE, 404]) } }, async (req) => {
    const { user, revoked } = await revokeUserSessions(deps, control, actorOf(req), req.params.id);
    return { user: await present(user), revoked };
  });
}
