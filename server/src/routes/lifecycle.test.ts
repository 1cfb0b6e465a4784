import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBody, login, startTestServer, type Agent, type TestServer } from '../../test/harness.ts';

describe('a call and its unit move through their lifecycles, and illegal moves are refused by name', () => {
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

  async function assignedCall(overrides: Record<string, unknown> = {}) {
    const call = (await dispatcher.post('/api/calls', callBody(overrides))).body;
    const s = (await dispatcher.get(`/api/calls/${call.id}/suggestions`)).body;
    const res = await dispatcher.post(`/api/calls/${call.id}/assign`, { unitId: s.units[0].unitId, hospitalId: s.hospitals[0].hospitalId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { call: { id: number }; unit: { id: number }; transport: { id: number } };
  }

  it('unit status drives the call: en route, on scene, transporting, at hospital, handover closes it', async () => {
    const { call, unit, transport } = await assignedCall({ clinicalClass: 'severe' });
    const step = async (status: string) => {
      const res = await gateway.post(`/api/units/${unit.id}/status`, { status });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (await dispatcher.get(`/api/calls/${call.id}`)).body.call.status;
    };
    expect(await step('en_route')).toBe('en_route');
    expect(await step('on_scene')).toBe('on_scene');
    expect(await step('transporting')).toBe('transporting');
    expect(await step('at_hospital')).toBe('at_hospital');
    const early = await gateway.post(`/api/units/${unit.id}/status`, { status: 'available' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('NOT_HANDED_OVER');
    const handover = await nurse.post(`/api/transports/${transport.id}/handover`);
    expect(handover.status).toBe(200);
    expect(handover.body.acceptance).toBe('handed_over');
    const after = (await dispatcher.get(`/api/calls/${call.id}`)).body.call;
    expect(after.status).toBe('closed');
    expect(after.outcome).toBe('transported');
    expect((await dispatcher.get(`/api/units/${unit.id}`)).body.status).toBe('returning');
  });

  it('refuses a handover before arrival with 409 and the current state', async () => {
    const { transport } = await assignedCall({ clinicalClass: 'common' });
    const res = await dispatcher.post(`/api/transports/${transport.id}/handover`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ILLEGAL_TRANSITION');
    expect(res.body.current.acceptance).toBe('pending');
    expect(res.body.message).toMatch(/pending/);
  });

  it('refuses an illegal unit transition by name and changes nothing', async () => {
    const { unit } = await assignedCall();
    const res = await gateway.post(`/api/units/${unit.id}/status`, { status: 'at_hospital' });
    expect(res.status).toBe(409);
    expect(res.body.current.status).toBe('dispatched');
    expect((await dispatcher.get(`/api/units/${unit.id}`)).body.status).toBe('dispatched');
  });

  it('a unit stood down puts the call back in the queue', async () => {
    const { call, unit } = await assignedCall();
    expect((await dispatcher.post(`/api/units/${unit.id}/status`, { status: 'available' })).status).toBe(200);
    expect((await dispatcher.get(`/api/calls/${call.id}`)).body.call.status).toBe('awaiting_unit');
  });

  it('an advice-only call is closed at once with its outcome and no unit', async () => {
    const res = await dispatcher.post('/api/calls', callBody({ clinicalClass: 'mild', closeAs: 'advice' }));
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('closed');
    expect(res.body.outcome).toBe('advice');
  });

  it('a severe patient cannot be given a standard unit, nor a mild one sent to the designated hospital', async () => {
    const call = (await dispatcher.post('/api/calls', callBody({ clinicalClass: 'severe' }))).body;
    const units = (await dispatcher.get('/api/units')).body as { id: number; kind: string; status: string }[];
    const standard = units.find((u) => u.kind === 'standard' && u.status === 'available');
    const res = await dispatcher.post(`/api/calls/${call.id}/assign`, { unitId: standard?.id });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('UNIT_CANNOT_CARRY');
    const mild = (await dispatcher.post('/api/calls', callBody({ clinicalClass: 'mild' }))).body;
    const bad = await dispatcher.post(`/api/calls/${mild.id}/assign`, { unitId: standard?.id, hospitalId: 1 });
    expect(bad.status).toBe(409);
    expect(bad.body.code).toBe('HOSPITAL_CANNOT_TAKE');
    expect((await dispatcher.get(`/api/units/${standard?.id}`)).body.status).toBe('available');
  });

  it('merges a repeat call into the open one it repeats', async () => {
    const first = (await dispatcher.post('/api/calls', callBody({ callerPhone: '13700001111' }))).body;
    const check = await dispatcher.get(`/api/calls/check?phone=13700001111`);
    expect(check.body.repeatOf.map((c: { id: number }) => c.id)).toContain(first.id);
    const second = (await dispatcher.post('/api/calls', callBody({ callerPhone: '13700001111', complaint: 'still feverish' }))).body;
    const merged = await dispatcher.post(`/api/calls/${second.id}/merge`, { intoCallId: first.id });
    expect(merged.status).toBe(200);
    expect(merged.body.outcome).toBe('merged');
    expect((await dispatcher.get(`/api/calls/${first.id}`)).body.call.notes).toMatch(/still feverish/);
  });
});
