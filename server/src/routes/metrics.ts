/**
 * GET /metrics in Prometheus text format. Not a session route (config.roles 'public' to the session
 * check; the API docs show its own bearer scheme, metricsToken); its own guard decides: with METRICS_TOKEN set, a bearer token
 * compared in constant time; without one, only a direct loopback peer (a scraper on the same host),
 * never a request relayed by a proxy, so a load balancer on the same host does not publish it.
 */
import { replies, textReply } from '../plugins/openapi.ts';
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { App, AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/** Equal-length digests, so neither the comparison's time nor its early exit tells the token's length or prefix. */
function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Why this request may not read the metrics, or null when it may. */
export function metricsRefusal(req: FastifyRequest, token: string | undefined): AppError | null {
  if (token !== undefined) {
    const header = req.headers.authorization;
    const given = header?.startsWith('Bearer ') ? header.slice(7) : '';
    return sameSecret(given, token) ? null : new AppError(401, 'UNAUTHENTICATED', 'metrics need Authorization: Bearer <METRICS_TOKEN>');
  }
  // The socket's own peer, not req.ip: X-Forwarded-For (TRUST_PROXY) is the client's say-so.
  const peer = req.socket.remoteAddress ?? '';
  const relayed = FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined);
  if (LOOPBACK.has(peer) && !relayed) return null;
  return new AppError(403, 'FORBIDDEN', 'metrics are served to loopback only unless METRICS_TOKEN is set');
}

export async function metricsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/metrics', { config: { roles: 'public' }, schema: { tags: ['system'], response: replies({ 200: textReply('text/plain', 'Prometheus text exposition format 0.0.4') }, [401, 403]) } }, async (req, reply) => {
    const refusal = metricsRefusal(req, ctx.env.METRICS_TOKEN);
    if (refusal) throw refusal;
    const body = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).header('cache-control', 'no-store').send(body);
  });
}
