import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeocodeCandidate } from '@dispatch/shared';
import { login, startTestServer, type Agent, type TestServer } from '../../test/harness.ts';

describe('GET /api/geocode', () => {
  let server: TestServer;
  let dispatcher: Agent;
  beforeAll(async () => {
    server = await startTestServer();
    dispatcher = await login(server, 'dispatcher');
  });
  afterAll(async () => server.close());

  it('gives a dispatcher ranked places of the demo gazetteer, by characters, pinyin or initials', async () => {
    const res = await dispatcher.get<GeocodeCandidate[]>(`/api/geocode?q=${encodeURIComponent('周巷')}&limit=3`);
    expect(res.status).toBe(200);
    expect(res.body.length).toBeLessThanOrEqual(3);
    expect(res.body[0]?.place).toMatchObject({ name: '周巷镇', kind: 'town', town: '周巷镇' });
    expect(typeof res.body[0]?.place.lon).toBe('number');
    expect((await dispatcher.get<GeocodeCandidate[]>('/api/geocode?q=hushan')).body[0]?.place.name).toBe('浒山街道');
    expect((await dispatcher.get<GeocodeCandidate[]>('/api/geocode?q=ghwz')).body[0]?.place.name).toBe('观海卫镇');
    const scores = (await dispatcher.get<GeocodeCandidate[]>('/api/geocode?q=ci')).body.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('is for dispatchers only', async () => {
    expect((await (await login(server, 'nurse')).get('/api/geocode?q=zhou')).status).toBe(403);
  });

  it('refuses a query that is missing or too long, naming q', async () => {
    const long = await dispatcher.get(`/api/geocode?q=${'周'.repeat(81)}`);
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 'VALIDATION', field: 'q' });
    expect((await dispatcher.get('/api/geocode')).body).toMatchObject({ code: 'VALIDATION', field: 'q' });
    expect((await dispatcher.get('/api/geocode?q=zhou&limit=500')).body).toMatchObject({ code: 'VALIDATION', field: 'limit' });
  });
});
