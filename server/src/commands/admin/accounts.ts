/** Steps the account commands share: the nurse's hospital binding, the log entry, ending sessions after commit. */
import type { EventName, Role } from '@dispatch/shared';
import type { Tx } from '../../db/client.ts';
import type { EventBuffer } from '../../events/log.ts';
import { invalid } from '../../errors.ts';
import { toUserAccount } from '../../presenters/accounts.ts';
import { createHospitalRepo } from '../../repositories/hospitals.ts';
import type { UserRow } from '../../repositories/users.ts';

/** What must happen outside the transaction when an account loses its sessions. */
export interface SessionControl {
  /** Revoke the user's live sessions in this transaction; returns how many. */
  revokeAll(userId: number, tx: Tx): Promise<number>;
  /** After commit: drop cached sessions and disconnect the user's sockets at once. */
  endAll(userId: number, reason: string): void;
}

/** A nurse works for exactly one hospital; other roles are not bound to one. */
export async function hospitalBinding(tx: Tx, role: Role, hospitalId: number | null | undefined): Promise<number | null> {
  if (role !== 'nurse') return null;
  if (hospitalId === null || hospitalId === undefined) throw invalid('hospitalId', 'a nurse must be bound to a hospital');
  if (!(await createHospitalRepo(tx).get(hospitalId))) throw invalid('hospitalId', `hospital ${hospitalId} does not exist`);
  return hospitalId;
}

export function logUser(log: EventBuffer, name: EventName, before: UserRow | null, after: UserRow): void {
  log.add({ name, entity: 'user', entityId: after.id, before: before ? logged(before) : null, after: logged(after) });
}

/** The account as the log keeps it: no hash, and no session count (that is not a change). */
function logged(row: UserRow) {
  const { activeSessions: _sessions, ...account } = toUserAccount(row);
  return account;
}
