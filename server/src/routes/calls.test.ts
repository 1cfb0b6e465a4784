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
