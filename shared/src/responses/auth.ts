/** Responses of /api/auth. */
import { z } from 'zod';
import { SessionUserSchema } from './entities.ts';

/** POST /api/auth/login: the user; the token only for a client that sent `X-Client: service`. */
export const LoginReply = z.strictObject({
  user: SessionUserSchema,
  token: z.string().optional().meta({ description: 'Bearer token for service clients (X-Client: service); browsers get the sid cookie only' }),
});

/** POST /api/auth/logout. */
export const LogoutReply = z.strictObject({ ok: z.literal(true) });
