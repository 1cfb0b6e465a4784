import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBody, login, startTestServer, type Agent, type TestServer } from '../../test/harness.ts';

interface UnitRow {
  id: number;
  kind: string;
  status: string;
  lon: number;
  lat: number;
}

describe('returning units are offered and may be re-tasked; a unit at the door may not', () => {
  let server: TestServer;
  let dispatcher: Agent;
  let gateway: Agent;
  let nurse: Agent;
  beforeAll(async () => {
    server = await startTestServer();
    dispatcher = await login(server, 'dispatcher');
    gateway = await login(server, 'avl-gateway');
    nurse = await login(server, 'nurse');
  });
  afterAll(() => server.close());

  it('assigns a returning unit (offered with reason returning, from where it is), and refuses one still at hospital with 409', async () => {
    const first = (await dispatcher.post('/api/calls', callBody({ clinicalClass: 'severe' }))).body;
    const s = (await dispatcher.get(`/api/calls/${first.id}/suggestions`)).body;
    const sent = await dispatcher.post(`/api/calls/${first.id}/assign`, { unitId: s.units[0].unitId, hospitalId: s.hospitals[0].hospitalId });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const unitId: number = sent.body.unit.id;
    for (const status of ['en_route', 'on_scene', 'transporting', 'at_hospital']) {
      expect((await gateway.post(`/api/units/${unitId}/status`, { status })).status).toBe(200);
    }

    const second = (await dispatcher.post('/api/calls', callBody({ clinicalClass: 'severe', lon: 121.31, lat: 30.19 }))).body;
    const atDoor = await dispatcher.post(`/api/calls/${second.id}/assign`, { unitId });
    expect(atDoor.status).toBe(409);
    expect(atDoor.body.code).toBe('UNIT_NOT_AVAILABLE');
    expect(atDoor.body.current.status).toBe('at_hospital');

    expect((await nurse.post(`/api/transports/${sent.body.transport.id}/handover`)).status).toBe(200);
    const unit = (await dispatcher.get(`/api/units/${unitId}`)).body as UnitRow;
    expect(unit.status).toBe('returning');
    // A new call right where the returning unit is now: it is offered first, marked returning.
    const here = (await dispatcher.post('/api/calls', callBody({ clinicalClass: 'severe', lon: unit.lon, lat: unit.lat }))).body;
    const offer = (await dispatcher.get(`/api/calls/${here.id}/suggestions`)).body;
    const mine = offer.units.find((u: { unitId: number }) => u.unitId === unitId);
    expect(mine?.status).toBe('returning');
    expect(mine?.reasons).toContain('returning');
    expect(offer.noCriticalCareFree).toBe(false);

    const again = await dispatcher.post(`/api/calls/${second.id}/assign`, { unitId });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.unit.status).toBe('dispatched');
  });
});

describe('no critical-care unit free for a severe call', () => {
  let server: TestServer;
  let dispatcher: Agent;
  beforeAll(async () => {
    server = await startTestServer();
    dispatcher = await login(server, 'dispatcher');
  });
  afterAll(() => server.close());

  it('says so, offers a standard first responder and the earliest critical-care unit; the first responder is sent only when asked for, without a destination', async () => {
    const units = (await dispatcher.get('/api/units')).body as UnitRow[];
    const critical = units.filter((u) => u.kind === 'critical_care' && u.status === 'available');
    expect(critical.length).toBeGreaterThan(1);
    const [busy, ...rest] = critical;
    // One critical-care unit on a job, the others out of service.
    const job = (await dispatcher.post('/api/calls', callBody({ clinicalClass: 'critical' }))).body;
    expect((await dispatcher.post(`/api/calls/${job.id}/assign`, { unitId: busy?.id })).status).toBe(201);
    for (const u of rest) expect((await dispatcher.post(`/api/units/${u.id}/status`, { status: 'out_of_service' })).status).toBe(200);

    const call = (await dispatcher.post('/api/calls', callBody({ clinicalClass: 'severe', lon: 121.3, lat: 30.18 }))).body;
    const s = (await dispatcher.get(`/api/calls/${call.id}/suggestions`)).body;
    expect(s.units).toEqual([]);
    expect(s.noCriticalCareFree).toBe(true);
    expect(s.firstResponder.kind).toBe('standard');
    expect(s.firstResponder.reasons).toContain('first_responder');
    expect(s.earliestCriticalCare).toMatchObject({ unitId: busy?.id, status: 'dispatched' });
    expect(s.earliestCriticalCare.etaMinutes).toBeGreaterThan(s.earliestCriticalCare.freeInMinutes);
    expect(s.hospitals.length).toBeGreaterThan(0);

    const unitId: number = s.firstResponder.unitId;
    const refused = await dispatcher.post(`/api/calls/${call.id}/assign`, { unitId });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('UNIT_CANNOT_CARRY');
    const carrying = await dispatcher.post(`/api/calls/${call.id}/assign`, { unitId, hospitalId: s.hospitals[0].hospitalId, firstResponder: true });
    expect(carrying.status).toBe(409);
    expect(carrying.body.code).toBe('FIRST_RESPONDER_NO_TRANSPORT');
    expect((await dispatcher.get(`/api/units/${unitId}`)).body.status).toBe('available');

    const ahead = await dispatcher.post(`/api/calls/${call.id}/assign`, { unitId, firstResponder: true });
    expect(ahead.status, JSON.stringify(ahead.body)).toBe(201);
    expect(ahead.body.unit.status).toBe('dispatched');
    expect(ahead.body.transport.hospitalId).toBeNull();
  });
});
