/** What the security tests share: one agent per role, real ids for path parameters, the route table. */
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents } from '@dispatch/shared';
import { anonymous, callBody, login, type Agent, type ConsoleSocket, type TestServer } from '../harness.ts';

export const PRINCIPALS = ['nobody', 'dispatcher', 'nurse', 'command', 'admin', 'gateway', 'telephony', 'crew'] as const;
export type Principal = (typeof PRINCIPALS)[number];
const USERNAME: Record<Exclude<Principal, 'nobody'>, string> = {
  dispatcher: 'dispatcher',
  nurse: 'nurse',
  command: 'command',
  admin: 'admin',
  gateway: 'avl-gateway',
  telephony: 'cti-gateway',
  crew: 'crew',
};

export async function agentFor(server: TestServer, who: Principal): Promise<Agent> {
  return who === 'nobody' ? anonymous(server) : login(server, USERNAME[who]);
}

/** Every client→server socket event; the type check below fails when one is added and not listed here. */
export const CLIENT_EVENTS = ['resync', 'ping'] as const;
type Unlisted = Exclude<keyof ClientToServerEvents, (typeof CLIENT_EVENTS)[number]>;
export const allClientEventsListed: [Unlisted] extends [never] ? true : never = true;

/** Real ids to put in paths: a call with a transport to the nurse's hospital (H01, id 1), a spare user. */
export interface Ids {
  callId: number;
  transportId: number;
  unitId: number;
  userId: number;
}

export async function makeIds(server: TestServer): Promise<Ids> {
  const dispatcher = await login(server, 'dispatcher');
  // H01 is the designated hospital: it takes severe patients, carried by a critical-care unit.
  const call = await dispatcher.post('/api/calls', callBody({ clinicalClass: 'severe' }));
  const unit = (await dispatcher.get('/api/units')).body.find((u: { kind: string; status: string }) => u.kind === 'critical_care' && u.status === 'available');
  const assigned = await dispatcher.post(`/api/calls/${call.body.id}/assign`, { unitId: unit.id, hospitalId: 1 });
  if (assigned.status !== 201) throw new Error(`assign failed: ${JSON.stringify(assigned.body)}`);
  const admin = await login(server, 'admin');
  const spare = await admin.post('/api/admin/users', { username: 'spare.user', displayName: 'Spare', password: 'spare-password', role: 'dispatcher' });
  return { callId: call.body.id, transportId: assigned.body.transport.id, unitId: unit.id, userId: spare.body.id };
}

/** Fill `:param`s from the resource the path names; unknown resources get 1 (404 is an answer too). */
export function fillPath(url: string, ids: Ids): string {
  const parts = url.split('/');
  return parts
    .map((part, i) => {
      if (!part.startsWith(':')) return part;
      const resource = parts[i - 1] ?? '';
      if (resource === 'calls') return String(ids.callId);
      if (resource === 'transports') return String(ids.transportId);
      if (resource === 'units') return String(ids.unitId);
      if (resource === 'users') return String(ids.userId);
      if (part === ':day') return new Date().toISOString().slice(0, 10);
      return '1';
    })
    .join('/');
}

export interface ApiRoute {
  method: string;
  url: string;
  roles: readonly string[] | 'public' | undefined;
}

/** The /api routes of the running app, from its onRoute table (wildcards excluded). */
export function apiRoutes(server: TestServer): ApiRoute[] {
  return server.routes.filter((r) => r.url.startsWith('/api/') && !r.url.includes('*'));
}

/** A raw Socket.IO client; resolves connected, or rejects with the handshake error. */
export function openSocket(server: TestServer, opts: { token?: string | null; headers?: Record<string, string> } = {}): Promise<ConsoleSocket> {
  const socket: ConsoleSocket = io(server.url, {
    transports: ['websocket'],
    auth: opts.token ? { token: opts.token, protocol: PROTOCOL_VERSION } : { protocol: PROTOCOL_VERSION },
    extraHeaders: opts.headers,
    reconnection: false,
    forceNew: true,
    timeout: 3000,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}

/** Emit with an ack, or 'no-ack' after the timeout (a dropped or ignored event). */
export function emitWithAck(socket: ConsoleSocket, event: string, args: unknown[], timeoutMs = 1500): Promise<unknown> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('no-ack'), timeoutMs);
    (socket.emit as (ev: string, ...a: unknown[]) => void)(event, ...args, (answer: unknown) => {
      clearTimeout(timer);
      resolve(answer);
    });
  });
}
