/** Who is asking: session cookie (browsers) or bearer token (gateways, tools); roles per route. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mayActForHospital, type Role, type SessionUser } from '@dispatch/shared';
import type { SessionStore } from '../auth/sessions.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../events/log.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    sessionId: string | null;
    authVia: 'cookie' | 'bearer' | null;
  }
  interface FastifyContextConfig {
    /** Roles allowed; 'public' for no login at all. */
    roles?: readonly Role[] | 'public';
  }
}

export const SESSION_COOKIE = 'sid';
/** Browsers must send this header on writes; a cross-site form cannot. */
export const CSRF_HEADER = 'x-requested-with';

export function registerAuth(app: FastifyInstance, sessions: SessionStore, isOriginAllowed: (origin: string | undefined, host: string | undefined) => boolean): void {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('authVia', null);
  app.addHook('onRequest', async (request) => {
    // Decide by the matched route, never by the raw URL: '/%61pi/admin/users' is routed to
    // '/api/admin/users' but does not start with '/api'. No route matched: the 404 handler answers.
    if (request.routeOptions.url === undefined) return;
    const roles = request.routeOptions.config.roles;
    if (roles === 'public') return;
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const token = bearer ?? request.cookies[SESSION_COOKIE];
    const session = token ? await sessions.resolve(token) : null;
    if (!session) throw new AppError(401, 'UNAUTHENTICATED', 'log in first');
    request.user = session.user;
    request.sessionId = session.sessionId;
    request.authVia = bearer ? 'bearer' : 'cookie';
    if (request.authVia === 'cookie' && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      if (request.headers[CSRF_HEADER] !== 'dispatch' || !isOriginAllowed(request.headers.origin, request.headers.host)) {
        throw new AppError(403, 'CSRF', `writes from a browser need the ${CSRF_HEADER} header and an allowed origin`);
      }
    }
    if (!roles) throw new AppError(403, 'FORBIDDEN', 'this route has no roles configured');
    if (!roles.includes(session.user.role)) throw new AppError(403, 'FORBIDDEN', `not allowed for role ${session.user.role}`);
  });
}

/** The logged-in user of a route that requires one. */
export function userOf(request: FastifyRequest): SessionUser {
  if (!request.user) throw new AppError(401, 'UNAUTHENTICATED', 'log in first');
  return request.user;
}

export function actorOf(request: FastifyRequest): Actor {
  const u = userOf(request);
  return { id: u.id, name: u.username, role: u.role, hospitalId: u.hospitalId };
}

/** A nurse acts only for her own hospital; other roles pass (the rule: mayActForHospital). */
export function requireOwnHospital(user: SessionUser, hospitalId: number | null): void {
  if (!mayActForHospital(user, hospitalId)) {
    throw new AppError(403, 'FORBIDDEN', 'staff act only for their own hospital');
  }
}

/** Same-origin always; otherwise only the configured list. No Origin header: a non-browser client. */
export function createOriginCheck(allowed: string[]): (origin: string | undefined, host: string | undefined) => boolean {
  const list = new Set(allowed.filter(Boolean));
  return (origin, host) => {
    if (!origin) return true;
    if (list.has(origin)) return true;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  };
}
