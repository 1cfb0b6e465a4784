/**
 * Admin changes an account: name, role, hospital, disabled, or a new password. Anything that changes
 * what the person may do ends their sessions at once, so the change takes effect now, not at next login.
 */
import type { z } from 'zod';
import type { Role, UpdateUserBody } from '@dispatch/shared';
import { hashPassword } from '../../auth/sessions.ts';
import type { Actor } from '../../events/log.ts';
import { conflict, notFound } from '../../errors.ts';
import { toUserAccount } from '../../presenters/accounts.ts';
import { createUserRepo, type NewUserRow, type UserRow } from '../../repositories/users.ts';
import { runCommand, type Deps } from '../deps.ts';
import { hospitalBinding, logUser, type SessionControl } from './accounts.ts';
import { endShiftOn, lockShiftUnit } from '../crew.ts';

export async function updateUser(
  deps: Deps,
  control: SessionControl,
  actor: Actor,
  userId: number,
  input: z.infer<typeof UpdateUserBody>,
): Promise<UserRow> {
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  let endReason: string | null = null;
  const after = await runCommand(deps, actor, async (tx, log, now) => {
    const repo = createUserRepo(tx);
    // A crew member's unit first (the lock order): disabling the account or taking the role away ends the shift.
    const shiftUnit = await lockShiftUnit(tx, userId);
    const before = await repo.getForUpdate(userId);
    if (!before) throw notFound('user', userId);
    const role = input.role ?? (before.role as Role);
    const disabled = input.disabled ?? before.disabled;
    // An admin who locks herself out leaves the centre with no one to fix accounts.
    if (userId === actor.id && (disabled || role !== 'admin')) {
      throw conflict('SELF_LOCKOUT', 'you cannot disable your own account or take away your own admin role', toUserAccount(before));
    }
    const hospitalId = await hospitalBinding(tx, role, input.hospitalId !== undefined ? input.hospitalId : before.hospitalId);
    const patch: Partial<NewUserRow> = { role, hospitalId, disabled };
    if (input.displayName !== undefined) patch.displayName = input.displayName;
    if (passwordHash !== undefined) patch.passwordHash = passwordHash;
    const row = await repo.update(userId, patch);
    if (shiftUnit && (disabled || role !== 'crew')) await endShiftOn(tx, log, userId, shiftUnit, now);
    const accessChanged = role !== before.role || hospitalId !== before.hospitalId || (disabled && !before.disabled);
    if (accessChanged || row.displayName !== before.displayName || row.disabled !== before.disabled) logUser(log, 'user.updated', before, row);
    // The hash never enters the log; the entry records that a reset happened and who did it.
    if (passwordHash !== undefined) logUser(log, 'user.passwordReset', before, row);
    if (accessChanged || passwordHash !== undefined) {
      await control.revokeAll(userId, tx);
      endReason = disabled ? 'account disabled' : passwordHash !== undefined ? 'password reset' : 'role or hospital changed';
    }
    return row;
  });
  if (endReason) control.endAll(userId, endReason);
  return after;
}
