/** Admin opens an account: role, and for a nurse the hospital she works for. */
import type { z } from 'zod';
import type { CreateUserBody } from '@dispatch/shared';
import { hashPassword } from '../../auth/sessions.ts';
import type { Actor } from '../../events/log.ts';
import { toUserAccount } from '../../presenters/accounts.ts';
import { createUserRepo, type UserRow } from '../../repositories/users.ts';
import { runCommand, type Deps } from '../deps.ts';
import { hospitalBinding, logUser } from './accounts.ts';
import { duplicate, duplicateAsConflict } from './unique.ts';

export async function createUser(deps: Deps, actor: Actor, input: z.infer<typeof CreateUserBody>): Promise<UserRow> {
  // Hash before the transaction: argon2 is slow on purpose and must not hold row locks.
  const passwordHash = await hashPassword(input.password);
  return runCommand(deps, actor, async (tx, log, now) => {
    const repo = createUserRepo(tx);
    const existing = await repo.getByUsername(input.username);
    if (existing) throw duplicate('username', input.username, toUserAccount(existing));
    const hospitalId = await hospitalBinding(tx, input.role, input.hospitalId);
    const row = await repo.insert({ username: input.username, displayName: input.displayName, passwordHash, role: input.role, hospitalId, createdAt: now });
    logUser(log, 'user.created', null, row);
    return row;
  }).catch((error: unknown) => {
    throw duplicateAsConflict(error, 'username', input.username);
  });
}
