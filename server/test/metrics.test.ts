/** GET /metrics: the listed series exist, move under a short real load, and are not served to just anyone. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, callBody, connectConsole, login, startTestServer, waitFor, type Agent, type RecordingConsole, type TestServer } from './harness.ts';

const TOKEN = 'metrics-test-token-0123456789';

/** One sample's value from the text format; labels as written by prom-client (sorted as declared). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let total = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    if (!want.every((w) => (m[2] ?? '').includes(w))) continue;
    found = true;
    total += Number(m[3]);
  }
  if (!found) throw new Error(`no sample ${name} ${JSON.stringify(labels)}`);
  return total;
}

describe('/metrics (Prometheus)', () => {
  let server: TestServer;
  let dispatcher: Agent;
  let gateway: Agent;
  let console1: RecordingConsole;
  const scrape = async () => {
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN: TOKEN } });
    dispatcher = await login(server, 'dispatcher');
    gateway = await login(server, 'avl-gateway');
  });
  afterAll(async () => {
    console1.close();
    await server.close();
  });

  it('exposes every listed series, and they move under a short load', async () => {
    const before = await scrape();
    for (const name of [
      'dispatch_http_requests_total',
      'dispatch_http_request_duration_seconds',
      'dispatch_sockets_connected',
      'dispatch_push_lag_seconds',
      'dispatch_position_frames_total',
      'dispatch_position_frame_bytes',
      'dispatch_slow_consumers_dropped_total',
      'dispatch_resyncs_total',
      'dispatch_degraded',
      'dispatch_db_pool_in_use',
      'dispatch_db_pool_waiting',
      'dispatch_alert_monitor_runs_total',
      'dispatch_idempotency_replays_total',
      'dispatch_nodejs_eventloop_lag_p99_seconds',
      'dispatch_process_resident_memory_bytes',
    ]) {
      expect(before, name).toContain(`# TYPE ${name} `);
    }
    expect(sample(before, 'dispatch_degraded')).toBe(0);
    expect(sample(before, 'dispatch_db_pool_max')).toBe(10);
    expect(() => sample(before, 'dispatch_sockets_connected', { room: 'dispatch' })).toThrow();

    // The load: a console joins (a snapshot), asks to resync from its seq (a replay), calls are
    // created (pushed), one retried with its Idempotency-Key, a position batch goes through the AVL gateway.
    console1 = connectConsole(server, dispatcher);
    await console1.ready;
    for (let i = 0; i < 3; i++) expect((await dispatcher.post('/api/calls', callBody({ notes: `metrics ${i}` }))).status).toBe(201);
    const key = `metrics-${Date.now()}`;
    const first = await dispatcher.post('/api/calls', callBody({ notes: 'retried' }), { 'idempotency-key': key });
    const retry = await dispatcher.post('/api/calls', callBody({ notes: 'retried' }), { 'idempotency-key': key });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    await waitFor(() => console1.events.length >= 4, 5000, 'the calls pushed');
    const lastSeq = Math.max(...console1.events.map((e) => e.seq));
    const resync = (await console1.socket.timeout(5000).emitWithAck('resync', { lastSeq: lastSeq - 1 })) as { ok: boolean; value: { kind: string } };
    expect(resync).toMatchObject({ ok: true, value: { kind: 'replay' } });
    const posted = await gateway.post('/api/units/positions', { fixes: [{ unitId: 1, lon: 121.25, lat: 30.2, at: Date.now() }] });
    expect(posted.status).toBe(200);
    await waitFor(() => console1.frames.length > 0, 3000, 'a position frame');
    await server.ctx.alertMonitor.tick();
    const bad = await anonymous(server).get('/api/calls/1');
    expect(bad.status).toBe(401);

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - (before.includes(name) ? sampleOr0(before, name, labels) : 0);
    expect(moved('dispatch_http_requests_total', { route: '/api/calls', method: 'POST', status: '201' })).toBeGreaterThanOrEqual(4);
    expect(moved('dispatch_http_requests_total', { route: '/api/calls/:id', method: 'GET', status: '401' })).toBe(1);
    // The pattern, never the raw URL.
    expect(after).not.toContain('route="/api/calls/1"');
    expect(moved('dispatch_http_request_duration_seconds_count', { route: '/api/units/positions', method: 'POST' })).toBe(1);
    expect(sample(after, 'dispatch_sockets_connected', { room: 'dispatch' })).toBe(1);
    expect(sample(after, 'dispatch_sockets_connected', { room: 'positions' })).toBe(1);
    expect(moved('dispatch_push_lag_seconds_count')).toBeGreaterThanOrEqual(4);
    expect(moved('dispatch_position_frames_total', { room_kind: 'positions' })).toBeGreaterThanOrEqual(1);
    expect(moved('dispatch_position_frame_bytes_sum')).toBeGreaterThanOrEqual(20);
    expect(moved('dispatch_resyncs_total', { trigger: 'connect', outcome: 'snapshot' })).toBe(1);
    expect(moved('dispatch_resyncs_total', { trigger: 'request', outcome: 'replay' })).toBe(1);
    expect(moved('dispatch_idempotency_replays_total')).toBe(1);
    expect(moved('dispatch_alert_monitor_runs_total', { outcome: 'ok' })).toBe(1);
    expect(sample(after, 'dispatch_db_pool_in_use')).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'dispatch_db_pool_waiting')).toBe(0);
  });

  it('answers 401 without the token or with a wrong one (also from loopback); the API docs show its own token, not a session', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
    // A session token is not the metrics token.
    expect((await fetch(`${server.url}/metrics`, { headers: dispatcher.headers() })).status).toBe(401);
    // Issue 17.5 lists it (text/plain) under its own scheme: a session or service login does not open it.
    const spec = (await anonymous(server).get('/docs/json')).body as { paths: Record<string, { get?: { security?: unknown } }> };
    expect(spec.paths['/metrics']?.get?.security).toEqual([{ metricsToken: [] }]);
  });

  it('without a token, serves a direct loopback scraper only, never a request relayed by a proxy', async () => {
    const open = await startTestServer();
    try {
      const direct = await fetch(`${open.url}/metrics`);
      expect(direct.status).toBe(200);
      expect(await direct.text()).toContain('dispatch_http_requests_total');
      const relayed = await fetch(`${open.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(relayed.status).toBe(403);
      expect(((await relayed.json()) as { code: string }).code).toBe('FORBIDDEN');
      expect((await fetch(`${open.url}/metrics`, { headers: { forwarded: 'for=203.0.113.9' } })).status).toBe(403);
    } finally {
      await open.close();
    }
  });
});

function sampleOr0(text: string, name: string, labels: Record<string, string>): number {
  try {
    return sample(text, name, labels);
  } catch {
    return 0;
  }
}
