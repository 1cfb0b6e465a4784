/**
 * Malformed and hostile payloads to every route in the route table and every socket event: no 5xx,
 * no crash, and a rejected request stores nothing (event log and every table unchanged). The corpus
 * is fixed and the per-field picks come from a seeded generator, so every run sends the same requests.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { anonymous, connectConsole, login, startTestServer, type Agent, type TestServer } from '../harness.ts';
import { rowsOf } from '../../src/repositories/units.ts';
import { agentFor, apiRoutes, CLIENT_EVENTS, emitWithAck, fillPath, makeIds, openSocket, type ApiRoute, type Ids, type Principal } from './fixtures.ts';

/** mulberry32: a tiny seeded generator. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const deep = (depth: number): unknown => (depth === 0 ? 'bottom' : { a: deep(depth - 1) });
/** JSON values no field should choke on. */
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  1.5,
  -1e308,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  // Issue 16: an id just beyond int32, a time beyond what a Date holds, one ten years ahead.
  2_147_483_648,
  8.64e15 + 1,
  Date.now() + 10 * 365 * 86_400_000,
  '',
  '   ',
  [],
  {},
  [1, 2, 3],
  "' OR '1'='1' --",
  "1; DROP TABLE events; --",
  "Robert'); DROP TABLE users;--",
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  'x'.repeat(200_000),
  'nul\u0000byte',
  'lone \ud800 surrogate',
  '\udc00 lone low surrogate',
  'ends on a high surrogate \ud83d',
  '0001-01-01',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '\u202etxt.exe \u200b\ufeff',
  '🚑'.repeat(500),
  '../../../etc/passwd',
  '{{7*7}}${7*7}',
  'NaN',
  { $gt: '' },
  JSON.parse('{"__proto__": {"role": "admin"}}'),
  { constructor: { prototype: { role: 'admin' } } },
  deep(200),
  Array.from({ length: 10_000 }, () => null),
];

/** Raw bodies: [content-type, body]. */
const RAW_BODIES: [string | null, string | Uint8Array][] = [
  ['application/json', '{"a":'],
  ['application/json', 'NaN'],
  ['application/json', '{"lat": NaN, "lon": Infinity}'],
  ['application/json', '{"lat": 1e999}'],
  ['application/json', '"just a string"'],
  ['application/json', '[]'],
  ['application/json', 'null'],
  ['application/json', '['.repeat(20_000) + ']'.repeat(20_000)],
  ['application/json', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)],
  ['application/json', '{"__proto__": {"role": "admin"}}'],
  ['application/json', '{"constructor": {"prototype": {"role": "admin"}}}'],
  ['application/json', '\ufeff{}'],
  ['application/json', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ['text/plain', 'hello'],
  ['application/xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'],
  ['application/x-www-form-urlencoded', 'role=admin&__proto__[x]=1'],
  ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
  [null, '{"no":"content-type"}'],
];

const HOSTILE_PATH_SEGMENTS = ['-1', '1.5', 'NaN', '1e309', '99999999999999999999', '2147483648', '4294967296', "1'%20OR%20'1'%3D'1", '%00', '__proto__', '%F0%9F%9A%91', 'x'.repeat(3000)];
const HOSTILE_QUERY = ["'%20OR%201%3D1--", '%3Cscript%3E', '1e999', '%00', 'x'.repeat(3000), '2147483648', '9007199254740993', '0001-01-01', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z'];

/** Places no call, station, hospital or fix of a Cixi centre can be at (issue 16). */
const FAR_PLACES = [
  { lon: 0, lat: 0 },
  { lon: 116.4, lat: 39.9 },
];
/** Fixes that once poisoned the fleet: beyond a Date, ten years ahead, two days late, at null island, in Beijing. */
const POISONED_FIXES = (unitId: number) => [
  { unitId, lon: 121.27, lat: 30.17, at: 8.64e15 + 1 },
  { unitId, lon: 121.27, lat: 30.17, at: Date.now() + 10 * 365 * 86_400_000 },
  { unitId, lon: 121.27, lat: 30.17, at: Date.now() - 2 * 86_400_000 },
  { unitId, lon: 0, lat: 0, at: Date.now() },
  { unitId, lon: 116.4, lat: 39.9, at: Date.now() },
  { unitId: 2_147_483_648, lon: 121.27, lat: 30.17, at: Date.now() },
];

/** Known formats for string fields with a pattern, so a base body is valid and one field at a time is hostile. */
const PATTERN_SAMPLES: Record<string, string> = { callerPhone: '13800138000', callerNumber: '13800138000', username: 'fuzz.user', callSign: 'FZ-01', code: 'FZ1', password: 'fuzz-password-1' };
/** A place in the city, so a base body gets past the city bounds and one field at a time is hostile. */
const CITY_POINT: Record<string, number> = { lon: 121.27, lat: 30.17 };

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  minimum?: number;
  minLength?: number;
  items?: JsonSchema;
  minItems?: number;
  anyOf?: JsonSchema[];
  format?: string;
}

