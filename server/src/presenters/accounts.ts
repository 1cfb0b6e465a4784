/** Users as the admin screen and the audit log see them: never the password hash. */
import type { Role, UserAccount } from '@dispatch/shared';
import type { UserRow } from '../repositories/users.ts';

export function toUserAccount(r: UserRow, activeSessions = 0): UserAccount {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role as Role,
    hospitalId: r.hospitalId,
    disabled: r.disabled,
    createdAt: r.createdAt.toISOString(),
    activeSessions,
    version: r.version,
  };
}
