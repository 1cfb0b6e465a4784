/**
 * The OpenAPI description (/docs/json) against the running app: every /api route of the app's own route
 * table is in it, with a response schema, the security its roles say, and no catch-all; and a real
 * response from every route validates against what the description declares for its status, strictly
 * (unknown keys rejected), so a presenter and its schema cannot drift apart unnoticed (ADR 0012).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBody, login, passwordOf, startTestServer, type ApiResponse, type TestServer } from './harness.ts';
import { agentFor, apiRoutes, fillPath, makeIds, PRINCIPALS, type Ids, type Principal } from './security/fixtures.ts';
import { cixiFiles } from './city/bundle.ts';
import { startSimulator, type Simulator } from '../src/demo/simulator.ts';
import type { Agent } from './harness.ts';

interface Operation {
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  'x-roles'?: string[];
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface Spec {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
}

/** Fastify's `/api/calls/:id` is OpenAPI's `/api/calls/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
/** A JSON pointer token (RFC 6901). */
const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** One real request; `as` is a role the route lets in, `expect` the status it must answer. */
interface Step {
  route: string;
  as: Principal;
  path?: string;
  body?: unknown;
  headers?: Record<string, string>;
  expect: number;
  /** Keeps an answer for later steps. */
  keep?: (res: ApiResponse) => void;
}

