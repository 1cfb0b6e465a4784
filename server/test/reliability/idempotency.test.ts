/** Idempotency-Key: a retried request gets the first answer and never makes a second call. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBody, login, startTestServer, type Agent, type TestServer } from '../harness.ts';

describe('Idempotency-Key on writes', () => {
  let server: TestServer;
  let dispatcher: Agent;
  let callCount: () => Promise<number>;
  beforeAll(async () => {
    server = await startTestServer();
    dispatcher = await login(server, 'dispatcher');
    callCount = async () => {
      const rows = (await server.database.db.execute(sql`select count(*)::int as n from calls`)) as unknown as { n: number }[];
      return Number(rows[0]?.n);
    };
  });
  afterAll(() => server.close());

  const key = () => `k-${Math.random().toString(36).slice(2)}`;

  it('answers a retry with the stored response and creates the call once', async () => {
    const before = await callCount();
    const k = key();
    const first = await dispatcher.post('/api/calls', callBody({ notes: 'retry me' }), { 'idempotency-key': k });
    const again = await dispatcher.post('/api/calls', callBody({ notes: 'retry me' }), { 'idempotency-key': k });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await callCount()).toBe(before + 1);
  });

  it('lets exactly one of 10 simultaneous twins run; all get the same answer', async () => {
    const before = await callCount();
    const k = key();
    const results = await Promise.all(Array.from({ length: 10 }, () => dispatcher.post('/api/calls', callBody({ notes: 'twins' }), { 'idempotency-key': k })));
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await callCount()).toBe(before + 1);
  });

  /** The state a crash between commit and storing the answer leaves: the key taken, no answer. */
  const loseAnswer = async (k: string) => {
    await server.database.db.execute(
      sql`update idempotency_keys set status_code = 0, response = jsonb_set(response, '{body}', 'null'::jsonb) where key = ${`${(await dispatcher.get('/api/auth/me')).body.id}:${k}`}`,
    );
  };

  it('answers a retry whose first attempt committed but died before its answer with the committed result, not 409', async () => {
    const before = await callCount();
    const k = key();
    const first = await dispatcher.post('/api/calls', callBody({ notes: 'crash after commit' }), { 'idempotency-key': k });
    expect(first.status).toBe(201);
    await loseAnswer(k);
    const retry = await dispatcher.post('/api/calls', callBody({ notes: 'crash after commit' }), { 'idempotency-key': k });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await callCount()).toBe(before + 1);
    // And from then on the answer is stored like any other.
    const third = await dispatcher.post('/api/calls', callBody({ notes: 'crash after commit' }), { 'idempotency-key': k });
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect(third.body).toEqual(first.body);
  });

  it('renders a lost assignment answer from the committed rows, times included', async () => {
    const call = await dispatcher.post('/api/calls', callBody({ notes: 'assign, crash' }));
    const units = (await dispatcher.get(`/api/calls/${call.body.id}/suggestions`)).body.units as { unitId: number }[];
    const k = key();
    const first = await dispatcher.post(`/api/calls/${call.body.id}/assign`, { unitId: units[0]?.unitId }, { 'idempotency-key': k });
    expect(first.status).toBe(201);
    await loseAnswer(k);
    const retry = await dispatcher.post(`/api/calls/${call.body.id}/assign`, { unitId: units[0]?.unitId }, { 'idempotency-key': k });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const detail = (await dispatcher.get(`/api/calls/${call.body.id}`)).body;
    expect(detail.transports).toHaveLength(1);
  });

  it('refuses the same key with a different body (422) and stores nothing', async () => {
    const k = key();
    expect((await dispatcher.post('/api/calls', callBody(), { 'idempotency-key': k })).status).toBe(201);
    const before = await callCount();
    const reused = await dispatcher.post('/api/calls', callBody({ address: 'another street 1' }), { 'idempotency-key': k });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(reused.body.field).toBe('Idempotency-Key');
    expect(await callCount()).toBe(before);
  });

  it('keeps keys per user: another dispatcher with the same key gets a call of their own', async () => {
    const other = await login(server, 'sim-dispatcher');
    const k = key();
    const a = await dispatcher.post('/api/calls', callBody(), { 'idempotency-key': k });
    const b = await other.post('/api/calls', callBody(), { 'idempotency-key': k });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('replays a refused assignment too (409 stays 409), and a retry after a failed write can run', async () => {
    const call = (await dispatcher.post('/api/calls', callBody())).body.id;
    const k = key();
    const missing = await dispatcher.post(`/api/calls/${call}/assign`, { unitId: 9999 }, { 'idempotency-key': k });
    expect(missing.status).toBe(404);
    const replayed = await dispatcher.post(`/api/calls/${call}/assign`, { unitId: 9999 }, { 'idempotency-key': k });
    expect(replayed.status).toBe(404);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
  });

  it('replays position batches from the gateway', async () => {
    const gateway = await login(server, 'avl-gateway');
    const k = key();
    const body = { fixes: [{ unitId: 3, lon: 121.25, lat: 30.17, at: Date.now() }] };
    const first = await gateway.post('/api/units/positions', body, { 'idempotency-key': k });
    const again = await gateway.post('/api/units/positions', body, { 'idempotency-key': k });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: 1, applied: 1 });
    // Run again it would say applied: 0; the retry gets the first answer.
    expect(again.body).toEqual(first.body);
  });

  it('forgets keys after the retention window (24 h)', async () => {
    const before = await callCount();
    const k = key();
    await dispatcher.post('/api/calls', callBody(), { 'idempotency-key': k });
    await server.database.db.execute(sql`update idempotency_keys set created_at = now() - interval '25 hours' where key like ${`%:${k}`}`);
    const later = await dispatcher.post('/api/calls', callBody(), { 'idempotency-key': k });
    expect(later.status).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(await callCount()).toBe(before + 2);
  });

  it('rejects a malformed key with the field named', async () => {
    const res = await dispatcher.post('/api/calls', callBody(), { 'idempotency-key': 'x'.repeat(300) });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('Idempotency-Key');
  });
});
