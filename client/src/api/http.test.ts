/**
 * Idempotency-Key on writes and the retry that reuses it. The fake fetch stands in for the network
 * (lost connections, a proxy answering 503), not for any of our components.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, RETRY_DELAYS_MS } from './http.ts';

interface Sent {
  method: string;
  path: string;
  key: string | null;
  body: string | undefined;
}

type Outcome = 'network' | number;

/** A network that answers each request with the next outcome: a dropped connection or a status. */
function network(...outcomes: Outcome[]) {
  const sent: Sent[] = [];
  const fetch = vi.fn((path: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    sent.push({ method: init.method ?? 'GET', path, key: headers.get('idempotency-key'), body: init.body as string | undefined });
    const outcome = outcomes.shift() ?? 200;
    if (outcome === 'network') return Promise.reject(new TypeError('Failed to fetch'));
    const body = outcome < 300 ? { id: 7 } : { code: outcome === 409 ? 'UNIT_NOT_AVAILABLE' : 'UNAVAILABLE', message: 'no' };
    return Promise.resolve(new Response(JSON.stringify(body), { status: outcome, headers: { 'content-type': 'application/json' } }));
  });
  vi.stubGlobal('fetch', fetch);
  return sent;
}

/** Run a request to its end, letting the retry pauses pass at once. */
async function settle<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const result = p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return result;
}

describe('api writes', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('send a fresh Idempotency-Key per write, none on reads', async () => {
    const sent = network(201, 201, 200, 200);
    await api.post('/api/calls', { a: 1 });
    await api.post('/api/calls', { a: 1 });
    await api.patch('/api/units/1', { b: 2 });
    await api.get('/api/calls');
    const [first, second, third, read] = sent;
    expect(first?.key).toMatch(/^[0-9a-f]{32}$/);
    expect(second?.key).toMatch(/^[0-9a-f]{32}$/);
    // Two presses of "send" are two calls, not one retried.
    expect(new Set([first?.key, second?.key, third?.key]).size).toBe(3);
    expect(read?.key).toBeNull();
  });

  it('retry after a dropped connection with the same key and body', async () => {
    const sent = network('network', 201);
    const { value } = await settle(api.post('/api/calls/3/assign', { unitId: 5, hospitalId: 2 }, { retry: true }));
    expect(value).toEqual({ id: 7 });
    expect(sent).toHaveLength(2);
    expect(sent[1]?.key).toBe(sent[0]?.key);
    expect(sent[1]?.body).toBe(sent[0]?.body);
    expect(sent[1]?.body).toBe(JSON.stringify({ unitId: 5, hospitalId: 2 }));
  });

  it('retry a 503 up to twice, then give the caller the failure', async () => {
    const sent = network(503, 503, 201);
    expect((await settle(api.post('/api/calls', {}, { retry: true }))).value).toEqual({ id: 7 });
    expect(sent.map((s) => s.key)).toEqual(Array(3).fill(sent[0]?.key));

    const lost = network('network', 'network', 'network', 201);
    const { error } = await settle(api.post('/api/calls', {}, { retry: true }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
    expect(lost).toHaveLength(1 + RETRY_DELAYS_MS.length);
  });

  it('do not retry a refusal, nor a write that did not ask for it', async () => {
    const refused = network(409, 201);
    const { error } = await settle(api.post('/api/calls/3/assign', { unitId: 5 }, { retry: true }));
    expect((error as ApiError).code).toBe('UNIT_NOT_AVAILABLE');
    expect(refused).toHaveLength(1);

    const once = network('network', 201);
    expect(((await settle(api.post('/api/units/5/status', { status: 'en_route' }))).error as ApiError).status).toBe(0);
    expect(once).toHaveLength(1);
  });
});