describe('OpenAPI description (/docs/json) matches the running app', () => {
  let server: TestServer;
  let ids: Ids;
  let spec: Spec;
  let ajv: Ajv2020;
  const agents = new Map<Principal, Agent>();
  const validators = new Map<string, ValidateFunction>();

  let clientDist: string;

  beforeAll(async () => {
    // A built client, so the static files and the client-route fallback are registered and must stay out of the description.
    clientDist = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-client-'));
    fs.writeFileSync(path.join(clientDist, 'index.html'), '<!doctype html><title>120</title>');
    fs.mkdirSync(path.join(clientDist, 'assets'));
    fs.writeFileSync(path.join(clientDist, 'assets', 'app.js'), 'export {};');
    server = await startTestServer({ env: { CLIENT_DIST: clientDist } });
    ids = await makeIds(server);
    for (const who of PRINCIPALS) agents.set(who, await agentFor(server, who));
    const res = await fetch(`${server.url}/docs/json`);
    expect(res.status).toBe(200);
    spec = (await res.json()) as Spec;
    // The whole description is one schema document, so `$ref: '#/components/schemas/Call'` resolves.
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(spec, 'openapi');
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(clientDist, { recursive: true, force: true });
  });

  const operation = (method: string, url: string): Operation | undefined => spec.paths[openApiPath(url)]?.[method.toLowerCase()];

  /** The declared schema of a response, for its status and media type, or undefined when none is declared. */
  function validatorFor(method: string, url: string, status: number, mediaType: string): ValidateFunction | undefined {
    const key = `${method} ${url} ${status} ${mediaType}`;
    const known = validators.get(key);
    if (known) return known;
    const content = operation(method, url)?.responses?.[String(status)]?.content;
    if (!content?.[mediaType]?.schema) return undefined;
    const ref = `openapi#/paths/${pointer(openApiPath(url))}/${method.toLowerCase()}/responses/${status}/content/${pointer(mediaType)}/schema`;
    const validate = ajv.compile({ $ref: ref });
    validators.set(key, validate);
    return validate;
  }

  it('lists every /api route of the route table with a success schema, security from its roles, and no catch-all', () => {
    const routes = apiRoutes(server);
    expect(routes.length).toBeGreaterThan(45);
    const problems: string[] = [];
    for (const route of routes) {
      const op = operation(route.method, route.url);
      if (!op) {
        problems.push(`${route.method} ${route.url}: not in the description`);
        continue;
      }
      const statuses = Object.keys(op.responses ?? {});
      const success = statuses.filter((s) => s.startsWith('2'));
      if (success.length === 0) problems.push(`${route.method} ${route.url}: no success response`);
      for (const s of success) if (!Object.values(op.responses?.[s]?.content ?? {}).some((c) => c.schema)) problems.push(`${route.method} ${route.url}: ${s} without a schema`);
      if (!op.tags?.length) problems.push(`${route.method} ${route.url}: no tag`);
      if (route.roles === 'public') {
        if ((op.security ?? []).length > 0) problems.push(`${route.method} ${route.url}: public but declares security`);
      } else {
        const roles = [...(route.roles ?? [])].sort();
        const write = !['GET', 'HEAD'].includes(route.method);
        const expected = [write ? { session: roles, csrf: [] } : { session: roles }, { bearer: roles }];
        const got = (op.security ?? []).map((req) => Object.fromEntries(Object.entries(req).map(([k, v]) => [k, [...v].sort()])));
        if (JSON.stringify(got) !== JSON.stringify(expected)) problems.push(`${route.method} ${route.url}: security ${JSON.stringify(got)}, roles ${JSON.stringify(roles)}`);
        for (const s of ['401', '403']) if (!statuses.includes(s)) problems.push(`${route.method} ${route.url}: no ${s}`);
      }
    }
    expect(problems).toEqual([]);
    // Nothing but the routes: no client-route fallback, no static files, no docs pages (all of them are registered).
    expect(server.routes.some((r) => r.url === '/*')).toBe(true);
    expect(server.routes.some((r) => r.url === '/assets/app.js')).toBe(true);
    const documented = Object.keys(spec.paths);
    expect(documented.filter((p) => p.includes('*') || p.startsWith('/docs'))).toEqual([]);
    const known = new Set(server.routes.map((r) => openApiPath(r.url)));
    expect(documented.filter((p) => !known.has(p))).toEqual([]);
    expect(documented.filter((p) => !p.startsWith('/api/'))).toEqual(['/metrics', '/livez', '/readyz', '/healthz']);
  });

  it('describes the real authentication: session cookie with the CSRF header for writes, bearer for services', () => {
    expect(spec.openapi).toBe('3.1.0');
    const s = spec.components.securitySchemes;
    expect(s.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'sid' });
    expect(s.csrf).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-requested-with' });
    expect(s.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(operation('GET', '/metrics')?.security).toEqual([{ metricsToken: [] }]);
  });

  it('declares the CSV, XML, GeoJSON and Prometheus answers under their media types', () => {
    const mediaTypes = (method: string, url: string) => Object.keys(operation(method, url)?.responses?.['200']?.content ?? {});
    expect(mediaTypes('GET', '/api/reports/daily.csv')).toEqual(['text/csv']);
    expect(mediaTypes('GET', '/api/interop/nemsis.csv')).toEqual(['text/csv']);
    expect(mediaTypes('GET', '/api/interop/have')).toEqual(['application/xml']);
    expect(mediaTypes('GET', '/api/city/map/{layer}')).toEqual(['application/geo+json']);
    expect(mediaTypes('GET', '/metrics')).toEqual(['text/plain']);
    expect(mediaTypes('GET', '/api/calls')).toEqual(['application/json']);
  });

  it('a real answer from every route validates strictly against its declared schema', async () => {
    const kept: Record<string, number> = {};
    const today = new Date().toISOString().slice(0, 10);
    const id = (name: string) => {
      const value = kept[name];
      if (value === undefined) throw new Error(`no ${name} kept by an earlier step`);
      return value;
    };
    const demo: { sim: Simulator | null } = { sim: null };
    const steps: Array<Step | (() => Step | Promise<Step>)> = [
      { route: 'GET /livez', as: 'nobody', expect: 200 },
      { route: 'GET /readyz', as: 'nobody', expect: 200 },
      { route: 'GET /healthz', as: 'nobody', expect: 200 },
      { route: 'GET /metrics', as: 'nobody', expect: 200 },
      { route: 'GET /api/config', as: 'nobody', expect: 200 },
      { route: 'POST /api/auth/login', as: 'nobody', body: { username: 'command', password: 'wrong' }, expect: 401 },
      { route: 'POST /api/auth/login', as: 'nobody', body: { username: 'command', password: passwordOf('command') }, headers: { 'x-client': 'service' }, expect: 200 },
      { route: 'GET /api/auth/me', as: 'gateway', expect: 200 },
      { route: 'GET /api/calls', as: 'dispatcher', path: '/api/calls?open=true', expect: 200 },
      { route: 'GET /api/calls/:id', as: 'dispatcher', expect: 200 },
      { route: 'GET /api/calls/:id', as: 'nurse', expect: 200 },
      { route: 'GET /api/calls/:id', as: 'dispatcher', path: '/api/calls/999999', expect: 404 },
      { route: 'POST /api/calls', as: 'dispatcher', body: callBody({ callerPhone: '13911112222' }), expect: 201, keep: (r) => (kept.call = r.body.id) },
      { route: 'POST /api/calls', as: 'dispatcher', body: callBody({ lon: 0, lat: 0 }), expect: 400 },
      () => ({ route: 'PATCH /api/calls/:id', as: 'dispatcher', path: `/api/calls/${id('call')}`, body: { notes: 'gate code 4711' }, expect: 200 }),
      { route: 'GET /api/calls/check', as: 'dispatcher', path: '/api/calls/check?phone=13911112222&lon=121.262&lat=30.172', expect: 200 },
      () => ({ route: 'GET /api/calls/:id/suggestions', as: 'dispatcher', path: `/api/calls/${id('call')}/suggestions`, expect: 200, keep: (r) => (kept.unit = r.body.units[0].unitId) }),
      () => ({ route: 'POST /api/calls/:id/assign', as: 'dispatcher', path: `/api/calls/${id('call')}/assign`, body: { unitId: id('unit') }, expect: 201 }),
      () => ({ route: 'POST /api/calls/:id/assign', as: 'dispatcher', path: `/api/calls/${id('call')}/assign`, body: { unitId: id('unit') }, expect: 409 }),
      { route: 'POST /api/calls', as: 'dispatcher', body: callBody({ callerPhone: '13922223333' }), expect: 201, keep: (r) => (kept.first = r.body.id) },
      { route: 'POST /api/calls', as: 'dispatcher', body: callBody({ callerPhone: '13922223333' }), expect: 201, keep: (r) => (kept.repeat = r.body.id) },
      () => ({ route: 'POST /api/calls/:id/merge', as: 'dispatcher', path: `/api/calls/${id('repeat')}/merge`, body: { intoCallId: id('first') }, expect: 200 }),
      () => ({ route: 'POST /api/calls/:id/status', as: 'dispatcher', path: `/api/calls/${id('first')}/status`, body: { status: 'cancelled', outcome: 'cancelled', reason: 'caller rang back: not needed' }, expect: 200 }),
      { route: 'GET /api/geocode', as: 'dispatcher', path: `/api/geocode?q=${encodeURIComponent('浒山')}`, expect: 200 },
      { route: 'GET /api/units', as: 'command', expect: 200 },
      () => ({ route: 'GET /api/units/:id', as: 'dispatcher', path: `/api/units/${id('unit')}`, expect: 200 }),
      () => ({ route: 'POST /api/units/:id/status', as: 'gateway', path: `/api/units/${id('unit')}/status`, body: { status: 'en_route' }, expect: 200 }),
      () => ({ route: 'POST /api/units/:id/status', as: 'gateway', path: `/api/units/${id('unit')}/status`, body: { status: 'at_hospital' }, expect: 409 }),
      () => ({ route: 'POST /api/units/positions', as: 'gateway', body: { fixes: [{ unitId: id('unit'), lon: 121.27, lat: 30.18, heading: 90, speedKmh: 40, at: Date.now() }] }, expect: 200 }),
      // The matrix's transport (severe patient to H01, the nurse's hospital): accepted, driven there, handed over.
      { route: 'POST /api/transports/:id/accept', as: 'nurse', expect: 200 },
      ...['en_route', 'on_scene', 'transporting'].map((status) => ({ route: 'POST /api/units/:id/status', as: 'gateway' as const, body: { status }, expect: 200 })),
      { route: 'POST /api/transports/:id/arrive', as: 'nurse', expect: 200 },
      { route: 'POST /api/transports/:id/handover', as: 'nurse', expect: 200 },
      // A second severe patient to H01: declined there, then sent where the suggestions say.
      { route: 'POST /api/calls', as: 'dispatcher', body: callBody({ clinicalClass: 'severe' }), expect: 201, keep: (r) => (kept.severe = r.body.id) },
      () => ({ route: 'GET /api/calls/:id/suggestions', as: 'dispatcher', path: `/api/calls/${id('severe')}/suggestions`, expect: 200, keep: (r) => (kept.ccUnit = r.body.units[0].unitId) }),
      () => ({ route: 'POST /api/calls/:id/assign', as: 'dispatcher', path: `/api/calls/${id('severe')}/assign`, body: { unitId: id('ccUnit'), hospitalId: 1 }, expect: 201, keep: (r) => (kept.transport = r.body.transport.id) }),
      () => ({ route: 'POST /api/transports/:id/decline', as: 'nurse', path: `/api/transports/${id('transport')}/decline`, body: { reason: 'no_icu_bed', note: 'last bed taken' }, expect: 200 }),
      () => ({ route: 'GET /api/calls/:id/suggestions', as: 'command', path: `/api/calls/${id('severe')}/suggestions`, expect: 200, keep: (r) => (kept.fallback = r.body.hospitals[0].hospitalId) }),
      () => ({ route: 'POST /api/transports/:id/destination', as: 'dispatcher', path: `/api/transports/${id('transport')}/destination`, body: { hospitalId: id('fallback') }, expect: 200 }),
      // The crew terminal: a patient assigned, the crew signed on to the unit, its job, taps, an undo, vitals, sign-off.
      { route: 'GET /api/crew/job', as: 'crew', expect: 409 },
      { route: 'POST /api/calls', as: 'dispatcher', body: callBody({ callerPhone: '13955556666' }), expect: 201, keep: (r) => (kept.crewCall = r.body.id) },
      () => ({
        route: 'GET /api/calls/:id/suggestions',
        as: 'dispatcher',
        path: `/api/calls/${id('crewCall')}/suggestions`,
        expect: 200,
        keep: (r) => {
          kept.crewUnit = r.body.units[0].unitId;
          kept.crewHospital = r.body.hospitals[0].hospitalId;
        },
      }),
      () => ({ route: 'POST /api/calls/:id/assign', as: 'dispatcher', path: `/api/calls/${id('crewCall')}/assign`, body: { unitId: id('crewUnit'), hospitalId: id('crewHospital') }, expect: 201, keep: (r) => (kept.crewTransport = r.body.transport.id) }),
      () => ({ route: 'POST /api/crew/shift', as: 'crew', body: { unitId: id('crewUnit') }, expect: 200 }),
      { route: 'GET /api/crew/job', as: 'crew', expect: 200 },
      { route: 'POST /api/crew/status', as: 'crew', body: { status: 'on_scene' }, expect: 409 },
      { route: 'POST /api/crew/status', as: 'crew', body: { status: 'acknowledged', expectedStatus: 'dispatched' }, expect: 200 },
      { route: 'POST /api/crew/status/undo', as: 'crew', expect: 200 },
      { route: 'POST /api/crew/status/undo', as: 'crew', expect: 409 },
      { route: 'POST /api/crew/status', as: 'crew', body: { status: 'acknowledged' }, expect: 200 },
      { route: 'POST /api/crew/vitals', as: 'crew', body: { spo2: 200 }, expect: 400 },
      { route: 'POST /api/crew/vitals', as: 'crew', body: { spo2: 88, heartRate: 110, systolic: 128, diastolic: 80, avpu: 'alert', oxygenLpm: 4, note: '鼻导管吸氧' }, expect: 200 },
      { route: 'GET /api/crew/job', as: 'crew', expect: 200 },
      () => ({ route: 'GET /api/transports/:id/vitals', as: 'dispatcher', path: `/api/transports/${id('crewTransport')}/vitals`, expect: 200 }),
      { route: 'GET /api/transports/:id/vitals', as: 'nurse', expect: 200 },
      { route: 'GET /api/transports/:id/vitals', as: 'nurse', path: '/api/transports/999999/vitals', expect: 404 },
      { route: 'POST /api/crew/shift/end', as: 'crew', expect: 200 },
      { route: 'POST /api/crew/shift/end', as: 'crew', expect: 409 },
      // The phone side: a seat signed in, a ring and an answer from the CTI gateway, a duplicate, an unknown line.
      { route: 'POST /api/seats/sign-in', as: 'dispatcher', body: { seat: 2 }, expect: 200 },
      { route: 'POST /api/seats/sign-in', as: 'dispatcher', body: { seat: 9999 }, expect: 404 },
      { route: 'POST /api/seats/:seat/state', as: 'dispatcher', path: '/api/seats/2/state', body: { state: 'away' }, expect: 200 },
      { route: 'POST /api/seats/:seat/state', as: 'dispatcher', path: '/api/seats/2/state', body: { state: 'wrap_up' }, expect: 409 },
      { route: 'POST /api/seats/:seat/state', as: 'dispatcher', path: '/api/seats/2/state', body: { state: 'ready' }, expect: 200 },
      ...[200, 200].map((status) => ({
        route: 'POST /api/telephony/events',
        as: 'telephony' as const,
        body: { events: [{ eventId: 'schema-ring-1', lineId: 1, kind: 'ringing', at: new Date(Date.now() - 5000).toISOString(), callerNumber: '13911112222', location: { lon: 121.27, lat: 30.17, accuracyM: 200, source: 'carrier' } }, { eventId: 'schema-answer-1', lineId: 1, kind: 'answered', at: new Date().toISOString(), callerNumber: '13911112222', seat: 2 }] },
        expect: status,
      })),
      { route: 'POST /api/telephony/events', as: 'telephony', body: { events: [{ eventId: 'schema-x', lineId: 99999, kind: 'ringing', at: new Date().toISOString(), callerNumber: '13911112222' }] }, expect: 404 },
      { route: 'GET /api/seats', as: 'command', expect: 200 },
      // Seat 2 is on the call the answer put it on: not signed out until the call ends.
      { route: 'POST /api/seats/sign-out', as: 'dispatcher', expect: 409 },
      { route: 'POST /api/telephony/events', as: 'telephony', body: { events: [{ eventId: 'schema-end-1', lineId: 1, kind: 'ended', at: new Date().toISOString(), callerNumber: '13911112222' }] }, expect: 200 },
      { route: 'POST /api/seats/sign-out', as: 'dispatcher', expect: 200 },
      // A caller who hung up before an answer: on the callback list, called back; re-contact of a waiting call.
      { route: 'POST /api/telephony/events', as: 'telephony', body: { events: [{ eventId: 'schema-ring-3', lineId: 3, kind: 'ringing', at: new Date(Date.now() - 40_000).toISOString(), callerNumber: '13933334444' }, { eventId: 'schema-gone-3', lineId: 3, kind: 'abandoned', at: new Date(Date.now() - 10_000).toISOString(), callerNumber: '13933334444' }] }, expect: 200 },
      { route: 'GET /api/callbacks', as: 'dispatcher', expect: 200 },
      { route: 'POST /api/callbacks', as: 'dispatcher', body: { attemptEventId: 'schema-ring-3', outcome: 'no_answer' }, expect: 200 },
      { route: 'POST /api/callbacks', as: 'dispatcher', body: { attemptEventId: 'schema-none', outcome: 'reached' }, expect: 404 },
      { route: 'GET /api/callbacks', as: 'command', expect: 200 },
      { route: 'POST /api/calls', as: 'dispatcher', body: callBody({ callerPhone: '13944445555' }), expect: 201, keep: (r) => (kept.waiting = r.body.id) },
      () => ({ route: 'POST /api/calls/:id/recontact', as: 'dispatcher', path: `/api/calls/${id('waiting')}/recontact`, body: { outcome: 'reached', clinicalClass: 'mild', reason: 'fever down, walking' }, expect: 200 }),
      () => ({ route: 'POST /api/calls/:id/recontact', as: 'dispatcher', path: `/api/calls/${id('waiting')}/recontact`, body: { outcome: 'reached', clinicalClass: 'severe' }, expect: 400 }),
      () => ({ route: 'POST /api/calls/:id/recontact', as: 'dispatcher', path: `/api/calls/${id('first')}/recontact`, body: { outcome: 'reached' }, expect: 409 }),
      // Answering from the console: seat 2 takes the ringing line 1 with one key; a second press finds nothing ringing.
      { route: 'POST /api/seats/sign-in', as: 'dispatcher', body: { seat: 2 }, expect: 200 },
      // Stamped when the step runs, after the end above (steps' other times are taken when the list is built).
      () => ({ route: 'POST /api/telephony/events', as: 'telephony', body: { events: [{ eventId: 'schema-ring-2', lineId: 1, kind: 'ringing', at: new Date(Date.now() + 1000).toISOString(), callerNumber: '13911112222', location: { lon: 121.27, lat: 30.17, accuracyM: 120, source: 'handset' } }] }, expect: 200 }),
      { route: 'POST /api/seats/:seat/answer', as: 'dispatcher', path: '/api/seats/2/answer', expect: 200 },
      { route: 'POST /api/seats/:seat/answer', as: 'dispatcher', path: '/api/seats/2/answer', expect: 409 },
      { route: 'GET /api/telephony/lines', as: 'telephony', expect: 200 },
      { route: 'GET /api/calls/history', as: 'dispatcher', path: '/api/calls/history?number=13911112222&lon=121.27&lat=30.17&accuracyM=120', expect: 200 },
      { route: 'GET /api/calls/history', as: 'dispatcher', path: '/api/calls/history?number=abc', expect: 400 },
      () => ({ route: 'POST /api/telephony/events', as: 'telephony', body: { events: [{ eventId: 'schema-end-2', lineId: 1, kind: 'ended', at: new Date(Date.now() + 2000).toISOString(), callerNumber: '13911112222' }] }, expect: 200 }),
      { route: 'POST /api/seats/:seat/state', as: 'dispatcher', path: '/api/seats/2/state', body: { state: 'ready' }, expect: 200 },
      { route: 'POST /api/seats/sign-out', as: 'dispatcher', expect: 200 },
      { route: 'GET /api/hospitals', as: 'nurse', expect: 200 },
      { route: 'GET /api/stations', as: 'admin', expect: 200 },
      { route: 'GET /api/hospitals/:id/today', as: 'nurse', path: '/api/hospitals/1/today', expect: 200 },
      { route: 'GET /api/hospitals/:id/today', as: 'nurse', path: '/api/hospitals/2/today', expect: 403 },
      { route: 'PATCH /api/hospitals/:id/capacity', as: 'nurse', path: '/api/hospitals/1/capacity', body: { edStatus: 'saturated', feverClinicWaitMin: 25 }, expect: 200 },
      { route: 'POST /api/hospitals/:id/transfers', as: 'nurse', path: '/api/hospitals/1/transfers', body: { complaint: 'needs dialysis', clinicalClass: 'common', toHospitalId: 2 }, expect: 201 },
      { route: 'PUT /api/settings/thresholds', as: 'command', body: { minFreeUnits: 1000 }, expect: 200 },
      { route: 'GET /api/settings/thresholds', as: 'dispatcher', expect: 200 },
      // The monitor runs by hand in tests: 1000 free units wanted raises a low-units alert.
      async () => {
        await server.ctx.alertMonitor.tick();
        return { route: 'GET /api/alerts', as: 'command', expect: 200, keep: (r) => (kept.alert = r.body[0]?.id) };
      },
      () => ({ route: 'POST /api/alerts/:id/ack', as: 'dispatcher', path: `/api/alerts/${id('alert')}/ack`, expect: 200 }),
      { route: 'GET /api/stats/now', as: 'command', expect: 200 },
      { route: 'GET /api/stats/trends', as: 'command', expect: 200 },
      { route: 'GET /api/stats/centre', as: 'command', expect: 200 },
      { route: 'GET /api/stats/centre', as: 'dispatcher', path: `/api/stats/centre?day=${today}`, expect: 200 },
      { route: 'GET /api/stats/dispatchers', as: 'command', expect: 200 },
      { route: 'GET /api/stats/dispatchers', as: 'dispatcher', expect: 403 },
      { route: 'GET /api/stats/trends', as: 'dispatcher', path: `/api/stats/trends?day=${today}`, expect: 200 },
      { route: 'GET /api/reports/daily', as: 'command', path: `/api/reports/daily?day=${today}`, expect: 200 },
      { route: 'GET /api/reports/daily', as: 'admin', expect: 200 },
      { route: 'GET /api/reports/daily.csv', as: 'admin', expect: 200 },
      { route: 'GET /api/interop/have', as: 'gateway', expect: 200 },
      { route: 'GET /api/interop/nemsis.csv', as: 'command', expect: 200 },
      { route: 'GET /api/interop/nemsis.csv', as: 'command', path: '/api/interop/nemsis.csv?day=yesterday', expect: 400 },
      { route: 'GET /api/city', as: 'nurse', expect: 200 },
      { route: 'GET /api/city/map/:layer', as: 'dispatcher', path: '/api/city/map/districts.geojson', expect: 200 },
      { route: 'GET /api/city/map/:layer', as: 'dispatcher', path: '/api/city/map/places.geojson?v=1', expect: 200 },
      { route: 'GET /api/city/map/:layer', as: 'dispatcher', path: '/api/city/map/roads.geojson', expect: 200 },
      { route: 'GET /api/city/map/:layer', as: 'dispatcher', path: '/api/city/map/water.geojson', expect: 200 },
      { route: 'POST /api/demo/surge', as: 'command', body: { on: true }, expect: 409 },
      { route: 'GET /api/admin/users', as: 'admin', expect: 200 },
      { route: 'GET /api/admin/users/:id', as: 'admin', expect: 200 },
      { route: 'POST /api/admin/users', as: 'admin', body: { username: 'schema.check', displayName: 'Schema Check', password: 'a-long-enough-pw', role: 'nurse', hospitalId: 1 }, expect: 201, keep: (r) => (kept.user = r.body.id) },
      () => ({ route: 'PATCH /api/admin/users/:id', as: 'admin', path: `/api/admin/users/${id('user')}`, body: { displayName: 'Schema Checked' }, expect: 200 }),
      { route: 'DELETE /api/admin/users/:id/sessions', as: 'admin', expect: 200 },
      { route: 'POST /api/admin/stations', as: 'admin', body: { name: '校验站', nameEn: 'Check Station', lon: 121.25, lat: 30.17 }, expect: 201, keep: (r) => (kept.station = r.body.id) },
      () => ({ route: 'PATCH /api/admin/stations/:id', as: 'admin', path: `/api/admin/stations/${id('station')}`, body: { nameEn: 'Checked Station' }, expect: 200 }),
      () => ({ route: 'POST /api/admin/units', as: 'admin', body: { callSign: 'CHK-01', kind: 'standard', stationId: id('station') }, expect: 201, keep: (r) => (kept.newUnit = r.body.id) }),
      () => ({ route: 'PATCH /api/admin/units/:id', as: 'admin', path: `/api/admin/units/${id('newUnit')}`, body: { hasTerminal: false }, expect: 200 }),
      { route: 'POST /api/admin/hospitals', as: 'admin', body: { code: 'CHK1', name: '校验医院', nameEn: 'Check Hospital', kind: 'township', lon: 121.26, lat: 30.16 }, expect: 201, keep: (r) => (kept.hospital = r.body.id) },
      () => ({ route: 'PATCH /api/admin/hospitals/:id', as: 'admin', path: `/api/admin/hospitals/${id('hospital')}`, body: { nameEn: 'Checked Hospital' }, expect: 200 }),
      { route: 'GET /api/admin/events', as: 'admin', path: '/api/admin/events?entity=call&limit=50', expect: 200 },
      { route: 'POST /api/admin/city/import', as: 'admin', body: { files: { 'stations.csv': 'code\n' } }, expect: 400 },
      { route: 'POST /api/admin/city/import', as: 'admin', body: { files: cixiFiles() }, expect: 200 },
      // The surge switch answers only with the demo running: the real simulator, slow, as surgeSwitch.test.ts runs it.
      () => {
        demo.sim = startSimulator({ baseUrl: server.url, env: server.ctx.env, log: server.app.log, seed: 7, speedup: 1, warmUp: { calls: 0, dispatched: 0 } });
        server.ctx.demo = demo.sim;
        return { route: 'POST /api/demo/surge', as: 'admin', body: { on: true }, expect: 200 };
      },
      // Last: it ends the caller's own session.
      { route: 'POST /api/auth/logout', as: 'gateway', expect: 200 },
    ];

    const failures: string[] = [];
    const exercised = new Set<string>();
    try {
      for (const entry of steps) {
        const step = typeof entry === 'function' ? await entry() : entry;
        const [method = 'GET', url = ''] = step.route.split(' ');
        const agent = step.as === 'gateway' && url === '/api/auth/logout' ? await agentFor(server, 'gateway') : agents.get(step.as);
        if (!agent) throw new Error(`no agent for ${step.as}`);
        const path = step.path ?? fillPath(url, ids);
        const res = await agent.request(method, path, method === 'GET' || method === 'DELETE' ? undefined : (step.body ?? {}), step.headers);
        const where = `${step.route} (${path} as ${step.as})`;
        if (res.status !== step.expect) {
          failures.push(`${where}: expected ${step.expect}, got ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          continue;
        }
        step.keep?.(res);
        if (res.status < 300) exercised.add(step.route);
        const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
        const validate = validatorFor(method, url, res.status, mediaType);
        if (!validate) {
          failures.push(`${where}: ${res.status} ${mediaType} is not declared`);
          continue;
        }
        if (!validate(res.body)) failures.push(`${where}: ${res.status} does not match its schema: ${ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 600)}`);
      }
    } finally {
      await demo.sim?.stop();
      server.ctx.demo = null;
    }
    expect(failures).toEqual([]);
    // Every route of the table had a real success answer checked: a new route needs a step here.
    expect(apiRoutes(server).map((r) => `${r.method} ${r.url}`).filter((r) => !exercised.has(r))).toEqual([]);
  });

  it('the 401 and 403 answers of every guarded route match the declared error shape', async () => {
    const failures: string[] = [];
    const nobody = agents.get('nobody');
    const nurse = agents.get('nurse');
    if (!nobody || !nurse) throw new Error('agents missing');
    for (const route of apiRoutes(server).filter((r) => r.roles !== 'public')) {
      const path = fillPath(route.url, ids);
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
      const answers = [await nobody.request(route.method, path, body)];
      if (Array.isArray(route.roles) && !route.roles.includes('nurse')) answers.push(await nurse.request(route.method, path, body));
      for (const res of answers) {
        const validate = validatorFor(route.method, route.url, res.status, 'application/json');
        if (!validate) failures.push(`${route.method} ${route.url}: ${res.status} not declared`);
        else if (!validate(res.body)) failures.push(`${route.method} ${route.url}: ${res.status} ${ajv.errorsText(validate.errors)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a session cookie still works for writes with the CSRF header, as the description says', async () => {
    const browser = await login(server, 'dispatcher', 'cookie');
    const res = await browser.post('/api/calls', callBody());
    expect(res.status).toBe(201);
    const noHeader = await fetch(`${server.url}/api/calls`, { method: 'POST', headers: { cookie: `sid=${browser.token ?? ''}`, 'content-type': 'application/json' }, body: JSON.stringify(callBody()) });
    expect(noHeader.status).toBe(403);
  });
});
