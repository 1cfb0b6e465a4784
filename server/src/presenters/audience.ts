/** What each role may see: one function per shape, used by REST answers, snapshots and pushes alike. */
import type { Call, EntityType, SessionUser } from '@dispatch/shared';

/** Who hears a push: dispatch seats see everything; overview (command, admin) sees no caller phone; a hospital sees its own patients. */
export type Audience = { kind: 'dispatch' } | { kind: 'overview' } | { kind: 'hospital'; hospitalId: number };

export function audienceOf(user: SessionUser): Audience | null {
  switch (user.role) {
    case 'dispatcher':
      return { kind: 'dispatch' };
    case 'command':
    case 'admin':
      return { kind: 'overview' };
    case 'nurse':
      return user.hospitalId ? { kind: 'hospital', hospitalId: user.hospitalId } : null;
    default:
      return null;
  }
}

export function roomOf(audience: Audience): string {
  return audience.kind === 'hospital' ? `hospital:${audience.hospitalId}` : audience.kind;
}

/** Strip what a role must not see from a call. */
export function presentCall(audience: Audience, call: Call): Call {
  if (audience.kind === 'dispatch') return call;
  const { callerPhone: _phone, ...rest } = call;
  if (audience.kind === 'overview') return rest;
  // Hospital staff need the patient, not the caller or the home address.
  return { ...rest, address: '' };
}

/** Present any logged entity state for an audience; null means the audience must not get it. */
export function presentEntity(audience: Audience, entity: EntityType, data: unknown): unknown {
  if (data === null || data === undefined) return data;
  if (entity === 'call') return presentCall(audience, data as Call);
  if (entity === 'user') return audience.kind === 'overview' ? stripSecrets(data) : null;
  return data;
}

function stripSecrets(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const { passwordHash: _h, ...rest } = data as Record<string, unknown>;
  return rest;
}
