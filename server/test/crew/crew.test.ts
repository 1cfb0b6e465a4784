/**
 * The crew terminal's API through real HTTP on PostgreSQL (docs/crew.md): shifts, the own job only, one-tap
 * statuses in order with a 30 s undo, vitals refused per field and heard by the ED and dispatch, not by another ED.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callBody, connectConsole, login, startTestServer, type Agent, type TestServer } from '../harness.ts';

/** The test's own clock: the undo window is 30 s of server time. */
let now = Date.parse('2026-12-04T08:00:00Z');
const advance = (ms: number) => {
  now += ms;
};

describe('crew terminal API', () => {
  let server: TestServer;
  let dispatcher: Agent;
  let admin: Agent;
  let crew: Agent;
  let crew2: Agent;

  /** A severe call assigned to a free critical-care unit bound for H01 (the nurse's hospital). */
  async function assignedJob(): Promise<{ callId: number; unitId: number; transportId: number; callSign: string }> {
    const call = await dispatcher.post('/api/calls', callBody({ clinicalClass: 'severe', callerPhone: '13912345678', notes: '三楼，电梯坏了' }));
    const units = (await dispatcher.get('/api/units')).body as { id: number; kind: string; status: string; callSign: string }[];
    const unit = units.find((u) => u.kind === 'critical_care' && u.status === 'available');
    if (!unit) throw new Error('no free critical-care unit');
    const assigned = await dispatcher.post(`/api/calls/${call.body.id}/assign`, { unitId: unit.id, hospitalId: 1 });
    expect(assigned.status).toBe(201);
    return { callId: call.body.id, unitId: unit.id, transportId: assigned.body.transport.id, callSign: unit.callSign };
  }

  beforeAll(async () => {
    server = await startTestServer({ clock: () => new Date(now) });
    dispatcher = await login(server, 'dispatcher');
    admin = await login(server, 'admin');
    crew = await login(server, 'crew');
    const made = await admin.post('/api/admin/users', { username: 'crew.second', displayName: '孙磊', password: 'second-crew-pass', role: 'crew' });
    expect(made.status).toBe(201);
    expect(made.body.role).toBe('crew');
    crew2 = await login(server, 'crew.second', 'bearer', 'second-crew-pass');
  });
  afterAll(() => server.close());
  // Each story starts with nobody on shift, whatever the one before left behind.
  afterEach(async () => {
    await crew.post('/api/crew/shift/end');
    await crew2.post('/api/crew/shift/end');
  });

  it('signs members on and off a unit: the unit shows who is on shift, one unit per member at a time', async () => {
    const units = (await dispatcher.get('/api/units')).body as { id: number; status: string }[];
    const [a, b] = units.filter((u) => u.status === 'available');
    if (!a || !b) throw new Error('need two free units');
    expect((await crew.get('/api/crew/job')).body.code).toBe('NOT_ON_SHIFT');
    const on = await crew.post('/api/crew/shift', { unitId: a.id });
    expect(on.status).toBe(200);
    expect(on.body.unit.crewOnShift).toEqual(['赵刚']);
    expect((await crew2.post('/api/crew/shift', { unitId: a.id })).body.unit.crewOnShift).toEqual(['赵刚', '孙磊']);
    // Again on the same unit: no change; on another: 409 naming the current one.
    expect((await crew.post('/api/crew/shift', { unitId: a.id })).status).toBe(200);
    const elsewhere = await crew.post('/api/crew/shift', { unitId: b.id });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body).toMatchObject({ code: 'ON_SHIFT_ELSEWHERE', current: { unitId: a.id } });
    expect((await crew.post('/api/crew/shift', { unitId: 999_999 })).status).toBe(404);
    // The dispatcher's fleet list carries the names.
    const seen = ((await dispatcher.get(`/api/units/${a.id}`)).body as { crewOnShift: string[] }).crewOnShift;
    expect(seen).toEqual(['赵刚', '孙磊']);
    const off = await crew.post('/api/crew/shift/end');
    expect(off.status).toBe(200);
    expect(off.body.unit.crewOnShift).toEqual(['孙磊']);
    expect(off.body.shift.endedAt).not.toBeNull();
    expect((await crew.post('/api/crew/shift/end')).body.code).toBe('NOT_ON_SHIFT');
    await crew2.post('/api/crew/shift/end');
  });

  it('shows the own unit its job only, with what the crew needs, and nothing of other patients', async () => {
    const job = await assignedJob();
    const other = await assignedJob();
    await crew.post('/api/crew/shift', { unitId: job.unitId });
    const res = await crew.get('/api/crew/job');
    expect(res.status).toBe(200);
    expect(res.body.unit.id).toBe(job.unitId);
    expect(res.body.nextStatus).toBe('acknowledged');
    expect(res.body.job.transport.id).toBe(job.transportId);
    expect(res.body.job.call).toMatchObject({ id: job.callId, clinicalClass: 'severe', callerPhone: '13912345678', notes: '三楼，电梯坏了', address: callBody().address });
    expect(res.body.job.destination).toMatchObject({ id: 1, edStatus: 'open' });
    expect(JSON.stringify(res.body)).not.toContain(`"id":${other.callId},`);
    // The crew reads no other route: not the calls, not the units, not another transport.
    expect((await crew.get('/api/calls')).status).toBe(403);
    expect((await crew.get(`/api/calls/${other.callId}`)).status).toBe(403);
    expect((await crew.get('/api/units')).status).toBe(403);
    // Acting for a unit the member is not on: 403; for a job the unit is no longer on: 409.
    const foreign = await crew.post('/api/crew/status', { status: 'acknowledged', unitId: other.unitId });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('NOT_YOUR_UNIT');
    const stale = await crew.post('/api/crew/status', { status: 'acknowledged', transportId: other.transportId });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'JOB_CHANGED', current: { id: job.unitId, transportId: job.transportId } });
    await crew.post('/api/crew/shift/end');
  });

  it('tells a crew whose job was taken away meanwhile (stood down by the dispatcher) with 409 and the unit as it is', async () => {
    const job = await assignedJob();
    await crew.post('/api/crew/shift', { unitId: job.unitId });
    expect((await dispatcher.post(`/api/units/${job.unitId}/status`, { status: 'available' })).status).toBe(200);
    const tap = await crew.post('/api/crew/status', { status: 'acknowledged', transportId: job.transportId, expectedStatus: 'dispatched' });
    expect(tap.status).toBe(409);
    expect(tap.body).toMatchObject({ code: 'JOB_CHANGED', current: { id: job.unitId, status: 'available', transportId: null } });
    const vitals = await crew.post('/api/crew/vitals', { spo2: 90 });
    expect(vitals.body.code).toBe('NO_JOB');
    expect((await crew.get('/api/crew/job')).body.job).toBeNull();
  });

  it('applies a tap sent twice with one Idempotency-Key once, answering the first result again', async () => {
    const job = await assignedJob();
    await crew.post('/api/crew/shift', { unitId: job.unitId });
    const key = { 'idempotency-key': `crew-ack-${job.transportId}` };
    const first = await crew.post('/api/crew/status', { status: 'acknowledged' }, key);
    const again = await crew.post('/api/crew/status', { status: 'acknowledged' }, key);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const log = (await admin.get(`/api/admin/events?entity=transport&entityId=${job.transportId}`)).body as { name: string }[];
    expect(log.filter((e) => e.name === 'transport.acknowledged')).toHaveLength(1);
  });

  it('takes the statuses in order, 409 out of order, through to available after the ED handover', async () => {
    const job = await assignedJob();
    await crew.post('/api/crew/shift', { unitId: job.unitId });
    const skip = await crew.post('/api/crew/status', { status: 'on_scene' });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ code: 'OUT_OF_ORDER', current: { id: job.unitId, status: 'dispatched' } });
    expect(skip.body.message).toContain('acknowledged');
    const ack = await crew.post('/api/crew/status', { status: 'acknowledged', expectedStatus: 'dispatched' });
    expect(ack.status).toBe(200);
    expect(ack.body.transport.acknowledgedAt).toBe(new Date(now).toISOString());
    expect(ack.body.unit.status).toBe('dispatched');
    expect(ack.body.nextStatus).toBe('en_route');
    expect((await crew.post('/api/crew/status', { status: 'acknowledged' })).body.code).toBe('OUT_OF_ORDER');
    // A terminal that still showed the old status is told the status as it is now.
    expect((await crew.post('/api/crew/status', { status: 'en_route', expectedStatus: 'available' })).body).toMatchObject({ code: 'STALE_STATUS', current: { status: 'dispatched' } });
    for (const status of ['en_route', 'on_scene', 'transporting', 'at_hospital'] as const) {
      advance(60_000);
      const tap = await crew.post('/api/crew/status', { status });
      expect(tap.status, JSON.stringify(tap.body)).toBe(200);
      expect(tap.body.unit).toMatchObject({ status, statusSince: new Date(now).toISOString() });
    }
    const call = (await dispatcher.get(`/api/calls/${job.callId}`)).body.call as { status: string };
    expect(call.status).toBe('at_hospital');
    // Nothing to tap until the nurse records the handover.
    expect((await crew.post('/api/crew/status', { status: 'available' })).body.code).toBe('NOTHING_TO_TAP');
    const nurse = await login(server, 'nurse');
    expect((await nurse.post(`/api/transports/${job.transportId}/handover`)).status).toBe(200);
    const free = await crew.post('/api/crew/status', { status: 'available' });
    expect(free.body.unit).toMatchObject({ status: 'available', transportId: null });
    expect((await crew.get('/api/crew/job')).body.job).toBeNull();
    await crew.post('/api/crew/shift/end');
  });

  it('undoes the own last tap within 30 s (logged as such), not after, and not once someone else changed the unit', async () => {
    const job = await assignedJob();
    await crew.post('/api/crew/shift', { unitId: job.unitId });
    await crew2.post('/api/crew/shift', { unitId: job.unitId });
    await crew.post('/api/crew/status', { status: 'acknowledged' });
    advance(5_000);
    await crew.post('/api/crew/status', { status: 'en_route' });
    advance(20_000);
    const tapped = await crew.post('/api/crew/status', { status: 'on_scene' });
    expect((await dispatcher.get(`/api/calls/${job.callId}`)).body.call.status).toBe('on_scene');
    advance(29_000);
    // A terminal may post the undo with no body at all.
    const undo = await crew.request('POST', '/api/crew/status/undo');
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect(undo.body.unit.status).toBe('en_route');
    // Back to the en-route time the earlier tap stamped, not the on-scene one.
    expect(undo.body.unit.statusSince).toBe(new Date(now - 49_000).toISOString());
    expect(tapped.body.unit.statusSince).toBe(new Date(now - 29_000).toISOString());
    expect((await dispatcher.get(`/api/calls/${job.callId}`)).body.call.status).toBe('en_route');
    const log = (await admin.get(`/api/admin/events?entity=unit&entityId=${job.unitId}`)).body as { name: string; actor: string }[];
    expect(log.some((e) => e.name === 'unit.statusUndone' && e.actor === 'crew')).toBe(true);
    // Once undone, nothing more to undo.
    expect((await crew.post('/api/crew/status/undo', {})).body.code).toBe('NOTHING_TO_UNDO');
    // After 30 s: refused.
    advance(1_000);
    await crew.post('/api/crew/status', { status: 'on_scene' });
    advance(30_001);
    const late = await crew.post('/api/crew/status/undo', {});
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'UNDO_EXPIRED', current: { status: 'on_scene' } });
    // Someone else changed it since (the other member tapped): the first member's undo is refused.
    advance(1_000);
    await crew.post('/api/crew/status', { status: 'transporting' });
    advance(1_000);
    expect((await crew2.post('/api/crew/status', { status: 'at_hospital' })).status).toBe(200);
    const changed = await crew.post('/api/crew/status/undo', {});
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({ code: 'CHANGED_SINCE', current: { status: 'at_hospital' } });
    // The second member's own tap (the arrival) can be undone: the transport is no longer arrived.
    const arrivalUndone = await crew2.post('/api/crew/status/undo', {});
    expect(arrivalUndone.body.unit.status).toBe('transporting');
    expect(arrivalUndone.body.transport).toMatchObject({ arrivedAt: null });
    await crew.post('/api/crew/shift/end');
    await crew2.post('/api/crew/shift/end');
  });

  it('accepts vitals, refuses out-of-range values naming the field, and the destination ED and dispatch hear them; another ED does not', async () => {
    const job = await assignedJob();
    await crew.post('/api/crew/shift', { unitId: job.unitId });
    const nurse = await login(server, 'nurse');
    const otherNurse = await login(server, 'nurse2');
    const ed = connectConsole(server, nurse);
    const otherEd = connectConsole(server, otherNurse);
    const desk = connectConsole(server, dispatcher);
    try {
      await Promise.all([ed.ready, otherEd.ready, desk.ready]);
      const otherHospital = otherEd.snapshots[0]?.user.hospitalId;
      expect(otherHospital).not.toBe(1);
      for (const [field, value] of [['spo2', 120], ['heartRate', 5], ['respRate', 200], ['systolic', 400], ['temperatureC', 98.6], ['gcs', 2], ['oxygenLpm', -1]] as const) {
        const res = await crew.post('/api/crew/vitals', { [field]: value });
        expect(res.status, field).toBe(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION', field });
      }
      expect((await crew.post('/api/crew/vitals', { systolic: 80, diastolic: 90 })).body.field).toBe('diastolic');
      expect((await crew.post('/api/crew/vitals', { avpu: 'voice', gcs: 12 })).body.field).toBe('gcs');
      expect((await crew.post('/api/crew/vitals', {})).status).toBe(400);
      // Nothing was stored by the refused ones.
      expect((await crew.get('/api/crew/job')).body.job.vitals).toEqual([]);
      const ok = await crew.post('/api/crew/vitals', { spo2: 86, heartRate: 118, respRate: 28, systolic: 132, diastolic: 84, temperatureC: 38.6, avpu: 'alert', oxygenLpm: 5, note: '面罩吸氧中' });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body.reading).toMatchObject({ spo2: 86, by: '赵刚', at: new Date(now).toISOString() });
      expect(ok.body.flags).toEqual(expect.arrayContaining([{ field: 'spo2', level: 'red' }, { field: 'respRate', level: 'red' }]));
      const heardByEd = await ed.waitFor(() => ed.events.find((e) => e.name === 'transport.vitalsRecorded'));
      expect(heardByEd.data).toMatchObject({ id: job.transportId, vitals: { spo2: 86, note: '面罩吸氧中' } });
      await desk.waitFor(() => desk.events.find((e) => e.name === 'transport.vitalsRecorded' && e.data?.id === job.transportId));
      // Give the other hospital's socket the same time to (wrongly) hear it.
      await new Promise((r) => setTimeout(r, 300));
      expect(otherEd.events.some((e) => e.name === 'transport.vitalsRecorded')).toBe(false);
      advance(60_000);
      await crew.post('/api/crew/vitals', { spo2: 91 });
      const history = (await crew.get('/api/crew/job')).body.job.vitals as { spo2: number }[];
      expect(history.map((v) => v.spo2)).toEqual([91, 86]);
      // The ED reads the same history for its trend; another ED is told the transport does not exist.
      expect(((await nurse.get(`/api/transports/${job.transportId}/vitals`)).body as { spo2: number }[]).map((v) => v.spo2)).toEqual([91, 86]);
      expect((await otherNurse.get(`/api/transports/${job.transportId}/vitals`)).status).toBe(404);
      expect((await crew.get(`/api/transports/${job.transportId}/vitals`)).status).toBe(403);
    } finally {
      ed.close();
      otherEd.close();
      desk.close();
      await crew.post('/api/crew/shift/end');
    }
  });

  it('ends the shift of a member whose account is disabled or who is no longer crew: the unit no longer names them', async () => {
    const unitId = ((await dispatcher.get('/api/units')).body as { id: number; status: string }[]).find((u) => u.status === 'available')?.id;
    if (!unitId) throw new Error('no free unit');
    const made = [];
    for (const [username, displayName] of [['crew.third', '钱亮'], ['crew.fourth', '吴峰']] as const) {
      const res = await admin.post('/api/admin/users', { username, displayName, password: 'ambulance-pass-120', role: 'crew' });
      expect(res.status).toBe(201);
      made.push(res.body.id as number);
      await (await login(server, username, 'bearer', 'ambulance-pass-120')).post('/api/crew/shift', { unitId });
    }
    expect((await dispatcher.get(`/api/units/${unitId}`)).body.crewOnShift).toEqual(['钱亮', '吴峰']);
    expect((await admin.patch(`/api/admin/users/${made[0]}`, { disabled: true })).status).toBe(200);
    expect((await dispatcher.get(`/api/units/${unitId}`)).body.crewOnShift).toEqual(['吴峰']);
    expect((await admin.patch(`/api/admin/users/${made[1]}`, { role: 'dispatcher' })).status).toBe(200);
    expect((await dispatcher.get(`/api/units/${unitId}`)).body.crewOnShift).toEqual([]);
  });
});
