/** Minimal HTTP client for the bench: bearer tokens from a service login, JSON in and out. */
import { DEMO_ACCOUNTS, SIM_DISPATCHER } from '../../server/src/demo/seed.ts';

const PASSWORDS = new Map([...DEMO_ACCOUNTS, SIM_DISPATCHER].map((a) => [a.username, a.password]));

export async function login(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-client': 'service' },
    body: JSON.stringify({ username, password: PASSWORDS.get(username) }),
  });
  const body = (await res.json()) as { token?: string };
  if (res.status !== 200 || !body.token) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

/** `idempotencyKey`: sent as the console sends one with every write (the key costs the server its own statements). */
export async function post<T = unknown>(baseUrl: string, token: string, path: string, body: unknown, idempotencyKey?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    body: JSON.stringify(body),
    // Bounded: a request lost with its server must not hold a bench forever.
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, body: parseJson(text) as T };
}

/** A load balancer's own error pages (502) are HTML: no body then, the status says enough. */
function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A call somewhere in the city. */
export function callBody(i: number) {
  return {
    callerPhone: `1380013${String(i % 10000).padStart(4, '0')}`,
    address: `浒山街道 青少年宫路 ${i}号`,
    lon: 121.27 + ((i * 37) % 100) / 1000 - 0.05,
    lat: 30.17 + ((i * 53) % 60) / 1000 - 0.03,
    complaint: 'fever 39.5, short of breath',
    clinicalClass: 'common',
    age: 20 + (i % 70),
    riskTier: 'yellow',
    flags: { nursingHome: false, pregnant: false, needsBed: false },
    notes: '',
  };
}
