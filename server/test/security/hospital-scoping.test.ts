/**
 * A nurse sees only patients inbound to her own hospital, over REST and over the socket (pushes,
 * replays, snapshots, position frames), and changes only her own hospital's beds. Nobody but the
 * dispatch seats ever sees the caller's phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBody, connectConsole, login, startTestServer, waitFor, type Agent, type RecordingConsole, type TestServer } from '../harness.ts';
import { apiRoutes, fillPath, makeIds } from './fixtures.ts';

const PHONE = '13987654321';
const SECRET_ADDRESS = '宗汉街道 秘密巷 7号';
const PATIENT_ENTITIES = ['call', 'transport', 'unit', 'alert'];

describe('hospital scoping and least data', () => {
  let server: TestServer;
  let dispatcher: Agent;
  let nurse: Agent;
  let nurse2: Agent;
  let command: Agent;
  let admin: Agent;
  let gateway: Agent;
  const h02 = { callIds: [] as number[], transportIds: [] as number[], unitIds: [] as number[] };
  let seqBefore = 0;
  let consoles: Record<'nurse' | 'nurse2' | 'command' | 'admin' | 'dispatcher', RecordingConsole>;

  beforeAll(async () => {
    server = await startTestServer();
    [dispatcher, nurse, nurse2, command, admin, gateway] = await Promise.all([
      login(server, 'dispatcher'),
      login(server, 'nurse'),
      login(server, 'nurse2'),
      login(server, 'command'),
      login(server, 'admin'),
      login(server, 'avl-gateway'),
    ]);
    consoles = {
      nurse: connectConsole(server, nurse),
      nurse2: connectConsole(server, nurse2),
      command: connectConsole(server, command),
      admin: connectConsole(server, admin),
      dispatcher: connectConsole(server, dispatcher),
    };
    await Promise.all(Object.values(consoles).map((c) => c.ready));
    seqBefore = consoles.nurse.snapshots[0]?.seq ?? 0;

    // Two patients for H02 (id 2): one assigned there at once, one rerouted there from no destination.
    const units = (await dispatcher.get('/api/units')).body.filter((u: { kind: string; status: string }) => u.kind === 'standard' && u.status === 'available');
    const a = await dispatcher.post('/api/calls', callBody({ callerPhone: PHONE, address: SECRET_ADDRESS }));
    const b = await dispatcher.post('/api/calls', callBody({ callerPhone: PHONE, address: SECRET_ADDRESS, clinicalClass: 'mild' }));
    const assignA = await dispatcher.post(`/api/calls/${a.body.id}/assign`, { unitId: units[0].id, hospitalId: 2 });
    const assignB = await dispatcher.post(`/api/calls/${b.body.id}/assign`, { unitId: units[1].id });
    expect([assignA.status, assignB.status]).toEqual([201, 201]);
    expect((await dispatcher.post(`/api/transports/${assignB.body.transport.id}/destination`, { hospitalId: 2 })).status).toBe(200);
    expect((await nurse2.post(`/api/transports/${assignA.body.transport.id}/accept`)).status).toBe(200);
    expect((await dispatcher.patch(`/api/calls/${a.body.id}`, { notes: 'oxygen 88%' })).status).toBe(200);
    expect((await dispatcher.post(`/api/units/${units[0].id}/status`, { status: 'en_route' })).status).toBe(200);
    const fix = { unitId: units[0].id, lon: 121.3, lat: 30.16, heading: 90, speedKmh: 50, at: Date.now() };
    expect((await gateway.post('/api/units/positions', { fixes: [fix] })).status).toBe(200);
    h02.callIds.push(a.body.id, b.body.id);
    h02.transportIds.push(assignA.body.transport.id, assignB.body.transport.id);
    h02.unitIds.push(units[0].id, units[1].id);

    // nurse2 hears all of it, positions included.
    await waitFor(() => consoles.nurse2.frames.some((f) => f.fixes.some((x) => x[0] === units[0].id)), 5000, 'H02 position frame');
    await waitFor(() => consoles.nurse2.events.some((e) => e.name === 'call.updated' && e.id === a.body.id), 5000, 'H02 call update');
    // A sentinel the H01 nurse must hear, logged after everything above: once it arrives, anything
    // leaked earlier would have arrived before it (one socket, pushes in log order).
    const sentinel = await nurse.patch('/api/hospitals/1/capacity', { feverClinicWaitMin: 33 });
    expect(sentinel.status).toBe(200);
    await waitFor(() => consoles.nurse.events.some((e) => e.name === 'hospital.capacityChanged' && e.id === 1), 5000, 'sentinel');
    await new Promise((r) => setTimeout(r, 300)); // two more position flushes
  });
  afterAll(async () => {
    for (const c of Object.values(consoles)) c.close();
    await server.close();
  });

  it("the H01 nurse's socket hears nothing about H02's patients: no call, transport, unit or position", () => {
    const heard = consoles.nurse.events.filter((e) => PATIENT_ENTITIES.includes(e.entity));
    expect(heard).toEqual([]);
    const positions = consoles.nurse.frames.flatMap((f) => f.fixes.map((x) => x[0]));
    expect(positions.filter((id) => h02.unitIds.includes(id))).toEqual([]);
  });

  it('the H02 nurse hears them, without the caller phone or the home address', () => {
    const calls = consoles.nurse2.events.filter((e) => e.entity === 'call');
    expect(new Set(calls.map((e) => e.id))).toEqual(new Set(h02.callIds));
    for (const e of calls) {
      expect(e.data).not.toHaveProperty('callerPhone');
      expect((e.data as { address: string }).address).toBe('');
    }
    expect(consoles.nurse2.events.some((e) => e.entity === 'transport' && e.id === h02.transportIds[1])).toBe(true);
    expect(JSON.stringify(consoles.nurse2.events)).not.toContain(PHONE);
  });

  it('replay and snapshot follow the same rule', async () => {
    const again = connectConsole(server, nurse, { lastSeq: seqBefore });
    const again2 = connectConsole(server, nurse2, { lastSeq: seqBefore });
    const fresh = connectConsole(server, nurse);
    await Promise.all([again.ready, again2.ready, fresh.ready]);
    try {
      expect(again.replays[0]?.events.filter((e) => PATIENT_ENTITIES.includes(e.entity))).toEqual([]);
      expect(again2.replays[0]?.events.filter((e) => e.entity === 'call').map((e) => e.id)).toEqual(expect.arrayContaining(h02.callIds));
      expect(JSON.stringify(again2.replays)).not.toContain(PHONE);
      const snap = fresh.snapshots[0];
      expect(snap?.calls.filter((c) => h02.callIds.includes(c.id))).toEqual([]);
      expect(snap?.transports.filter((t) => h02.transportIds.includes(t.id))).toEqual([]);
    } finally {
      again.close();
      again2.close();
      fresh.close();
    }
  });

  it("over REST the H01 nurse can neither read H02's patients nor act on them or on H02's beds", async () => {
    const [callA] = h02.callIds;
    const [transportA, transportB] = h02.transportIds;
    expect((await nurse.get(`/api/calls/${callA}`)).status).toBe(404);
    const own = await nurse2.get(`/api/calls/${callA}`);
    expect(own.status).toBe(200);
    expect(own.body.call).not.toHaveProperty('callerPhone');
    expect(own.body.call.address).toBe('');
    expect((await nurse.post(`/api/transports/${transportB}/accept`)).status).toBe(403);
    expect((await nurse.post(`/api/transports/${transportA}/decline`, { reason: 'ed_saturated' })).status).toBe(403);
    expect((await nurse.post(`/api/transports/${transportA}/arrive`)).status).toBe(403);
    const beds = await nurse.patch('/api/hospitals/2/capacity', { occupiedBeds: 1 });
    expect(beds.status).toBe(403);
    expect((await nurse.get('/api/hospitals')).body.find((h: { id: number }) => h.id === 2).occupiedBeds).not.toBe(1);
    expect((await nurse.post('/api/hospitals/2/transfers', { complaint: 'x', clinicalClass: 'severe' })).status).toBe(403);
    expect((await nurse.get('/api/hospitals/2/today')).status).toBe(403);
    expect((await nurse.get('/api/calls')).status).toBe(403);
  });

  it('on a call with units bound for two hospitals, each nurse sees the call but only her own transport', async () => {
    const free = (await dispatcher.get('/api/units')).body.filter((u: { kind: string; status: string }) => u.kind === 'critical_care' && u.status === 'available');
    const c = await dispatcher.post('/api/calls', callBody({ clinicalClass: 'severe', complaint: 'bus crash, two patients' }));
    const toH01 = await dispatcher.post(`/api/calls/${c.body.id}/assign`, { unitId: free[0].id, hospitalId: 1 });
    const toH02 = await dispatcher.post(`/api/calls/${c.body.id}/assign`, { unitId: free[1].id, hospitalId: 2 });
    expect([toH01.status, toH02.status]).toEqual([201, 201]);
    const seen1 = await nurse.get(`/api/calls/${c.body.id}`);
    const seen2 = await nurse2.get(`/api/calls/${c.body.id}`);
    expect(seen1.body.transports.map((t: { id: number }) => t.id)).toEqual([toH01.body.transport.id]);
    expect(seen2.body.transports.map((t: { id: number }) => t.id)).toEqual([toH02.body.transport.id]);
    await waitFor(() => consoles.nurse2.events.some((e) => e.entity === 'transport' && e.id === toH02.body.transport.id));
    await waitFor(() => consoles.nurse.events.some((e) => e.entity === 'transport' && e.id === toH01.body.transport.id));
    expect(consoles.nurse2.events.some((e) => e.entity === 'transport' && e.id === toH01.body.transport.id)).toBe(false);
    expect(consoles.nurse.events.some((e) => e.entity === 'transport' && e.id === toH02.body.transport.id)).toBe(false);
  });

  it('no answer and no push to anyone but the dispatch seats carries the caller phone', async () => {
    // One more call, for H01, so every role has a patient of its own to be shown.
    const unit = (await dispatcher.get('/api/units')).body.find((u: { kind: string; status: string }) => u.kind === 'critical_care' && u.status === 'available');
    const c = await dispatcher.post('/api/calls', callBody({ callerPhone: PHONE, clinicalClass: 'severe' }));
    await dispatcher.post(`/api/calls/${c.body.id}/assign`, { unitId: unit.id, hospitalId: 1 });
    const ids = { ...(await makeIds(server)), callId: c.body.id };
    const leaks: string[] = [];
    for (const [who, agent] of Object.entries({ nurse, nurse2, command, admin, gateway })) {
      for (const route of apiRoutes(server).filter((r) => r.method === 'GET')) {
        const res = await agent.get(fillPath(route.url, ids));
        if (JSON.stringify(res.body ?? '').includes(PHONE)) leaks.push(`${route.url} as ${who}`);
      }
    }
    expect(leaks).toEqual([]);
    // The dispatcher does see it: the check above is not vacuous.
    expect(JSON.stringify((await dispatcher.get(`/api/calls/${c.body.id}`)).body)).toContain(PHONE);
    await waitFor(() => consoles.command.events.some((e) => e.id === c.body.id && e.entity === 'call'));
    for (const who of ['nurse', 'nurse2', 'command', 'admin'] as const) {
      expect(JSON.stringify({ s: consoles[who].snapshots, e: consoles[who].events, r: consoles[who].replays }), who).not.toContain(PHONE);
    }
    expect(JSON.stringify(consoles.dispatcher.events)).toContain(PHONE);
  });
});
