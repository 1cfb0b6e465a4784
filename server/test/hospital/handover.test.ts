/**
 * The handover loop a nurse lives in, end to end on real PostgreSQL and real sockets: assigned to A,
 * declined, rerouted to B, accepted, arrived (offload clock), handed over, counted in today's figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call, LiveEvent, Transport, Unit } from '@dispatch/shared';
import { callBody, connectConsole, login, startTestServer, type Agent, type RecordingConsole, type TestServer } from '../harness.ts';

const H01 = 1; // People's Hospital, nurse
const H02 = 2; // No. 2 People's Hospital, nurse2

describe('handover loop: assign → decline → reroute → accept → arrive → handover', () => {
  let server: TestServer;
  let dispatcher: Agent;
  let nurseA: Agent;
  let nurseB: Agent;
  let gateway: Agent;
  let desk: RecordingConsole;
  let edA: RecordingConsole;
  let edB: RecordingConsole;
  // Local noon today, moved by hand: offload minutes are exact and the day never rolls over mid-test.
  const noon = new Date();
  noon.setHours(12, 0, 0, 0);
  let now = noon.getTime();
  const advance = (minutes: number) => (now += minutes * 60_000);

  beforeAll(async () => {
    server = await startTestServer({ clock: () => new Date(now) });
    [dispatcher, nurseA, nurseB, gateway] = (await Promise.all(['dispatcher', 'nurse', 'nurse2', 'avl-gateway'].map((u) => login(server, u)))) as [Agent, Agent, Agent, Agent];
    desk = connectConsole(server, dispatcher);
    edA = connectConsole(server, nurseA);
    edB = connectConsole(server, nurseB);
    await Promise.all([desk.ready, edA.ready, edB.ready]);
  });
  afterAll(async () => {
    for (const c of [desk, edA, edB]) c?.close();
    await server?.close();
  });

  const heard = (c: RecordingConsole, name: string, id: number) => c.events.find((e) => e.name === name && e.id === id);
  const about = (c: RecordingConsole, entity: string, id: number) => c.events.filter((e) => e.entity === entity && e.id === id);

  let callId: number;
  let transportId: number;
  let unitId: number;

  it('A nurse hears a patient assigned to her hospital live, with the call (no phone, no address) and the unit', async () => {
    const created = await dispatcher.post('/api/calls', callBody({ clinicalClass: 'severe', age: 74, riskTier: 'red', notes: 'SpO2 91% on air' }));
    expect(created.status).toBe(201);
    callId = created.body.id;
    const suggestions = await dispatcher.get(`/api/calls/${callId}/suggestions`);
    unitId = suggestions.body.units[0].unitId;
    const assigned = await dispatcher.post(`/api/calls/${callId}/assign`, { unitId, hospitalId: H01 });
    expect(assigned.status).toBe(201);
    transportId = assigned.body.transport.id;

    const event = await edA.waitFor(() => heard(edA, 'transport.assigned', transportId));
    expect((event.data as Transport).hospitalId).toBe(H01);
    expect((event.data as Transport).acceptance).toBe('pending');
    // Everything needed to draw the row arrived before the transport that names it.
    const call = about(edA, 'call', callId).at(-1);
    const unit = about(edA, 'unit', unitId).at(-1);
    expect(call && call.seq < event.seq).toBe(true);
    expect(unit && unit.seq < event.seq).toBe(true);
    expect((call?.data as Call).notes).toBe('SpO2 91% on air');
    expect(call?.data).not.toHaveProperty('callerPhone');
    expect((call?.data as Call).address).toBe('');
    expect((unit?.data as Unit).transportId).toBe(transportId);

    const read = await nurseA.get(`/api/calls/${callId}`);
    expect(read.status).toBe(200);
    expect(read.body.call).not.toHaveProperty('callerPhone');
    expect(read.body.call.address).toBe('');
    expect(read.body.call.age).toBe(74);
    // The other hospital learns nothing of it.
    expect((await nurseB.get(`/api/calls/${callId}`)).status).toBe(404);
    expect(about(edB, 'call', callId)).toEqual([]);
    expect(about(edB, 'transport', transportId)).toEqual([]);
  });

  it('a nurse may not answer for another hospital', async () => {
    const res = await nurseB.post(`/api/transports/${transportId}/accept`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('NOT_YOUR_PATIENT');
  });

  it('a decline with a reason reaches the dispatcher live, who can fetch the next suggestion', async () => {
    const bad = await nurseA.post(`/api/transports/${transportId}/decline`, { reason: 'no_beds_at_all' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('reason');
    const declined = await nurseA.post(`/api/transports/${transportId}/decline`, { reason: 'ed_saturated', note: '14 on trolleys' });
    expect(declined.status).toBe(200);
    expect(declined.body.acceptance).toBe('declined');
    const alert = await desk.waitFor(() => heard(desk, 'transport.declined', transportId));
    expect(alert.actor).toBe('nurse');
    expect(alert.data).toMatchObject({ declineReason: 'ed_saturated', declineNote: '14 on trolleys', hospitalId: H01 });
    const next = await dispatcher.get(`/api/calls/${callId}/suggestions`);
    expect(next.status).toBe(200);
    const ranked = next.body.hospitals.map((h: { hospitalId: number }) => h.hospitalId);
    expect(ranked).toContain(H02);
    expect(ranked).not.toContain(H01);
  });

  it('a reroute takes the patient off A’s screen and puts it, with call and unit, on B’s', async () => {
    const seqBefore = Math.max(0, ...edB.events.map((e) => e.seq));
    const res = await dispatcher.post(`/api/transports/${transportId}/destination`, { hospitalId: H02 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ hospitalId: H02, acceptance: 'pending', declineReason: null });
    const away = await edA.waitFor(() => heard(edA, 'transport.rerouted', transportId));
    expect((away.data as Transport).hospitalId).toBe(H02);
    const arrived = await edB.waitFor(() => heard(edB, 'transport.rerouted', transportId));
    const callEvent = edB.events.find((e) => e.entity === 'call' && e.id === callId && e.seq > seqBefore);
    const unitEvent = edB.events.find((e) => e.entity === 'unit' && e.id === unitId && e.seq > seqBefore);
    expect(callEvent?.name).toBe('call.sharedWithHospital');
    expect(callEvent?.data).not.toHaveProperty('callerPhone');
    expect((callEvent?.data as Call).age).toBe(74);
    expect(unitEvent?.name).toBe('unit.sharedWithHospital');
    expect(callEvent && unitEvent && callEvent.seq < arrived.seq && unitEvent.seq < arrived.seq).toBe(true);
    expect((await nurseB.get(`/api/calls/${callId}`)).status).toBe(200);
    // A may no longer act on it.
    expect((await nurseA.post(`/api/transports/${transportId}/accept`)).status).toBe(403);
  });

  it('B accepts; a handover before arrival is refused with the current state', async () => {
    const accepted = await nurseB.post(`/api/transports/${transportId}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.acceptance).toBe('accepted');
    await desk.waitFor(() => heard(desk, 'transport.accepted', transportId));
    const early = await nurseB.post(`/api/transports/${transportId}/handover`);
    expect(early.status).toBe(409);
    expect(early.body.current).toMatchObject({ id: transportId, acceptance: 'accepted', arrivedAt: null });
  });

  it('the unit reaches B: the offload clock starts at arrival; handover frees the unit and closes the call', async () => {
    for (const status of ['en_route', 'on_scene', 'transporting']) {
      advance(4);
      expect((await gateway.post(`/api/units/${unitId}/status`, { status })).status).toBe(200);
    }
    advance(9);
    const arrival = new Date(now).toISOString();
    expect((await dispatcher.post(`/api/units/${unitId}/status`, { status: 'at_hospital' })).status).toBe(200);
    const atDoor = await edB.waitFor(() => heard(edB, 'transport.arrived', transportId));
    expect((atDoor.data as Transport).arrivedAt).toBe(arrival);
    // A unit at the door cannot just drive off with the patient.
    const leave = await gateway.post(`/api/units/${unitId}/status`, { status: 'returning' });
    expect(leave.status).toBe(409);
    expect(leave.body.code).toBe('NOT_HANDED_OVER');

    advance(12);
    const handed = await nurseB.post(`/api/transports/${transportId}/handover`);
    expect(handed.status).toBe(200);
    expect(handed.body.handedOverAt).toBe(new Date(now).toISOString());
    const unitAfter = await edB.waitFor(() => edB.events.find((e) => e.entity === 'unit' && e.id === unitId && (e.data as Unit).status === 'returning'));
    expect((unitAfter.data as Unit).callId).toBeNull();
    const closed = await edB.waitFor(() => edB.events.find((e) => e.entity === 'call' && e.id === callId && (e.data as Call).status === 'closed'));
    expect((closed.data as Call).outcome).toBe('transported');
    expect((await dispatcher.get(`/api/units/${unitId}`)).body.status).toBe('returning');
    // A, rerouted away, heard nothing after the reroute.
    const rerouteSeq = heard(edA, 'transport.rerouted', transportId)?.seq ?? 0;
    expect(edA.events.filter((e: LiveEvent) => e.seq > rerouteSeq && ((e.entity === 'call' && e.id === callId) || (e.entity === 'transport' && e.id === transportId)))).toEqual([]);
  });

  it('the offload time lands in B’s figures for today, the decline in A’s', async () => {
    const b = await nurseB.get(`/api/hospitals/${H02}/today`);
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ handovers: 1, offloadMedianMin: 12, offloadP90Min: 12, declines: 0, atDoorNow: 0 });
    expect(b.body.patientsByClass).toMatchObject({ severe: 1, common: 0 });
    const a = await nurseA.get(`/api/hospitals/${H01}/today`);
    expect(a.body).toMatchObject({ handovers: 0, offloadMedianMin: null, declines: 1 });
    expect(a.body.declinesByReason.ed_saturated).toBe(1);
    // Only her own hospital's figures; the centre sees all.
    expect((await nurseA.get(`/api/hospitals/${H02}/today`)).status).toBe(403);
    expect((await dispatcher.get(`/api/hospitals/${H02}/today`)).body.handovers).toBe(1);
    expect((await login(server, 'command').then((c) => c.get(`/api/hospitals/${H02}/today`))).status).toBe(200);
    expect((await dispatcher.get('/api/hospitals/999/today')).status).toBe(404);
  });
});
