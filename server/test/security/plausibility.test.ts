/**
 * Bad data at the door (issue 16, failures 3 and 4): poisoned AVL fixes, ids beyond int32, lone surrogates,
 * year-0001 dates and places far outside the city are refused with 400 naming the field, and nothing is
 * stored; a row poisoned behind the API's back is logged and left out, never a 500 for the whole fleet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { anonymous, callBody, connectConsole, login, startTestServer, type Agent, type ApiResponse, type TestServer } from '../harness.ts';
import { rowsOf } from '../../src/repositories/units.ts';
import { apiRoutes } from './fixtures.ts';

const BEYOND_INT32 = 2_147_483_648;
const TEN_YEARS_MS = 10 * 365 * 86_400_000;
const NULL_ISLAND = { lon: 0, lat: 0 };
const BEIJING = { lon: 116.4, lat: 39.9 };

function expect400(res: ApiResponse, field: string, label = field): void {
  expect({ label, status: res.status, code: res.body?.code, field: res.body?.field }).toEqual({ label, status: 400, code: 'VALIDATION', field });
}

describe('plausibility at the door', () => {
  let server: TestServer;
  let gateway: Agent;
  let dispatcher: Agent;
  let admin: Agent;
  let command: Agent;
  let nurse: Agent;

  const head = async () => Number(rowsOf<{ s: string | number }>(await server.database.db.execute(sql`select coalesce(max(seq), 0) as s from events`))[0]?.s);
  const fix = (unitId: number, over: Record<string, unknown> = {}) => ({ unitId, lon: 121.27, lat: 30.17, heading: 0, speedKmh: 0, at: Date.now(), ...over });
  const unitRow = async (id: number) => rowsOf<{ lon: number; fix_at: unknown }>(await server.database.db.execute(sql`select lon, fix_at::text as fix_at from units where id = ${id}`))[0];

  /** The fleet, the stats, a console snapshot and readiness all still answer. */
  async function stillFine(): Promise<void> {
    expect((await dispatcher.get('/api/units')).status).toBe(200);
    expect((await dispatcher.get('/api/units/5')).status).toBe(200);
    expect((await command.get('/api/stats/now')).status).toBe(200);
    const seat = connectConsole(server, dispatcher);
    try {
      await seat.ready;
      expect(seat.snapshots[0]?.units.length).toBeGreaterThan(10);
    } finally {
      seat.close();
    }
    await server.ctx.alertMonitor.tick();
    expect((await anonymous(server).get('/healthz')).status).toBe(200);
  }

  beforeAll(async () => {
    server = await startTestServer();
    [gateway, dispatcher, admin, command, nurse] = await Promise.all([login(server, 'avl-gateway'), login(server, 'dispatcher'), login(server, 'admin'), login(server, 'command'), login(server, 'nurse')]);
  });
  afterAll(() => server.close());

  describe('poisoned fixes', () => {
    it('refuses a fix time beyond what a JavaScript Date holds, naming the field, and the fleet stays readable', async () => {
      const before = await unitRow(5);
      for (const at of [8.64e15 + 1, 9e15, Number.MAX_SAFE_INTEGER]) {
        expect400(await gateway.post('/api/units/positions', { fixes: [fix(5, { at })] }), 'fixes.0.at', `at=${at}`);
      }
      expect(await unitRow(5)).toEqual(before);
      await stillFine();
    });

    it('refuses a whole batch with one fix ten years ahead (it would freeze the unit) and writes none of it', async () => {
      const before = await Promise.all([1, 2, 3, 4].map(unitRow));
      const batch = [fix(1, { lon: 121.3 }), fix(2, { lon: 121.3 }), fix(3, { lon: 121.3 }), fix(4, { at: Date.now() + TEN_YEARS_MS })];
      expect400(await gateway.post('/api/units/positions', { fixes: batch }), 'fixes.3.at');
      expect(await Promise.all([1, 2, 3, 4].map(unitRow))).toEqual(before);
      // Also an hour ahead, and two days late.
      expect400(await gateway.post('/api/units/positions', { fixes: [fix(4), fix(4, { at: Date.now() + 3600_000 })] }), 'fixes.1.at');
      expect400(await gateway.post('/api/units/positions', { fixes: [fix(4, { at: Date.now() - 2 * 86_400_000 })] }), 'fixes.0.at');
      // A real fix still applies: the unit is not frozen.
      expect((await gateway.post('/api/units/positions', { fixes: [fix(4, { lon: 121.31 })] })).body).toEqual({ received: 1, applied: 1 });
      await stillFine();
    });

    it('refuses fixes far outside the city (null island, Beijing), naming the coordinate', async () => {
      expect400(await gateway.post('/api/units/positions', { fixes: [fix(6), fix(6, NULL_ISLAND)] }), 'fixes.1.lon', 'null island');
      expect400(await gateway.post('/api/units/positions', { fixes: [fix(6, BEIJING)] }), 'fixes.0.lon', 'Beijing');
      expect400(await gateway.post('/api/units/positions', { fixes: [fix(6, { lat: 39.9 })] }), 'fixes.0.lat', 'Cixi longitude, Beijing latitude');
      expect((await dispatcher.get('/api/units/6')).body.lon).not.toBe(0);
      await stillFine();
    });
  });

  describe('a row poisoned behind the API', () => {
    it('leaves the unit out of the fleet list and the snapshot (logged), not a 500, and readiness stays honest', async () => {
      await server.database.db.execute(sql`update units set fix_at = 'infinity' where id = 9`);
      await server.database.db.execute(sql`update units set lon = 'NaN' where id = 10`);
      const list = await dispatcher.get('/api/units');
      expect(list.status).toBe(200);
      const ids = (list.body as { id: number }[]).map((u) => u.id);
      expect(ids).not.toContain(9);
      expect(ids).not.toContain(10);
      expect(ids).toContain(11);
      const one = await dispatcher.get('/api/units/9');
      expect(one.status).toBe(409);
      expect(one.body.code).toBe('UNPRESENTABLE');
      expect((await dispatcher.get('/api/units/11')).status).toBe(200);
      expect((await dispatcher.get('/api/calls/check?phone=13800138000')).status).toBe(200);
      const seat = connectConsole(server, dispatcher);
      try {
        await seat.ready;
        const shown = seat.snapshots[0]?.units.map((u) => u.id) ?? [];
        expect(shown).toContain(11);
        expect(shown).not.toContain(9);
        expect(shown).not.toContain(10);
      } finally {
        seat.close();
      }
      expect((await command.get('/api/stats/now')).status).toBe(200);
      expect((await command.get('/api/stats/trends')).status).toBe(200);
      await server.ctx.alertMonitor.tick();
      expect((await anonymous(server).get('/healthz')).status).toBe(200);
      await server.database.db.execute(sql`update units set fix_at = now(), lon = 121.27 where id in (9, 10)`);
      expect((await dispatcher.get('/api/units/9')).status).toBe(200);
    });

    it('a unit frozen by a fix from the future (stored before the window) takes real fixes again after a restart', async () => {
      await server.database.db.execute(sql`update units set fix_at = now() + interval '10 years' where id = 12`);
      await server.database.db.execute(sql`update units set fix_at = 'infinity' where id = 13`);
      expect((await gateway.post('/api/units/positions', { fixes: [fix(12), fix(13)] })).body).toEqual({ received: 2, applied: 0 });
      const restarted = await startTestServer({ databaseUrl: server.databaseUrl });
      try {
        const gw = await login(restarted, 'avl-gateway');
        expect((await gw.post('/api/units/positions', { fixes: [fix(12, { lon: 121.32 }), fix(13, { lon: 121.33 })] })).body).toEqual({ received: 2, applied: 2 });
        const units = (await (await login(restarted, 'dispatcher')).get('/api/units')).body as { id: number; lon: number }[];
        expect(units.filter((u) => u.id === 12 || u.id === 13).map((u) => u.lon)).toEqual([121.32, 121.33]);
      } finally {
        await restarted.close();
      }
    });

    it('readiness answers 503 with a reason while the fleet cannot be listed, and 200 once it can', async () => {
      await server.database.db.execute(sql`alter table units rename column fix_at to fix_at_hidden`);
      try {
        expect((await dispatcher.get('/api/units')).status).toBe(500);
        const health = await anonymous(server).get('/healthz');
        expect(health.status).toBe(503);
        expect(health.body.reason).toMatch(/snapshot|stats/);
      } finally {
        await server.database.db.execute(sql`alter table units rename column fix_at_hidden to fix_at`);
      }
      expect((await anonymous(server).get('/healthz')).status).toBe(200);
    });
  });

  describe('ids beyond int32', () => {
    it('in every path with an id: 400 naming id', async () => {
      const routes = apiRoutes(server).filter((r) => r.url.includes('/:id'));
      expect(routes.length).toBeGreaterThan(20);
      const as: Record<string, Agent> = { dispatcher, admin, command, nurse, gateway };
      for (const route of routes) {
        const roles = route.roles as readonly string[];
        const who = ['dispatcher', 'admin', 'nurse', 'command', 'gateway'].find((r) => roles.includes(r === 'gateway' ? 'gateway' : r)) ?? 'admin';
        const agent = as[who] as Agent;
        const path = route.url.replace(':id', String(BEYOND_INT32));
        const res = await agent.request(route.method, path, route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
        expect400(res, 'id', `${route.method} ${route.url}`);
      }
    });

    it('in bodies and queries: 400 naming the field', async () => {
      const before = await head();
      const call = (await dispatcher.post('/api/calls', callBody())).body as { id: number };
      const after = await head();
      expect400(await dispatcher.post(`/api/calls/${call.id}/merge`, { intoCallId: BEYOND_INT32 }), 'intoCallId');
      expect400(await dispatcher.post(`/api/calls/${call.id}/assign`, { unitId: BEYOND_INT32 }), 'unitId');
      expect400(await dispatcher.post(`/api/calls/${call.id}/assign`, { unitId: 1, hospitalId: BEYOND_INT32 }), 'hospitalId');
      expect400(await dispatcher.post('/api/transports/1/destination', { hospitalId: BEYOND_INT32 }), 'hospitalId');
      expect400(await nurse.post('/api/hospitals/1/transfers', { complaint: 'x', clinicalClass: 'severe', toHospitalId: BEYOND_INT32 }), 'toHospitalId');
      expect400(await admin.post('/api/admin/units', { callSign: 'BIG-1', kind: 'standard', stationId: BEYOND_INT32 }), 'stationId');
      expect400(await admin.patch('/api/admin/units/1', { stationId: BEYOND_INT32 }), 'stationId');
      expect400(await admin.post('/api/admin/users', { username: 'big.one', displayName: 'Big', password: 'long-password-1', role: 'nurse', hospitalId: BEYOND_INT32 }), 'hospitalId');
      expect400(await admin.patch('/api/admin/users/1', { hospitalId: BEYOND_INT32 }), 'hospitalId');
      expect400(await gateway.post('/api/units/positions', { fixes: [fix(1), fix(BEYOND_INT32)] }), 'fixes.1.unitId');
      expect400(await admin.get(`/api/admin/events?entityId=${BEYOND_INT32}`), 'entityId');
      expect400(await admin.get('/api/admin/events?afterSeq=9007199254740993'), 'afterSeq');
      expect400(await admin.get('/api/admin/events?beforeSeq=1e300'), 'beforeSeq');
      // A seq is a bigint: beyond int32 is a fine seq, just one not reached yet.
      expect((await admin.get(`/api/admin/events?afterSeq=${BEYOND_INT32}`)).body).toEqual([]);
      expect((await admin.get(`/api/admin/events?beforeSeq=${BEYOND_INT32}&limit=1`)).status).toBe(200);
      expect(after).toBeGreaterThan(before);
      expect(await head()).toBe(after);
    });
  });

  describe('lone surrogates', () => {
    it('in crew names and any other text field: 400 naming the field, nothing stored', async () => {
      const before = await head();
      expect400(await admin.post('/api/admin/units', { callSign: 'SUR-1', kind: 'standard', stationId: 1, crew: { driver: 'Wang \ud800', doctor: '', nurse: '' } }), 'crew.driver');
      expect400(await admin.patch('/api/admin/units/1', { crew: { driver: '', doctor: '\udc00 Li', nurse: '' } }), 'crew.doctor');
      expect400(await dispatcher.post('/api/calls', callBody({ notes: 'ends badly \ud83d' })), 'notes');
      expect400(await dispatcher.post('/api/calls', callBody({ address: '\ude91' })), 'address');
      expect400(await admin.post('/api/admin/stations', { name: '站\ud800', nameEn: 'Station', lon: 121.27, lat: 30.17 }), 'name');
      expect400(await dispatcher.patch('/api/calls/1', { complaint: 'x \udfff y' }), 'complaint');
      expect(await head()).toBe(before);
      // A paired surrogate (an emoji) is fine.
      expect((await dispatcher.post('/api/calls', callBody({ notes: 'crew 🚑 on scene' }))).status).toBe(201);
    });
  });

  describe('dates outside 2000-2100', () => {
    it('on every date-taking query: 400 naming the field', async () => {
      for (const day of ['0001-01-01', '1900-01-01', '9999-12-31']) {
        expect400(await command.get(`/api/stats/trends?day=${day}`), 'day', `trends ${day}`);
        expect400(await command.get(`/api/reports/daily?day=${day}`), 'day', `report ${day}`);
        expect400(await command.get(`/api/reports/daily.csv?day=${day}`), 'day', `report csv ${day}`);
        expect400(await command.get(`/api/interop/nemsis.csv?day=${day}`), 'day', `nemsis ${day}`);
      }
      for (const at of ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00%2B08:00', '9999-12-31T23:59:59Z']) {
        expect400(await command.get(`/api/alerts?from=${at}`), 'from', `alerts from ${at}`);
        expect400(await command.get(`/api/alerts?to=${at}`), 'to', `alerts to ${at}`);
      }
      for (const at of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z']) {
        expect400(await admin.get(`/api/admin/events?from=${at}`), 'from', `events from ${at}`);
        expect400(await admin.get(`/api/admin/events?to=${at}`), 'to', `events to ${at}`);
      }
      expect((await command.get('/api/stats/trends?day=2026-12-01')).status).toBe(200);
      expect((await command.get('/api/alerts?from=2026-12-01T00:00:00Z')).status).toBe(200);
    });

    it('on a stored deadline (diversion until): 400 naming the field', async () => {
      const before = await head();
      expect400(await admin.patch('/api/hospitals/1/capacity', { diversionUntil: '0001-01-01T00:00:00Z' }), 'diversionUntil');
      expect400(await admin.patch('/api/hospitals/1/capacity', { diversionUntil: '9999-12-31T23:59:59Z' }), 'diversionUntil');
      expect(await head()).toBe(before);
    });
  });

  describe('places far outside the city', () => {
    it('calls, stations and hospitals at null island or in Beijing: 400 naming the coordinate, nothing stored', async () => {
      const call = (await dispatcher.post('/api/calls', callBody())).body as { id: number };
      const before = await head();
      for (const [name, place] of [['null island', NULL_ISLAND], ['Beijing', BEIJING]] as const) {
        expect400(await dispatcher.post('/api/calls', callBody(place)), 'lon', `call at ${name}`);
        expect400(await dispatcher.patch(`/api/calls/${call.id}`, place), 'lon', `call moved to ${name}`);
        expect400(await admin.post('/api/admin/stations', { name: '远站', nameEn: 'Far station', ...place }), 'lon', `station at ${name}`);
        expect400(await admin.patch('/api/admin/stations/1', place), 'lon', `station moved to ${name}`);
        expect400(await admin.post('/api/admin/hospitals', { code: 'FAR-1', name: '远院', nameEn: 'Far hospital', kind: 'township', ...place }), 'lon', `hospital at ${name}`);
        expect400(await admin.patch('/api/admin/hospitals/1', place), 'lon', `hospital moved to ${name}`);
      }
      // A partial update with only one coordinate is checked on that axis.
      expect400(await dispatcher.patch(`/api/calls/${call.id}`, { lat: 39.9 }), 'lat');
      expect400(await admin.patch('/api/admin/hospitals/1', { lat: 0 }), 'lat');
      expect(await head()).toBe(before);
      // Just outside the county outline, within the margin, is still the centre's business.
      expect((await dispatcher.patch(`/api/calls/${call.id}`, { lon: 121.0, lat: 30.2 })).status).toBe(200);
    });
  });
});
