/** Callers who hung up, called back, and re-contact of a waiting call, through real HTTP on real PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBody, connectConsole, login, type Agent, type TestServer, startTestServer } from '../harness.ts';

let server: TestServer;
let cti: Agent;
let dispatcher: Agent;
let n = 0;
const uid = (tag: string) => `${tag}-${++n}-${Date.now().toString(36)}`;
const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();
const ev = (lineId: number, kind: string, secondsAgo: number, callerNumber: string) => ({ eventId: uid(kind), lineId, kind, at: ago(secondsAgo), callerNumber, ...(kind === 'answered' ? { seat: 2 } : {}) });
const post = (events: unknown[]) => cti.post('/api/telephony/events', { events });
interface Entry {
  callerNumber: string;
  attemptEventId: string;
  waitedSeconds: number | null;
  tries: number;
  repeat: boolean;
  callbacks: { outcome: string; by: string | null }[];
}
const list = async (agent: Agent = dispatcher) => (await agent.get<Entry[]>('/api/callbacks')).body;

beforeAll(async () => {
  server = await startTestServer();
  cti = await login(server, 'cti-gateway');
  dispatcher = await login(server, 'dispatcher');
});
afterAll(() => server.close());

describe('callback list', () => {
  it('a caller rings 40 s and hangs up: listed with the wait; no_answer keeps them on the list, reached takes them off, and every console hears it', async () => {
    const ring = ev(3, 'ringing', 100, '13900000001');
    expect((await post([ring, ev(3, 'abandoned', 60, '13900000001')])).status).toBe(200);
    const entry = (await list()).find((e) => e.callerNumber === '13900000001');
    expect(entry).toMatchObject({ attemptEventId: ring.eventId, waitedSeconds: 40, tries: 1, repeat: false, callbacks: [] });

    const console = connectConsole(server, dispatcher);
    await console.ready;
    const first = await dispatcher.post('/api/callbacks', { attemptEventId: ring.eventId, outcome: 'no_answer' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ callerNumber: '13900000001', outcome: 'no_answer', by: '王丽' });
    const heard = await console.waitFor(() => console.events.find((e) => e.name === 'callback.logged'));
    expect(heard.data).toMatchObject({ callerNumber: '13900000001', outcome: 'no_answer' });
    expect((await list()).find((e) => e.callerNumber === '13900000001')?.callbacks.map((c) => c.outcome)).toEqual(['no_answer']);

    // By number this time, as a dispatcher who typed it would.
    expect((await dispatcher.post('/api/callbacks', { callerNumber: '13900000001', outcome: 'reached', note: '已自行就医' })).status).toBe(200);
    expect((await list()).some((e) => e.callerNumber === '13900000001')).toBe(false);
    console.close();
  });

  it('a caller who hangs up twice is one entry with two tries; getting through later clears it', async () => {
    await post([ev(4, 'ringing', 300, '13900000002'), ev(4, 'ended', 290, '13900000002'), ev(5, 'ringing', 200, '13900000002'), ev(5, 'abandoned', 170, '13900000002')]);
    const entries = (await list()).filter((e) => e.callerNumber === '13900000002');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ tries: 2, repeat: true, waitedSeconds: 30 });
    await post([ev(6, 'ringing', 50, '13900000002'), ev(6, 'answered', 45, '13900000002')]);
    expect((await list()).some((e) => e.callerNumber === '13900000002')).toBe(false);
  });

  it('the command group sees the list without the numbers; a nurse and the gateway may not read it', async () => {
    await post([ev(7, 'ringing', 80, '13900000003'), ev(7, 'abandoned', 70, '13900000003')]);
    const overview = await list(await login(server, 'command'));
    expect(overview.length).toBeGreaterThan(0);
    expect(JSON.stringify(overview)).not.toContain('13900000003');
    expect((await (await login(server, 'nurse')).get('/api/callbacks')).status).toBe(403);
    expect((await cti.get('/api/callbacks')).status).toBe(403);
  });

  it('bad input: an unknown attempt 404 UNKNOWN_ATTEMPT, a number that never hung up 404 UNKNOWN_CALLER, an answered attempt 409, a bad outcome 400 naming the field, neither name 400', async () => {
    const unknown = await dispatcher.post('/api/callbacks', { attemptEventId: 'no-such-event', outcome: 'reached' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_ATTEMPT', field: 'attemptEventId' });
    const nobody = await dispatcher.post('/api/callbacks', { callerNumber: '13900009999', outcome: 'reached' });
    expect(nobody.body).toMatchObject({ code: 'UNKNOWN_CALLER', field: 'callerNumber' });
    const ring = ev(9, 'ringing', 40, '13900000004');
    await post([ring, ev(9, 'answered', 38, '13900000004')]);
    const answered = await dispatcher.post('/api/callbacks', { attemptEventId: ring.eventId, outcome: 'reached' });
    expect(answered.status).toBe(409);
    expect(answered.body).toMatchObject({ code: 'NOT_ABANDONED', current: { state: 'on_call' } });
    const outcome = await dispatcher.post('/api/callbacks', { attemptEventId: ring.eventId, outcome: 'maybe' });
    expect(outcome.status).toBe(400);
    expect(outcome.body).toMatchObject({ code: 'VALIDATION', field: 'outcome' });
    expect((await dispatcher.post('/api/callbacks', { outcome: 'reached' })).body).toMatchObject({ code: 'VALIDATION', field: 'attemptEventId' });
    expect((await (await login(server, 'command')).post('/api/callbacks', { attemptEventId: ring.eventId, outcome: 'reached' })).status).toBe(403);
  });
});

describe('POST /api/calls/:id/recontact', () => {
  it('records the re-contact (last contact now); a class change without a reason is 400 and changes nothing; with one it is logged with who and why', async () => {
    const created = await dispatcher.post('/api/calls', callBody({ callerPhone: '13900000005', clinicalClass: 'common' }));
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const console = connectConsole(server, dispatcher);
    await console.ready;

    const done = await dispatcher.post(`/api/calls/${id}/recontact`, { outcome: 'reached', note: '体温 39.8' });
    expect(done.status).toBe(200);
    expect(Date.now() - Date.parse(done.body.lastContactAt)).toBeLessThan(60_000);
    expect(done.body.clinicalClass).toBe('common');

    const noReason = await dispatcher.post(`/api/calls/${id}/recontact`, { outcome: 'reached', clinicalClass: 'severe' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ code: 'VALIDATION', field: 'reason' });
    expect((await dispatcher.get(`/api/calls/${id}`)).body.call.clinicalClass).toBe('common');

    const retriaged = await dispatcher.post(`/api/calls/${id}/recontact`, { outcome: 'reached', clinicalClass: 'severe', reason: '呼吸困难加重，血氧 88%' });
    expect(retriaged.status).toBe(200);
    expect(retriaged.body.clinicalClass).toBe('severe');
    const heard = await console.waitFor(() => console.events.find((e) => e.name === 'call.recontacted' && e.data && 'recontact' in e.data && e.data.recontact.classTo === 'severe'));
    expect(heard.actor).toBe('dispatcher');
    expect(heard.data).toMatchObject({ clinicalClass: 'severe', recontact: { classFrom: 'common', classTo: 'severe', reason: '呼吸困难加重，血氧 88%', outcome: 'reached' } });
    console.close();

    const audit = await (await login(server, 'admin')).get(`/api/admin/events?entity=call&entityId=${id}`);
    const logged = (audit.body as { name: string; actor: string; after: { recontact?: { reason: string } } }[]).filter((e) => e.name === 'call.recontacted');
    expect(logged.map((e) => e.after.recontact?.reason)).toContain('呼吸困难加重，血氧 88%');
  });

  it('bad input: a bad outcome 400 naming it, an unknown call 404, a closed call 409 with the current call', async () => {
    const created = await dispatcher.post('/api/calls', callBody({ callerPhone: '13900000006' }));
    const id = created.body.id as number;
    expect((await dispatcher.post(`/api/calls/${id}/recontact`, { outcome: 'fine' })).body).toMatchObject({ code: 'VALIDATION', field: 'outcome' });
    expect((await dispatcher.post('/api/calls/999999/recontact', { outcome: 'reached' })).status).toBe(404);
    expect((await dispatcher.post(`/api/calls/${id}/status`, { status: 'cancelled' })).status).toBe(200);
    const closed = await dispatcher.post(`/api/calls/${id}/recontact`, { outcome: 'reached' });
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ code: 'CALL_CLOSED', current: { id, status: 'cancelled' } });
  });
});
