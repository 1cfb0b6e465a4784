/** /api/auth: log in (cookie for browsers, token for tools), log out, who am I. */
import { LoginReply, LogoutReply, SessionUserSchema } from '@dispatch/shared';
import { READ, replies } from '../plugins/openapi.ts';
import { LoginBody } from '@dispatch/shared';
import type { App, AppContext } from '../context.ts';
import { SESSION_COOKIE, userOf } from '../plugins/auth.ts';
import { AppError } from '../errors.ts';

export async function authRoutes(app: App, ctx: AppContext): Promise<void> {
  const secure = ctx.env.COOKIE_SECURE ?? false;
  // Two budgets: per account and address (after the body is read, so the account is known), and per address
  // for all accounts together. A centre's seats share one address: counting per address alone locked a
  // shift change out after ten logins.
  const perAddress = app.createRateLimit({ max: ctx.env.RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MIN, timeWindow: 60_000, keyGenerator: (req) => `login-address:${req.ip}` });
  const accountOf = (req: { body?: unknown }) => {
    const name = (req.body as { username?: unknown } | undefined)?.username;
    return typeof name === 'string' ? name.trim().toLowerCase().slice(0, 100) : '';
  };
  app.post(
    '/api/auth/login',
    {
      config: { roles: 'public', rateLimit: { max: ctx.env.RATE_LIMIT_LOGIN_PER_MIN, timeWindow: 60_000, hook: 'preHandler', keyGenerator: (req) => `login:${req.ip}:${accountOf(req)}` } },
      onRequest: async (req, reply) => {
        const limit = await perAddress(req);
        if (limit.isAllowed || !limit.isExceeded) return;
        reply.header('retry-after', limit.ttlInSeconds);
        throw new AppError(429, 'RATE_LIMITED', 'too many logins from this address: wait a minute');
      },
      schema: { tags: ['auth'], body: LoginBody, response: replies({ 200: LoginReply }, [400, 401, 429, 503]) },
    },
    async (req, reply) => {
      const result = await ctx.sessions.login(req.body.username, req.body.password, ctx.deps.clock());
      if (!result) throw new AppError(401, 'BAD_CREDENTIALS', 'username or password is wrong');
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure,
        path: '/',
        maxAge: ctx.env.SESSION_TTL_HOURS * 3600,
      });
      // Only non-browser clients (gateway, tools) ask for the token itself.
      const wantsToken = req.headers['x-client'] === 'service';
      return { user: result.session.user, ...(wantsToken ? { token: result.token } : {}) };
    },
  );

  app.post('/api/auth/logout', { config: { roles: ['dispatcher', 'nurse', 'command', 'admin', 'gateway', 'telephony'] }, schema: { tags: ['auth'], response: replies({ 200: LogoutReply }, [401, 403, 429, 503]) } }, async (req, reply) => {
    if (req.sessionId) {
      await ctx.sessions.revoke(req.sessionId);
      ctx.hub().endSessions(`session:${req.sessionId}`, 'logged out');
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/auth/me', { config: { roles: ['dispatcher', 'nurse', 'command', 'admin', 'gateway', 'telephony'] }, schema: { tags: ['auth'], response: replies({ 200: SessionUserSchema }, READ) } }, async (req) => userOf(req));
}
