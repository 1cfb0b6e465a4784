/**
 * A township centre sends a deteriorating patient to the designated hospital: the request lands in the
 * dispatch queue as a transfer needing a critical-care unit, and both hospitals follow it live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call, Hospital, Transport, Unit } from '@dispatch/shared';
import { connectConsole, login, simNurseName, startTestServer, type Agent, type RecordingConsole, type TestServer } from '../harness.ts';

const DESIGNATED = 1;

describe('transfer out from a township centre to the designated hospital', () => {
  let server: TestServer;
  let dispatcher: Agent;
  let township: Agent;
  let designated: Agent;
  let gateway: Agent;
  let desk: RecordingConsole;
  let edFrom: RecordingConsole;
  let edTo: RecordingConsole;
  let from: Hospital;
  let callId: number;
  let unitId: number;
  let transportId: number;

  beforeAll(async () => {
    server = await startTestServer();
    [dispatcher, designated, gateway] = await Promise.all([login(server, 'dispatcher'), login(server, 'nurse'), login(server, 'avl-gateway')]);
    const hospitals = (await dispatcher.get('/api/hospitals')).body as Hospital[];
    const first = hospitals.find((h) => h.kind === 'township');
    if (!first) throw new Error('the demo city has no township centre');
    from = first;
    township = await login(server, simNurseName(from.code));
    desk = connectConsole(server, dispatcher);
    edFrom = connectConsole(server, township);
    edTo = connectConsole(server, designated);
    await Promise.all([desk.ready, edFrom.ready, edTo.ready]);
  });
  afterAll(async () => {
    for (const c of [desk, edFrom, edTo]) c?.close();
    await server?.close();
  });

  const last = <T>(c: RecordingConsole, entity: string, id: number) => c.events.filter((e) => e.entity === entity && e.id === id).at(-1)?.data as T | undefined;

  it('only the centre’s own nurse may ask, and the request is validated', async () => {
    expect((await designated.post(`/api/hospitals/${from.id}/transfers`, { complaint: 'x', clinicalClass: 'severe' })).status).toBe(403);
    const bad = await township.post(`/api/hospitals/${from.id}/transfers`, { complaint: '', clinicalClass: 'severe' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('complaint');
    expect((await township.post(`/api/hospitals/${from.id}/transfers`, { complaint: 'x', clinicalClass: 'severe', toHospitalId: from.id })).status).toBe(409);
  });

  it('lands in the dispatch queue as a transfer to the designated hospital; both hospitals see it', async () => {
    const res = await township.post(`/api/hospitals/${from.id}/transfers`, {
      complaint: 'SpO2 falling to 88% on 5 L oxygen',
      clinicalClass: 'severe',
      age: 79,
      riskTier: 'red',
      notes: 'on oxygen, needs HFNC',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'transfer', status: 'awaiting_unit', sourceHospitalId: from.id, transferToHospitalId: DESIGNATED, address: '' });
    expect(res.body).not.toHaveProperty('callerPhone');
    callId = res.body.id;
    const queued = await desk.waitFor(() => last<Call>(desk, 'call', callId));
    expect(queued).toMatchObject({ kind: 'transfer', status: 'awaiting_unit', address: from.name });
    expect((await edTo.waitFor(() => last<Call>(edTo, 'call', callId))).kind).toBe('transfer');
    expect((await edFrom.waitFor(() => last<Call>(edFrom, 'call', callId))).status).toBe('awaiting_unit');
  });

  it('dispatch serves it with a critical-care unit; a standard unit is refused', async () => {
    const suggestions = (await dispatcher.get(`/api/calls/${callId}/suggestions`)).body;
    expect(suggestions.units.length).toBeGreaterThan(0);
    for (const u of suggestions.units) expect(u.kind).toBe('critical_care');
    const standard = ((await dispatcher.get('/api/units')).body as Unit[]).find((u) => u.kind === 'standard' && u.status === 'available');
    const refused = await dispatcher.post(`/api/calls/${callId}/assign`, { unitId: standard?.id, hospitalId: DESIGNATED });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('UNIT_CANNOT_CARRY');

    unitId = suggestions.units[0].unitId;
    const assigned = await dispatcher.post(`/api/calls/${callId}/assign`, { unitId, hospitalId: DESIGNATED });
    expect(assigned.status).toBe(201);
    transportId = assigned.body.transport.id;
    // Both hospitals hear the transport and the unit coming, the sending one included.
    for (const ed of [edFrom, edTo]) {
      await ed.waitFor(() => last<Transport>(ed, 'transport', transportId)?.acceptance === 'pending');
      expect(last<Unit>(ed, 'unit', unitId)?.kind).toBe('critical_care');
    }
  });

  it('both follow pick-up, arrival and handover; a fresh screen at the township still shows it', async () => {
    expect((await designated.post(`/api/transports/${transportId}/accept`)).status).toBe(200);
    await edFrom.waitFor(() => last<Transport>(edFrom, 'transport', transportId)?.acceptance === 'accepted');
    for (const status of ['en_route', 'on_scene', 'transporting']) {
      expect((await gateway.post(`/api/units/${unitId}/status`, { status })).status).toBe(200);
    }
    await edFrom.waitFor(() => last<Call>(edFrom, 'call', callId)?.status === 'transporting');
    expect(last<Unit>(edFrom, 'unit', unitId)?.status).toBe('transporting');

    const fresh = connectConsole(server, township);
    await fresh.ready;
    fresh.close();
    const snap = fresh.snapshots[0];
    expect(snap?.calls.map((c) => c.id)).toContain(callId);
    expect(snap?.transports.map((t) => t.id)).toContain(transportId);
    expect(snap?.units.map((u) => u.id)).toContain(unitId);

    expect((await designated.post(`/api/transports/${transportId}/arrive`)).status).toBe(200);
    for (const ed of [edFrom, edTo]) await ed.waitFor(() => last<Transport>(ed, 'transport', transportId)?.arrivedAt);
    expect((await designated.post(`/api/transports/${transportId}/handover`)).status).toBe(200);
    for (const ed of [edFrom, edTo]) {
      await ed.waitFor(() => last<Call>(ed, 'call', callId)?.status === 'closed');
      expect(last<Transport>(ed, 'transport', transportId)?.acceptance).toBe('handed_over');
      expect(last<Unit>(ed, 'unit', unitId)?.status).toBe('returning');
    }
    expect((await designated.get(`/api/hospitals/${DESIGNATED}/today`)).body.patientsByClass.severe).toBe(1);
  });
});
