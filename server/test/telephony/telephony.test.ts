/** The telephony gateway and the seats through real HTTP on real PostgreSQL (docs/telephony.md). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { connectConsole, login, type Agent, type TestServer, startTestServer } from '../harness.ts';
import { rowsOf } from '../../src/repositories/units.ts';
import { applyEvent, applySnapshot } from '@dispatch/shared';

let server: TestServer;
let cti: Agent;
let n = 0;
/** A fresh event id per call, so tests never collide through the shared database. */
const uid = (tag: string) => `${tag}-${++n}-${Date.now().toString(36)}`;
const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();
const ev = (lineId: number, kind: string, secondsAgo: number, extra: Record<string, unknown> = {}) => ({
  eventId: uid(kind),
  lineId,
  kind,
  at: ago(secondsAgo),
  callerNumber: '13812345678',
  ...(kind === 'answered' || kind === 'transferred' ? { seat: 1 } : {}),
  ...extra,
});
const post = (events: unknown[]) => cti.post('/api/telephony/events', { events });
const count = async (table: 'line_events' | 'events', where = sql`true`) =>
  Number(rowsOf<{ n: number }>(await server.database.db.execute(sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`))[0]?.n);

beforeAll(async () => {
  server = await startTestServer();
  cti = await login(server, 'cti-gateway');
});
afterAll(() => server.close());

describe('POST /api/telephony/events', () => {
  it('a line rings, seat 1 answers after 6 s, the call ends: stored once each, logged, and the dispatch console hears the line and the seat', async () => {
    const dispatcher = await login(server, 'dispatcher');
    expect((await dispatcher.post('/api/seats/sign-in', { seat: 1 })).status).toBe(200);
    const console = connectConsole(server, dispatcher);
    await console.ready;
    const ring = ev(1, 'ringing', 30, { location: { lon: 121.27, lat: 30.17, accuracyM: 300, source: 'carrier' } });
    const answer = ev(1, 'answered', 24);
    const res = await post([ring, answer]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, held: 0, duplicates: 0 });
    const heard = await console.waitFor(() => console.events.find((e) => e.name === 'line.answered'));
    expect(heard.data).toMatchObject({ event: { eventId: answer.eventId, callerNumber: '13812345678' }, line: { lineId: 1, state: 'on_call', attempt: { seat: 1, location: { accuracyM: 300 } } } });
    const seat = await console.waitFor(() => console.events.find((e) => e.name === 'seat.stateChanged' && e.id === 1));
    expect(seat.data).toMatchObject({ state: 'on_call' });

    expect((await post([ev(1, 'ended', 5)])).body).toMatchObject({ accepted: 1 });
    const ended = await console.waitFor(() => console.events.find((e) => e.name === 'line.ended'));
    expect(ended.data).toMatchObject({ line: { lineId: 1, state: 'idle', attempt: null } });
    expect((await dispatcher.get('/api/seats')).body.find((s: { seat: number }) => s.seat === 1)).toMatchObject({ state: 'wrap_up', holder: { displayName: '王丽' } });
    console.close();
    expect((await dispatcher.post('/api/seats/1/state', { state: 'ready' })).status).toBe(200);
    expect((await dispatcher.post('/api/seats/sign-out')).status).toBe(200);
  });

  it('the command group hears a line without the caller number or location', async () => {
    const command = connectConsole(server, await login(server, 'command'));
    await command.ready;
    await post([ev(2, 'ringing', 3, { location: { lon: 121.27, lat: 30.17, accuracyM: 50, source: 'handset' } })]);
    const heard = await command.waitFor(() => command.events.find((e) => e.name === 'line.ringing' && e.id === 2));
    expect(JSON.stringify(heard.data)).not.toContain('13812345678');
    expect(heard.data).toMatchObject({ line: { state: 'ringing', attempt: { location: null } } });
    command.close();
    await post([ev(2, 'abandoned', 1)]);
  });

  it("a console that connects while a line rings starts from it: the dispatcher's snapshot has the caller, the command group's the line without the number, a nurse's no lines; the live reducer follows the answer", async () => {
    await post([ev(8, 'ringing', 12, { location: { lon: 121.27, lat: 30.17, accuracyM: 80, source: 'handset' } })]);
    const [dispatch, command, nurse] = await Promise.all([login(server, 'dispatcher'), login(server, 'command'), login(server, 'nurse')]).then((agents) => agents.map((a) => connectConsole(server, a, { lastSeq: null })));
    await Promise.all([dispatch!.ready, command!.ready, nurse!.ready]);
    const seen = dispatch!.snapshots[0]!;
    const line4 = seen.lines.find((l) => l.lineId === 8);
    expect(line4).toMatchObject({ state: 'ringing', surge: false, attempt: { callerNumber: '13812345678', location: { accuracyM: 80 } } });
    // The demo centre's surge plan: the lines past the normal number are the plan's.
    expect(seen.lines.some((l) => l.surge)).toBe(true);
    expect(seen.seats.length).toBeGreaterThan(0);
    const overview = command!.snapshots[0]!;
    expect(overview.lines.find((l) => l.lineId === 8)).toMatchObject({ state: 'ringing', attempt: { callerNumber: '', location: null } });
    expect(JSON.stringify(overview.lines)).not.toContain('13812345678');
    expect(nurse!.snapshots[0]).toMatchObject({ lines: [], seats: [] });

    const state = applySnapshot(seen);
    await post([ev(8, 'answered', 2, { seat: 3 })]);
    const answered = await dispatch!.waitFor(() => dispatch!.events.find((e) => e.name === 'line.answered' && e.id === 8));
    applyEvent(state, answered);
    expect(state.lines.get(8)).toMatchObject({ state: 'on_call', surge: false, attempt: { seat: 3 } });
    await post([ev(8, 'ended', 1)]);
    const ended = await dispatch!.waitFor(() => dispatch!.events.find((e) => e.name === 'line.ended' && e.id === 8));
    applyEvent(state, ended);
    expect(state.lines.get(8)).toMatchObject({ state: 'idle', attempt: null });
    // A console connecting now starts from the idle line, not the ring.
    const late = connectConsole(server, await login(server, 'dispatcher'), { lastSeq: null });
    await late.ready;
    expect(late.snapshots[0]!.lines.find((l) => l.lineId === 8)).toMatchObject({ state: 'idle', attempt: null });
    for (const c of [dispatch, command, nurse, late]) c!.close();
  });

  it('an abandoned call and a duplicate: the repeat is acknowledged as a duplicate, written once, logged once', async () => {
    const ring = ev(3, 'ringing', 40);
    const hangUp = ev(3, 'abandoned', 20);
    const first = await post([ring, hangUp, ring]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(first.body.results.map((r: { result: string }) => r.result)).toEqual(['accepted', 'accepted', 'duplicate']);
    const again = await post([hangUp]);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1, results: [{ eventId: hangUp.eventId, result: 'duplicate' }] });
    expect(await count('line_events', sql`event_id = ${hangUp.eventId}`)).toBe(1);
    expect(await count('events', sql`name = 'line.abandoned' and after->'event'->>'eventId' = ${hangUp.eventId}`)).toBe(1);
  });

  it('out of order: an answer before its ring is held, the late ring completes the attempt, an end before the answer reads right', async () => {
    const ring = ev(4, 'ringing', 60);
    const answer = ev(4, 'answered', 52);
    const end = ev(4, 'ended', 10);
    expect((await post([answer])).body).toMatchObject({ accepted: 0, held: 1 });
    expect((await post([end])).body).toMatchObject({ held: 1 });
    const late = await post([ring]);
    expect(late.body).toMatchObject({ accepted: 1 });
    const logged = rowsOf<{ after: { line: { state: string } } }>(
      await server.database.db.execute(sql`select after from events where name = 'line.ringing' and after->'event'->>'eventId' = ${ring.eventId}`),
    );
    // The late ring found the answer and the end already there: the line is idle, not ringing.
    expect(logged[0]?.after.line.state).toBe('idle');
  });

  it('refuses bad numbers, times and locations with 400 naming the field, and writes nothing of the batch', async () => {
    const before = await count('line_events');
    const cases: [Record<string, unknown>, string][] = [
      [{ callerNumber: '12' }, 'events.1.callerNumber'],
      [{ callerNumber: '+86 138 1234' }, 'events.1.callerNumber'],
      [{ callerNumber: '1'.repeat(21) }, 'events.1.callerNumber'],
      [{ callerNumber: '++8613812345678' }, 'events.1.callerNumber'],
      [{ location: { lon: 200, lat: 30.1, accuracyM: 10, source: 'carrier' } }, 'events.1.location.lon'],
      [{ location: { lon: 116.4, lat: 39.9, accuracyM: 10, source: 'carrier' } }, 'events.1.location.lon'],
      [{ location: { lon: 121.27, lat: 30.17, accuracyM: -1, source: 'carrier' } }, 'events.1.location.accuracyM'],
      [{ location: { lon: 121.27, lat: 30.17, accuracyM: 10, source: 'satellite' } }, 'events.1.location.source'],
      [{ at: new Date(Date.now() + 3600_000).toISOString() }, 'events.1.at'],
      [{ at: 'yesterday' }, 'events.1.at'],
      [{ kind: 'answered', seat: null }, 'events.1.seat'],
      [{ kind: 'picked_up' }, 'events.1.kind'],
      [{ eventId: 'a b' }, 'events.1.eventId'],
    ];
    for (const [bad, field] of cases) {
      const res = await post([ev(5, 'ringing', 5), { ...ev(5, 'ringing', 4), ...bad }]);
      expect({ status: res.status, code: res.body.code, field: res.body.field }, JSON.stringify(bad)).toEqual({ status: 400, code: 'VALIDATION', field });
    }
    expect(await count('line_events')).toBe(before);
  });

  it('an unknown line or seat is a 404 naming the field; the good events of the batch are not written either', async () => {
    const good = ev(6, 'ringing', 5);
    const line = await post([good, ev(9999, 'ringing', 5)]);
    expect(line.status).toBe(404);
    expect(line.body).toMatchObject({ code: 'UNKNOWN_LINE', field: 'events.1.lineId' });
    const seat = await post([good, ev(6, 'answered', 2, { seat: 999 })]);
    expect(seat.status).toBe(404);
    expect(seat.body).toMatchObject({ code: 'UNKNOWN_SEAT', field: 'events.1.seat' });
    expect(await count('line_events', sql`event_id = ${good.eventId}`)).toBe(0);
  });

  it('is for the telephony account only: a dispatcher is refused', async () => {
    const dispatcher = await login(server, 'dispatcher');
    expect((await dispatcher.post('/api/telephony/events', { events: [ev(7, 'ringing', 1)] })).status).toBe(403);
  });
});

describe('seats', () => {
  it('one dispatcher at a time: the second gets 409 with the current holder', async () => {
    const first = await login(server, 'dispatcher');
    const second = await login(server, 'dispatcher2');
    expect((await first.post('/api/seats/sign-in', { seat: 4 })).body).toMatchObject({ seat: 4, state: 'ready', holder: { displayName: '王丽' } });
    const taken = await second.post('/api/seats/sign-in', { seat: 4 });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'SEAT_TAKEN', current: { seat: 4, holder: { displayName: '王丽' } } });
    expect((await second.post('/api/seats/4/state', { state: 'away' })).status).toBe(409);
    // Moving seats releases the old one, so the second dispatcher can take it then.
    expect((await first.post('/api/seats/sign-in', { seat: 5 })).status).toBe(200);
    expect((await second.post('/api/seats/sign-in', { seat: 4 })).body).toMatchObject({ seat: 4, holder: { displayName: '陈军' } });
    await first.post('/api/seats/sign-out');
    await second.post('/api/seats/sign-out');
  });

  it('the holder moves the seat as the rules allow; an unknown seat is 404', async () => {
    const d = await login(server, 'dispatcher');
    await d.post('/api/seats/sign-in', { seat: 6 });
    expect((await d.post('/api/seats/6/state', { state: 'away' })).body).toMatchObject({ state: 'away' });
    const bad = await d.post('/api/seats/6/state', { state: 'wrap_up' });
    expect(bad.status).toBe(409);
    expect(bad.body.code).toBe('SEAT_TRANSITION');
    expect((await d.post('/api/seats/sign-in', { seat: 999 })).status).toBe(404);
    expect((await d.post('/api/seats/6/state', { state: 'lunch' })).body).toMatchObject({ code: 'VALIDATION', field: 'state' });
    await d.post('/api/seats/sign-out');
  });
});

describe('at the same moment', () => {
  it('two dispatchers signing in at one seat together: one gets it, the other 409 with the holder', async () => {
    const [a, b] = await Promise.all([login(server, 'dispatcher'), login(server, 'dispatcher2')]);
    const answers = await Promise.all([a.post('/api/seats/sign-in', { seat: 8 }), b.post('/api/seats/sign-in', { seat: 8 })]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = answers.find((r) => r.status === 409);
    expect(refused?.body).toMatchObject({ code: 'SEAT_TAKEN', current: { seat: 8, holder: { displayName: expect.any(String) } } });
    await Promise.all([a.post('/api/seats/sign-out'), b.post('/api/seats/sign-out')]);
  });

  it('one dispatcher signing in at two seats together never gets a 5xx and ends up at one seat', async () => {
    const a = await login(server, 'dispatcher');
    const answers = await Promise.all([a.post('/api/seats/sign-in', { seat: 9 }), a.post('/api/seats/sign-in', { seat: 10 })]);
    for (const r of answers) expect(r.status).toBeLessThan(500);
    const held = (await a.get('/api/seats')).body.filter((s: { holder: { displayName: string } | null }) => s.holder?.displayName === '王丽');
    expect(held).toHaveLength(1);
    await a.post('/api/seats/sign-out');
  });

  it('the same batch posted twice at once: stored once, one answer accepted and the other duplicate', async () => {
    const batch = [ev(11, 'ringing', 9), ev(11, 'answered', 3, { seat: 11 })];
    const answers = await Promise.all([post(batch), post(batch)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(answers.map((r) => r.body.duplicates).sort()).toEqual([0, 2]);
    expect(await count('line_events', sql`line_id = 11`)).toBe(2);
  });
});

describe('GET /api/stats/centre', () => {
  it("today's share answered within 10 s moves with the gateway's events: one quick answer, one caller left ringing 20 s", async () => {
    const command = await login(server, 'command');
    const before = (await command.get('/api/stats/centre')).body;
    expect(before.answeredWithin.targetPct).toBe(95);
    // Ten minutes ago, so the day is today in Asia/Shanghai whatever the hour (unless the test runs within 10 min after city midnight).
    await post([ev(12, 'ringing', 600), ev(12, 'answered', 596, { seat: 12 }), ev(12, 'ended', 500), ev(13, 'ringing', 590), ev(13, 'abandoned', 570)]);
    const after = (await command.get('/api/stats/centre')).body;
    expect(after.offered - before.offered).toBe(2);
    expect(after.answeredWithin.count - before.answeredWithin.count).toBe(1);
    expect(after.answeredWithin.of - before.answeredWithin.of).toBe(2);
    expect(after.abandoned.count - before.abandoned.count).toBe(1);
    expect(after.hours).toHaveLength(24);
  });
});

describe('GET /api/stats/dispatchers and the daily report', () => {
  // A clock of our own: the dispatcher must be at the seat before the PBX's answers are stamped.
  let t = Date.now();
  let clocked: TestServer;
  beforeAll(async () => {
    clocked = await startTestServer({ clock: () => new Date(t) });
  });
  afterAll(() => clocked?.close());

  it('gives an answer to whoever held the seat, for the command group only: not the dispatchers, not IT', async () => {
    const dispatcher = await login(clocked, 'dispatcher2');
    expect((await dispatcher.post('/api/seats/sign-in', { seat: 5 })).status).toBe(200);
    const me = (await dispatcher.get('/api/seats')).body.find((s: { seat: number }) => s.seat === 5).holder;
    const signedIn = t;
    t += 400_000;
    const at = (s: number) => new Date(signedIn + s * 1000).toISOString();
    const e = (lineId: number, kind: string, s: number) => ({ ...ev(lineId, kind, 0, kind === 'answered' ? { seat: 5 } : {}), at: at(s) });
    // A caller waits 4 s and talks 60 s at seat 5; a second waits 14 s (late) and talks 36 s.
    const gateway = await login(clocked, 'cti-gateway');
    const posted = await gateway.post('/api/telephony/events', { events: [e(14, 'ringing', 10), e(14, 'answered', 14), e(14, 'ended', 74), e(15, 'ringing', 100), e(15, 'answered', 114), e(15, 'ended', 150)] });
    expect(posted.status).toBe(200);
    const command = await login(clocked, 'command');
    const res = await command.get('/api/stats/dispatchers');
    expect(res.status).toBe(200);
    const mine = res.body.find((d: { userId: number }) => d.userId === me.userId);
    expect(mine).toMatchObject({ displayName: me.displayName, seats: [5], answered: 2, averageRingSec: 9, averageTalkSec: 48, answeredWithin: { count: 1, of: 2, pct: 50 } });

    expect((await dispatcher.get('/api/stats/dispatchers')).status).toBe(403);
    const admin = await login(clocked, 'admin');
    expect((await admin.get('/api/stats/dispatchers')).status).toBe(403);
    expect((await command.get('/api/stats/dispatchers?day=2026-13-45')).body).toMatchObject({ code: 'VALIDATION' });

    // The day's report carries them for the command group, not for IT; so does its CSV.
    const report = (await command.get('/api/reports/daily')).body;
    expect(report.dispatchers.find((d: { userId: number }) => d.userId === me.userId)).toMatchObject({ answered: 2 });
    expect(report.centre.hours).toHaveLength(24);
    expect((await admin.get('/api/reports/daily')).body.dispatchers).toBeNull();
    const csv = (await command.get<string>('/api/reports/daily.csv')).body;
    const dispatcherRows = (text: string) => text.split('\r\n').filter((l) => /^\d{4}-\d\d-\d\d,dispatcher,/.test(l));
    expect(dispatcherRows(csv).filter((l) => l.includes(me.displayName))).toHaveLength(1);
    expect(dispatcherRows((await admin.get<string>('/api/reports/daily.csv')).body)).toEqual([]);
  });
});
