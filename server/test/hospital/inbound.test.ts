/** A hospital screen gets the positions of the units coming to it, and only those, also after a restart. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBody, connectConsole, login, startTestServer, type Agent, type RecordingConsole, type TestServer } from '../harness.ts';

const H01 = 1;
const H02 = 2;

describe('unit positions on hospital screens', () => {
  let server: TestServer;
  let dispatcher: Agent;
  let gateway: Agent;
  let edA: RecordingConsole;
  let edB: RecordingConsole;
  let inboundUnit: number;
  let idleUnit: number;
  let transportId: number;
  let fixAt = Date.now();

  beforeAll(async () => {
    server = await startTestServer();
    [dispatcher, gateway] = await Promise.all([login(server, 'dispatcher'), login(server, 'avl-gateway')]);
    edA = connectConsole(server, await login(server, 'nurse'));
    edB = connectConsole(server, await login(server, 'nurse2'));
    await Promise.all([edA.ready, edB.ready]);
  });
  afterAll(async () => {
    edA?.close();
    edB?.close();
    await server?.close();
  });

  /** One fresh fix for each unit, through the AVL gateway. */
  const move = async (units: number[]) => {
    fixAt += 1000;
    const res = await gateway.post('/api/units/positions', { fixes: units.map((unitId, i) => ({ unitId, lon: 121.27 + i * 0.01, lat: 30.17, heading: 90, speedKmh: 50, at: fixAt })) });
    expect(res.status).toBe(200);
  };
  const unitsIn = (c: RecordingConsole, after: number) => new Set(c.frames.filter((f) => f.at >= after).flatMap((f) => f.fixes.map((x) => x[0])));

  it('sends an inbound unit’s fixes to its hospital only, and follows a reroute', async () => {
    const call = await dispatcher.post('/api/calls', callBody({ clinicalClass: 'severe' }));
    const units = (await dispatcher.get(`/api/calls/${call.body.id}/suggestions`)).body.units as { unitId: number }[];
    inboundUnit = units[0]?.unitId ?? 0;
    idleUnit = units[1]?.unitId ?? 0;
    const assigned = await dispatcher.post(`/api/calls/${call.body.id}/assign`, { unitId: inboundUnit, hospitalId: H01 });
    transportId = assigned.body.transport.id;

    let t0 = Date.now();
    await move([inboundUnit, idleUnit]);
    await edA.waitFor(() => unitsIn(edA, t0).has(inboundUnit));
    expect(unitsIn(edA, t0).has(idleUnit)).toBe(false);
    expect(unitsIn(edB, t0).size).toBe(0);

    expect((await dispatcher.post(`/api/transports/${transportId}/destination`, { hospitalId: H02 })).status).toBe(200);
    await edA.waitFor(() => edA.events.find((e) => e.name === 'transport.rerouted'));
    t0 = Date.now();
    await move([inboundUnit, idleUnit]);
    await edB.waitFor(() => unitsIn(edB, t0).has(inboundUnit));
    // Let one more frame interval pass: A must not get it.
    await new Promise((r) => setTimeout(r, 400));
    expect(unitsIn(edA, t0).size).toBe(0);
    expect(unitsIn(edB, t0).has(idleUnit)).toBe(false);
  });

  it('keeps sending to the right hospital after a restart, before any new event', async () => {
    const restarted = await startTestServer({ databaseUrl: server.databaseUrl });
    try {
      const ed = connectConsole(restarted, await login(restarted, 'nurse2'));
      await ed.ready;
      const t0 = Date.now();
      fixAt += 1000;
      const gw = await login(restarted, 'avl-gateway');
      expect((await gw.post('/api/units/positions', { fixes: [{ unitId: inboundUnit, lon: 121.3, lat: 30.18, at: fixAt }] })).status).toBe(200);
      await ed.waitFor(() => unitsIn(ed, t0).has(inboundUnit));
      ed.close();
    } finally {
      await restarted.close();
    }
  });

  it('stops once the patient is handed over', async () => {
    for (const status of ['en_route', 'on_scene', 'transporting', 'at_hospital']) {
      expect((await gateway.post(`/api/units/${inboundUnit}/status`, { status })).status).toBe(200);
    }
    expect((await login(server, 'nurse2').then((n) => n.post(`/api/transports/${transportId}/handover`))).status).toBe(200);
    await edB.waitFor(() => edB.events.find((e) => e.name === 'transport.handedOver'));
    const t0 = Date.now();
    await move([inboundUnit]);
    await new Promise((r) => setTimeout(r, 600));
    expect(unitsIn(edB, t0).size).toBe(0);
  });
});
