/** Admin logs a person out everywhere (lost phone, shared screen left open). */
import type { Actor } from '../../events/log.ts';
import { notFound } from '../../errors.ts';
import { createUserRepo, type UserRow } from '../../repositories/users.ts';
import { runCommand, type Deps } from '../deps.ts';
import { logUser, type SessionControl } from './accounts.ts';

export async function revokeUserSessions(deps: Deps, control: SessionControl, actor: Actor, userId: number): Promise<{ user: UserRow; revoked: number }> {
  const result = await runCommand(deps, actor, async (tx, log) => {
    const user = await createUserRepo(tx).getForUpdate(userId);
    if (!user) throw notFound('user', userId);
    const revoked = await control.revokeAll(userId, tx);
    logUser(log, 'user.sessionsRevoked', user, user);
    return { user, revoked };
  });
  control.endAll(userId, 'logged out by an administrator');
  return result;
}
