/** Concurrent seats: one unit goes to exactly one place; one call may take several units. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBody, login, startTestServer, type Agent, type TestServer } from '../harness.ts';

describe('no double assignment under 20 concurrent requests', () => {
  let server: TestServer;
  let dispatcher: Agent;
  let available: number[];
  beforeAll(async () => {
    server = await startTestServer();
    dispatcher = await login(server, 'dispatcher');
    const units = (await dispatcher.get('/api/units')).body as { id: number; status: string; kind: string }[];
    available = units.filter((u) => u.status === 'available').map((u) => u.id);
    expect(available.length).toBeGreaterThanOrEqual(42);
  });
  afterAll(() => server.close());

  const newCall = async () => {
    const res = await dispatcher.post('/api/calls', callBody());
    expect(res.status).toBe(201);
    return res.body.id as number;
  };

  it('sends one unit to exactly one of 20 calls; the 19 others get 409 with the unit as it now is', async () => {
    const calls = await Promise.all(Array.from({ length: 20 }, newCall));
    const unitId = available[0];
    const results = await Promise.all(calls.map((id) => dispatcher.post(`/api/calls/${id}/assign`, { unitId })));
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) {
      expect(r.body.code).toBe('UNIT_NOT_AVAILABLE');
      expect(r.body.current).toMatchObject({ id: unitId, status: 'dispatched' });
    }
    const winnerCall = won[0]?.body.call.id;
    const unit = (await dispatcher.get(`/api/units/${unitId}`)).body;
    expect(unit.callId).toBe(winnerCall);
    // The losing calls are untouched: still waiting for a unit, no transport.
    for (const id of calls.filter((c) => c !== winnerCall)) {
      const detail = (await dispatcher.get(`/api/calls/${id}`)).body;
      expect(detail.call.status).toBe('awaiting_unit');
      expect(detail.transports).toHaveLength(0);
    }
  });

  it('gives one call 20 different units at once, all accepted', async () => {
    const callId = await newCall();
    const units = available.slice(1, 21);
    const results = await Promise.all(units.map((unitId) => dispatcher.post(`/api/calls/${callId}/assign`, { unitId })));
    expect(results.map((r) => r.status)).toEqual(units.map(() => 201));
    const detail = (await dispatcher.get(`/api/calls/${callId}`)).body;
    expect(detail.call.status).toBe('unit_assigned');
    expect(detail.transports.map((t: { unitId: number }) => t.unitId).sort((a: number, b: number) => a - b)).toEqual([...units].sort((a, b) => a - b));
  });

  it('takes the same unit for the same call only once when 20 seats press at once', async () => {
    const callId = await newCall();
    const unitId = available[21];
    const results = await Promise.all(Array.from({ length: 20 }, () => dispatcher.post(`/api/calls/${callId}/assign`, { unitId })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    const detail = (await dispatcher.get(`/api/calls/${callId}`)).body;
    expect(detail.transports).toHaveLength(1);
  });
});
