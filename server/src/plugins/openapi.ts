/**
 * The OpenAPI description at /docs (UI) and /docs/json: request and response schemas from the routes' zod
 * schemas, security from each route's config.roles, one tag per resource. Responses are serialised by a
 * plain JSON.stringify: the schemas describe and the test enforces, production neither strips nor throws
 * (docs/decisions/0012-response-schemas-document-and-test.md).
 */
import type { FastifyInstance, FastifySerializerCompiler } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema } from '@dispatch/shared';
import { SESSION_COOKIE, CSRF_HEADER } from './auth.ts';

/** Pass-through: a response is sent as the route built it, whatever its declared schema (ADR 0012). */
export const passThroughSerializer: FastifySerializerCompiler<unknown> = () => (data) => JSON.stringify(data);

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** What an operation's `security` says for these roles and this method (plugins/auth.ts is the rule it describes). */
export function securityFor(roles: readonly string[] | 'public' | undefined, method: string): Array<Record<string, string[]>> {
  if (roles === 'public' || roles === undefined) return [];
  const list = [...roles];
  // OpenAPI 3.1 lets a non-OAuth requirement list the roles it needs.
  const cookie: Record<string, string[]> = SAFE_METHODS.includes(method) ? { session: list } : { session: list, csrf: [] };
  return [cookie, { bearer: list }];
}

const securitySchemes = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'Browser session: POST /api/auth/login sets this HttpOnly, SameSite=Strict cookie. Writes also need the csrf header.',
  },
  csrf: {
    type: 'apiKey',
    in: 'header',
    name: CSRF_HEADER,
    description: `On every write made with the session cookie: ${CSRF_HEADER}: dispatch, and an Origin of this site or ALLOWED_ORIGINS (a cross-site form can send neither). Not needed with a bearer token.`,
  },
  bearer: {
    type: 'http',
    scheme: 'bearer',
    description: 'Service accounts and tools (the AVL gateway): the token POST /api/auth/login returns when sent with X-Client: service.',
  },
  metricsToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'GET /metrics only: METRICS_TOKEN. Without METRICS_TOKEN set, /metrics answers a direct loopback peer and no one else.',
  },
} as const;

const TAGS = ['auth', 'calls', 'units', 'transports', 'hospitals', 'alerts', 'stats', 'reports', 'interop', 'city', 'telephony', 'seats', 'callbacks', 'crew', 'admin', 'system'];

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 429 | 503;

/**
 * A route's `response`: its success schemas and the error shape for the 4xx/5xx it answers. Every route
 * behind a login answers 401 and 403 (role, CSRF); writes answer 429 (rate limit) and 503 (read-only).
 */
export function replies<S extends Record<number, z.ZodType | { content: Record<string, { schema: z.ZodType }> }>, E extends ErrorStatus>(
  success: S,
  errors: readonly E[],
): S & Record<Exclude<E, keyof S>, typeof ApiErrorSchema> {
  const out: Record<number, unknown> = { ...success };
  for (const status of errors) out[status] ??= ApiErrorSchema;
  return out as S & Record<Exclude<E, keyof S>, typeof ApiErrorSchema>;
}

/** Error statuses by kind of route, so routes list only what is their own (404, 409). */
export const READ = [401, 403] as const;
export const WRITE = [400, 401, 403, 429, 503] as const;

/** A text response (CSV, XML, Prometheus) in the description: its media type and that it is a string. */
export const textReply = (mediaType: string, description: string) => ({ description, content: { [mediaType]: { schema: z.string() } } });

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '120 dispatch API',
        version: '1.0.0',
        description: 'The REST API of the 120 dispatch console. Live updates are Socket.IO (docs/realtime.md), not described here.',
      },
      components: { securitySchemes },
      tags: TAGS.map((name) => ({ name })),
    },
    transform: (doc) => {
      const out = jsonSchemaTransform(doc);
      // A route without any schema still gets its security; only a hidden one is left as it is.
      const schema = (out.schema ?? {}) as { hide?: boolean };
      if (schema.hide) return out;
      const methods = Array.isArray(doc.route.method) ? doc.route.method : [doc.route.method];
      const roles = (doc.route.config as { roles?: readonly string[] | 'public' } | undefined)?.roles;
      const security = doc.url === '/metrics' ? [{ metricsToken: [] }] : securityFor(roles, methods[0] ?? 'GET');
      return { ...out, schema: { ...schema, security, ...(Array.isArray(roles) ? { 'x-roles': roles } : {}) } };
    },
    // Schemas with a .meta({ id }) (Call, Unit, ApiError ...) become components the operations refer to;
    // the provider also writes an input twin (CallInput ...) of each, which no request uses here.
    transformObject: (doc) => {
      const out = jsonSchemaTransformObject(doc);
      const schemas = (out as { components?: { schemas?: Record<string, unknown> } }).components?.schemas;
      if (schemas) {
        const text = JSON.stringify(out);
        for (const name of Object.keys(schemas)) if (name.endsWith('Input') && !text.includes(`"#/components/schemas/${name}"`)) delete schemas[name];
      }
      return out;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
}
