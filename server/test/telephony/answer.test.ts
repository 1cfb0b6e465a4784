/** Answering from the console, POST /api/seats/:seat/answer, through real HTTP on real PostgreSQL (docs/telephony.md). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { login, type Agent, type TestServer, startTestServer } from '../harness.ts';
import { rowsOf } from '../../src/repositories/units.ts';

let server: TestServer;
let cti: Agent;
let a: Agent;
let b: Agent;
let n = 0;
const uid = (tag: string) => `${tag}-${++n}-${Date.now().toString(36)}`;
const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();
const ring = (lineId: number, secondsAgo: number, callerNumber: string) => ({
  eventId: uid('ring'),
  lineId,
  kind: 'ringing',
  at: ago(secondsAgo),
  callerNumber,
  location: { lon: 121.27, lat: 30.17, accuracyM: 250, source: 'carrier' },
});
const post = (events: unknown[]) => cti.post('/api/telephony/events', { events });
const end = (lineId: number, callerNumber: string) => post([{ eventId: uid('end'), lineId, kind: 'ended', at: new Date().toISOString(), callerNumber }]);
const answeredWithin = async () => (await a.get('/api/stats/centre')).body as { offered: number; answeredWithin: { count: number; of: number } };
const storedIds = async (like: string) => rowsOf<{ event_id: string }>(await server.database.db.execute(sql`select event_id from line_events where event_id like ${like} order by event_id`)).map((r) => r.event_id);

beforeAll(async () => {
  server = await startTestServer();
  cti = await login(server, 'cti-gateway');
  [a, b] = await Promise.all([login(server, 'dispatcher'), login(server, 'dispatcher2')]);
  expect((await a.post('/api/seats/sign-in', { seat: 1 })).status).toBe(200);
  expect((await b.post('/api/seats/sign-in', { seat: 2 })).status).toBe(200);
});
afterAll(() => server.close());

describe('POST /api/seats/:seat/answer', () => {
  it('two lines ring, two dispatchers press answer at the same moment: two different callers, the longest-waiting one taken, and a third press finds nothing ringing', async () => {
    const before = await answeredWithin();
    const first = ring(3, 8, '13800000003');
    const second = ring(4, 5, '13800000004');
    expect((await post([second, first])).status).toBe(200);

    const [ra, rb] = await Promise.all([a.post('/api/seats/1/answer'), b.post('/api/seats/2/answer')]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const taken = [ra.body.line.lineId, rb.body.line.lineId];
    expect(new Set(taken).size).toBe(2);
    expect(taken.sort()).toEqual([3, 4]);
    // Each caller at the seat that pressed, and the seat on a call.
    expect(ra.body).toMatchObject({ line: { state: 'on_call', attempt: { seat: 1, answeredBySeat: 1 } }, seat: { seat: 1, state: 'on_call' } });
    expect(rb.body).toMatchObject({ line: { state: 'on_call', attempt: { seat: 2 } }, seat: { seat: 2, state: 'on_call' } });
    expect([ra.body, rb.body].find((r) => r.line.lineId === 3)?.line.attempt).toMatchObject({ callerNumber: '13800000003', location: { accuracyM: 250 } });

    // Both are stored as the console's answers, one per seat and ring, and the figures count them.
    expect((await storedIds('console:%')).sort()).toEqual([`console:${ra.body.seat.seat}:${ra.body.line.lineId}:`, `console:${rb.body.seat.seat}:${rb.body.line.lineId}:`].map((head) => `${head}${head.endsWith(':3:') ? first.eventId : second.eventId}`).sort());
    const after = await answeredWithin();
    expect(after.offered - before.offered).toBe(2);
    expect(after.answeredWithin.count - before.answeredWithin.count).toBe(2);

    // A seat on a call cannot take another; in wrap-up it may, but nothing rings: 409 with the seat.
    const busy = await a.post('/api/seats/1/answer');
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('SEAT_ON_CALL');
    expect((await a.post('/api/seats/1/state', { state: 'wrap_up' })).status).toBe(200);
    const third = await a.post('/api/seats/1/answer');
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ code: 'NOTHING_RINGING', current: { seat: { seat: 1, state: 'wrap_up' }, ringing: [] } });

    await end(3, '13800000003');
    await end(4, '13800000004');
    for (const [agent, seat] of [[a, 1], [b, 2]] as const) await agent.post(`/api/seats/${seat}/state`, { state: 'ready' });
  });

  it('one line rings and both press at once: one gets the caller, the other 409 NOTHING_RINGING; never the same caller twice', async () => {
    await post([ring(5, 3, '13800000005')]);
    const answers = await Promise.all([a.post('/api/seats/1/answer'), b.post('/api/seats/2/answer')]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)?.body).toMatchObject({ code: 'NOTHING_RINGING', current: { ringing: [] } });
    expect(await storedIds('console:%:5:%')).toHaveLength(1);
    await end(5, '13800000005');
    for (const [agent, seat] of [[a, 1], [b, 2]] as const) {
      await agent.post(`/api/seats/${seat}/state`, { state: 'wrap_up' });
      await agent.post(`/api/seats/${seat}/state`, { state: 'ready' });
    }
  });

  it("only the seat's holder answers at it; an empty seat, an away seat and an unknown seat are refused with a code", async () => {
    await post([ring(6, 2, '13800000006')]);
    const notMine = await b.post('/api/seats/1/answer');
    expect(notMine.status).toBe(409);
    expect(notMine.body).toMatchObject({ code: 'SEAT_TAKEN', current: { seat: 1, holder: { displayName: '王丽' } } });
    const empty = await b.post('/api/seats/7/answer');
    expect(empty.status).toBe(409);
    expect(empty.body.code).toBe('NOT_SIGNED_IN');
    expect((await a.post('/api/seats/1/state', { state: 'away' })).status).toBe(200);
    const away = await a.post('/api/seats/1/answer');
    expect(away.status).toBe(409);
    expect(away.body).toMatchObject({ code: 'SEAT_AWAY', current: { seat: 1, state: 'away' } });
    expect((await a.post('/api/seats/9999/answer')).status).toBe(404);
    expect((await a.post('/api/seats/0/answer')).body).toMatchObject({ code: 'VALIDATION', field: 'seat' });
    // None of them touched the ring: it still waits for a seat.
    expect(await storedIds('console:%:6:%')).toEqual([]);
    const nurse = await login(server, 'nurse');
    expect((await nurse.post('/api/seats/1/answer')).status).toBe(403);
    expect((await a.post('/api/seats/1/state', { state: 'ready' })).status).toBe(200);
    expect((await a.post('/api/seats/1/answer')).body).toMatchObject({ line: { lineId: 6 } });
    await end(6, '13800000006');
    await a.post('/api/seats/1/state', { state: 'ready' });
  });

  it("the PBX's own answered for the same attempt and seat, after the console's, does not count the call twice", async () => {
    const before = await answeredWithin();
    const r = ring(7, 4, '13800000007');
    await post([r]);
    const answered = await a.post('/api/seats/1/answer');
    expect(answered.body.line).toMatchObject({ lineId: 7, state: 'on_call' });
    // The PBX connects the call a second later and reports it with its own id.
    const pbx = await post([{ eventId: uid('pbx-ans'), lineId: 7, kind: 'answered', at: new Date(Date.now() + 1000).toISOString(), callerNumber: '13800000007', seat: 1 }]);
    expect(pbx.body).toMatchObject({ accepted: 1, held: 0 });
    // And the console's answer posted again (a retry) is a duplicate.
    const again = await post([{ eventId: `console:1:7:${r.eventId}`, lineId: 7, kind: 'answered', at: new Date().toISOString(), callerNumber: '13800000007', seat: 1 }]);
    expect(again.body).toMatchObject({ duplicates: 1 });
    await end(7, '13800000007');
    const after = await answeredWithin();
    // One caller offered, answered once, within 10 s.
    expect(after.offered - before.offered).toBe(1);
    expect(after.answeredWithin.count - before.answeredWithin.count).toBe(1);
    expect(after.answeredWithin.of - before.answeredWithin.of).toBe(1);
  });
});

describe('GET /api/calls/history', () => {
  it("a repeat caller: their earlier call and rings from any spelling of the number, and the open calls near the network location; dispatch only", async () => {
    const call = await a.post('/api/calls', { callerPhone: '138 0000-0009', address: '浒山街道 新城大道', lon: 121.2702, lat: 30.1702, complaint: 'fever three days', clinicalClass: 'mild', closeAs: 'advice' });
    expect(call.status).toBe(201);
    const near = await a.post('/api/calls', { callerPhone: '13900000001', address: '浒山街道', lon: 121.2712, lat: 30.1705, complaint: 'fall', clinicalClass: 'common' });
    const far = await a.post('/api/calls', { callerPhone: '13900000002', address: '观海卫镇', lon: 121.42, lat: 30.2, complaint: 'fall', clinicalClass: 'common' });
    await post([ring(8, 60, '+8613800000009')]);
    await end(8, '+8613800000009');
    const history = await a.get(`/api/calls/history?number=13800000009&lon=121.27&lat=30.17&accuracyM=200&before=${encodeURIComponent(new Date().toISOString())}`);
    expect(history.status).toBe(200);
    expect(history.body.earlierCalls.map((c: { id: number }) => c.id)).toEqual([call.body.id]);
    expect(history.body.earlierCalls[0]).toMatchObject({ status: 'closed', callerPhone: '138 0000-0009' });
    expect(history.body.rings).toMatchObject({ count: 1, lastAt: expect.any(String) });
    const nearby = history.body.nearby.map((c: { id: number }) => c.id);
    expect(nearby).toContain(near.body.id);
    expect(nearby).not.toContain(far.body.id);
    expect(history.body.radiusM).toBe(300);
    // A number that never called has no history.
    expect((await a.get('/api/calls/history?number=13711112222')).body).toMatchObject({ earlierCalls: [], rings: { count: 0, lastAt: null }, nearby: [] });
    expect((await a.get('/api/calls/history?number=12')).body).toMatchObject({ code: 'VALIDATION', field: 'number' });
    expect((await (await login(server, 'command')).get('/api/calls/history?number=13800000009')).status).toBe(403);
  });
});
