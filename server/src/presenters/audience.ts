/**
 * What each audience may see, applied to the server's shapes. The rules themselves are the visibility
 * policy in shared/src/domain/visibility.ts; this only binds them to calls, users and logged entities.
 */
import { audienceOf, presentCallbackFor, presentCallFor, presentLineFor, roomOf, type Audience, type Call, type CallbackRecord, type EntityType, type LineLogged } from '@dispatch/shared';

export { audienceOf, roomOf, type Audience };

/** Strip what an audience must not see from a call. */
export function presentCall(audience: Audience, call: Call): Call {
  // Without the phone the shape is still a Call for every screen: the field is optional on the wire.
  return presentCallFor(audience, call);
}

/** Present any logged entity state for an audience; null means the audience must not get it. */
export function presentEntity(audience: Audience, entity: EntityType, data: unknown): unknown {
  if (data === null || data === undefined) return data;
  if (entity === 'call') return presentCall(audience, data as Call);
  if (entity === 'line') return presentLineFor(audience, data as LineLogged);
  if (entity === 'callback') return presentCallbackFor(audience, data as CallbackRecord);
  if (entity === 'user') return audience.kind === 'overview' ? stripSecrets(data) : null;
  return data;
}

function stripSecrets(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const { passwordHash: _h, ...rest } = data as Record<string, unknown>;
  return rest;
}