/** A body the schema likely accepts: the first enum value, the minimum, a short string. */
function sample(schema: JsonSchema, name = ''): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf?.[0]) return sample(schema.anyOf[0], name);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object') return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(v, k)]));
  if (type === 'array') return schema.items ? Array.from({ length: schema.minItems ?? 1 }, () => sample(schema.items as JsonSchema)) : [];
  if (type === 'integer' || type === 'number') return name === 'at' ? Date.now() : (CITY_POINT[name] ?? Math.max(schema.minimum ?? 1, 1));
  if (type === 'boolean') return false;
  if (schema.format === 'date-time') return new Date().toISOString();
  return PATTERN_SAMPLES[name] ?? 'fuzz'.padEnd(schema.minLength ?? 1, 'z');
}

/** Who calls a route in the fuzz: someone it lets in, so the payload reaches validation and the handler. */
function callerFor(route: ApiRoute): Principal {
  if (route.roles === 'public') return 'nobody';
  const roles = route.roles as readonly string[];
  for (const who of ['dispatcher', 'admin', 'nurse', 'command', 'gateway', 'telephony', 'crew'] as const) if (roles.includes(who)) return who;
  throw new Error(`no caller for ${route.url}`);
}

describe('fuzz: hostile payloads to every route and socket event', () => {
  let server: TestServer;
  let ids: Ids;
  let tables: string[];
  const agents = new Map<Principal, Agent>();
  const failures: string[] = [];
  let sent = 0;
  let current = '';
  let logoutAgent: Agent | null = null;

  /** The event log's head and the row count of every table, in one query. */
  async function footprint(): Promise<string> {
    const counts = tables.map((t) => sql`(select count(*) from ${sql.identifier(t)})::text`);
    const row = rowsOf<{ f: string }>(await server.database.db.execute(sql`select concat_ws(',', (select coalesce(max(seq), 0) from events)::text, ${sql.join(counts, sql`, `)}) as f`))[0];
    return row?.f ?? '';
  }

  async function send(route: ApiRoute, label: string, path: string, body?: { type: string | null; data: string | Uint8Array }): Promise<void> {
    const who = callerFor(route);
    // Logging out ends the caller's session: it gets one of its own, renewed after each success.
    const isLogout = route.url === '/api/auth/logout';
    if (isLogout && !logoutAgent) {
      logoutAgent = await agentFor(server, who);
      current = await footprint();
    }
    const agent = isLogout ? logoutAgent : agents.get(who);
    if (!agent) throw new Error(`no agent for ${who}`);
    const headers = agent.headers(body?.type ? { 'content-type': body.type } : {});
    let status: number;
    let text: string;
    try {
      const res = await fetch(server.url + path, { method: route.method, headers, body: body?.data });
      status = res.status;
      text = await res.text();
    } catch (error) {
      failures.push(`${route.method} ${route.url} ${label}: request failed ${String(error)}`);
      return;
    }
    sent++;
    if (status >= 500) failures.push(`${route.method} ${route.url} ${label}: ${status} ${text.slice(0, 160)}`);
    // One query per request: a rejected one must leave the footprint as the last accepted one left it.
    const after = await footprint();
    if (status >= 400 && after !== current) failures.push(`${route.method} ${route.url} ${label}: rejected with ${status} but stored something`);
    current = after;
    if (isLogout && status < 400) logoutAgent = null;
    if (/\n\s+at |"stack"/.test(text)) failures.push(`${route.method} ${route.url} ${label}: stack trace in answer`);
  }

  beforeAll(async () => {
    server = await startTestServer({ env: { ALERT_MONITOR: 'off' } });
    ids = await makeIds(server);
    for (const who of ['nobody', 'dispatcher', 'nurse', 'command', 'admin', 'gateway', 'telephony', 'crew'] as const) agents.set(who, await agentFor(server, who));
    tables = rowsOf<{ t: string }>(
      await server.database.db.execute(sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`),
    ).map((r) => r.t);
    current = await footprint();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    failures.length = 0;
  });

  it('every route with a body survives malformed bodies and hostile values in every field', async () => {
    const doc = server.app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> };
    const random = seeded(120);
    const bodyRoutes = apiRoutes(server).filter((r) => r.method !== 'GET' && r.method !== 'DELETE');
    expect(bodyRoutes.length).toBeGreaterThan(15);
    for (const route of bodyRoutes) {
      const path = fillPath(route.url, ids);
      for (const [i, [type, data]] of RAW_BODIES.entries()) await send(route, `raw#${i}`, path, { type, data });
      const openApiPath = route.url.replace(/:(\w+)/g, '{$1}');
      const schema = doc.paths[openApiPath]?.[route.method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
      const base = schema ? (sample(schema) as Record<string, unknown>) : {};
      for (const field of Object.keys(base)) {
        // Three hostile values per field, the same three every run.
        for (let k = 0; k < 3; k++) {
          const value = HOSTILE_VALUES[Math.floor(random() * HOSTILE_VALUES.length)];
          await send(route, `${field}=#${HOSTILE_VALUES.indexOf(value)}`, path, { type: 'application/json', data: JSON.stringify({ ...base, [field]: value }) });
        }
      }
      // The control characters and the prototype keys go to every route, not only by chance.
      await send(route, 'nul-everywhere', path, { type: 'application/json', data: JSON.stringify(Object.fromEntries(Object.keys(base).map((k) => [k, 'a\u0000b']))) });
      await send(route, 'proto-merge', path, { type: 'application/json', data: JSON.stringify(base).replace(/^\{/, '{"__proto__":{"role":"admin"},') });
      // Issue 16's shapes on every route that takes them: far places, poisoned fixes, lone surrogates in every field.
      if ('lon' in base || 'lat' in base) {
        for (const [i, place] of FAR_PLACES.entries()) await send(route, `far#${i}`, path, { type: 'application/json', data: JSON.stringify({ ...base, ...place }) });
      }
      if ('fixes' in base) {
        for (const [i, poisoned] of POISONED_FIXES(ids.unitId).entries()) {
          const batch = [{ unitId: ids.unitId, lon: 121.27, lat: 30.17, at: Date.now() }, poisoned];
          await send(route, `poisoned-fix#${i}`, path, { type: 'application/json', data: JSON.stringify({ fixes: batch }) });
        }
      }
      await send(route, 'surrogate-everywhere', path, { type: 'application/json', data: JSON.stringify(Object.fromEntries(Object.keys(base).map((k) => [k, 'a\ud800b']))) });
    }
    expect(failures).toEqual([]);
  });

  it('every route survives hostile path parameters and query strings', async () => {
    for (const route of apiRoutes(server)) {
      const withBody = route.method === 'GET' || route.method === 'DELETE' ? undefined : { type: 'application/json', data: '{}' };
      if (route.url.includes(':')) {
        for (const segment of HOSTILE_PATH_SEGMENTS) {
          const path = fillPath(route.url, ids).split('/').map((part, i) => (route.url.split('/')[i]?.startsWith(':') ? segment : part)).join('/');
          await send(route, `path=${segment.slice(0, 20)}`, path, withBody);
        }
      }
      const base = fillPath(route.url, ids);
      for (const value of HOSTILE_QUERY) {
        const q = ['id', 'limit', 'afterSeq', 'beforeSeq', 'entity', 'entityId', 'user', 'from', 'to', 'day', 'open', 'phone', 'lat'].map((k) => `${k}=${value}`).join('&');
        await send(route, `query=${value.slice(0, 20)}`, `${base}?${q}&__proto__[role]=admin&constructor[prototype][role]=admin&a[]=1&a[]=2`, withBody);
      }
    }
    expect(failures).toEqual([]);
  });

  it('every socket event survives hostile arguments, and unknown events are ignored', async () => {
    const dispatcher = await login(server, 'dispatcher');
    const before = await footprint();
    const ARGS: unknown[][] = [[], [null], ['str'], [42], [{ lastSeq: 1e300 }], [{ lastSeq: -5 }], [{ lastSeq: 1.5 }], [{ lastSeq: 'x' }], [{ lastSeq: { $gt: 0 } }], [{ lastSeq: [1] }], [deep(500)], ['x'.repeat(60_000)], [JSON.parse('{"__proto__": {"lastSeq": 0}}')], [{ lastSeq: 0 }, 'extra', 'args']];
    for (const event of CLIENT_EVENTS) {
      const socket = await openSocket(server, { token: dispatcher.token });
      try {
        for (const args of ARGS) {
          const answer = await emitWithAck(socket, event, args, 3000);
          if (event === 'ping' && typeof answer !== 'number') failures.push(`ping ${JSON.stringify(args).slice(0, 40)}: ${JSON.stringify(answer)}`);
          if (event === 'resync' && !(answer && typeof answer === 'object' && 'ok' in answer)) failures.push(`resync ${JSON.stringify(args).slice(0, 40)}: ${String(answer)}`);
          // Without an ack function the server must simply ignore it.
          (socket.emit as (ev: string, ...a: unknown[]) => void)(event, ...args);
        }
        expect(socket.connected, event).toBe(true);
      } finally {
        socket.close();
      }
    }
    // Names the server does not handle (some of them names of its own pushes or of object internals).
    for (const event of ['snapshot', 'event', 'events', 'join', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const socket = await openSocket(server, { token: dispatcher.token });
      let answered = 0;
      for (const args of ARGS.slice(0, 12)) (socket.emit as (ev: string, ...a: unknown[]) => void)(event, ...args, () => answered++);
      // A ping sent after them comes back after them: by then they were all handled (ignored).
      expect(typeof (await emitWithAck(socket, 'ping', [1])), event).toBe('number');
      expect(answered, event).toBe(0);
      expect(socket.connected, event).toBe(true);
      socket.close();
    }
    expect(failures).toEqual([]);
    expect(await footprint()).toBe(before);
  });

  it("is still healthy afterwards, and sent a bounded, real amount of traffic", async () => {
    console.info(`fuzz: ${sent} HTTP requests`);
    expect((await anonymous(server).get('/healthz')).status).toBe(200);
    expect((await agents.get('dispatcher')?.get('/api/calls'))?.status).toBe(200);
    // Nothing sent above poisoned the fleet: the list, the figures and a console snapshot still come.
    expect((await agents.get('dispatcher')?.get('/api/units'))?.status).toBe(200);
    expect((await agents.get('command')?.get('/api/stats/now'))?.status).toBe(200);
    const seat = connectConsole(server, await login(server, 'dispatcher'));
    try {
      await seat.ready;
      expect(seat.snapshots[0]?.units.length).toBeGreaterThan(0);
    } finally {
      seat.close();
    }
    expect(sent).toBeGreaterThan(800);
    expect(sent).toBeLessThan(3000);
  });
});
