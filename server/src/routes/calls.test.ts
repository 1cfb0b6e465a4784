import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBody, login, startTestServer, type Agent, type TestServer } from '../../test/harness.ts';

describe('calls API against PostgreSQL', () => {
  let server: TestServer;
  let dispatcher: Agent;
  beforeAll(async () => {
    server = await startTestServer();
    dispatcher = await login(server, 'dispatcher');
  });
  afterAll(() => server.close());

  it('takes a call, suggests units and hospitals, and assigns the recommended pair', async () => {
    const created = await dispatcher.post('/api/calls', callBody({ clinicalClass: 'severe', age: 81 }));
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('awaiting_unit');
    const suggestions = await dispatcher.get(`/api/calls/${created.body.id}/suggestions`);
    expect(suggestions.status).toBe(200);
    const unit = suggestions.body.units[0];
    const hospital = suggestions.body.hospitals[0];
    expect(unit.kind).toBe('critical_care');
    expect(hospital.factors).toHaveProperty('travelMinutes');
    const assigned = await dispatcher.post(`/api/calls/${created.body.id}/assign`, { unitId: unit.unitId, hospitalId: hospital.hospitalId });
    expect(assigned.status).toBe(201);
    expect(assigned.body.call.status).toBe('unit_assigned');
    expect(assigned.body.unit.status).toBe('dispatched');
    expect(assigned.body.transport.acceptance).toBe('pending');
    const again = await dispatcher.post(`/api/calls/${created.body.id}/assign`, { unitId: unit.unitId });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('UNIT_NOT_AVAILABLE');
    expect(again.body.current.status).toBe('dispatched');
  });

  it('rejects bad input with a code and the field, and stores nothing', async () => {
    const before = (await dispatcher.get('/api/calls')).body.length;
    const res = await dispatcher.post('/api/calls', callBody({ lat: 'north' }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION');
    expect(res.body.field).toBe('lat');
    expect((await dispatcher.get('/api/calls')).body.length).toBe(before);
  });
});

describe('travel time comes from the configured estimator', () => {
  it('a larger road factor lengthens every suggested ETA', async () => {
    const plain = await startTestServer();
    const winding = await startTestServer({ env: { ROAD_FACTOR: '2.7' } });
    try {
      const eta = async (server: TestServer) => {
        const agent = await login(server, 'dispatcher');
        const call = (await agent.post('/api/calls', callBody({ clinicalClass: 'common' }))).body;
        return (await agent.get(`/api/calls/${call.id}/suggestions`)).body as { units: { etaMinutes: number }[]; estimator: string };
      };
      const a = await eta(plain);
      const b = await eta(winding);
      expect(a.estimator).toBe('straight-line');
      // Same units, same places: only the road factor differs, so driving time (ETA less 1 min to mobilise) doubles.
      expect(b.units[0]?.etaMinutes ?? 0).toBeGreaterThan(a.units[0]?.etaMinutes ?? Infinity);
      expect((b.units[0]?.etaMinutes ?? 0) - 1).toBeCloseTo(((a.units[0]?.etaMinutes ?? 0) - 1) * 2, 0);
    } finally {
      await plain.close();
      await winding.close();
    }
  });
});
