/**
 * Surge alerts end to end: thresholds set by the command group, an alert raised live to command and
 * the dispatch wall, acknowledged by a named person, cleared when the condition ends, kept in history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Thresholds } from '@dispatch/shared';
import { callBody, connectConsole, login, startTestServer, type Agent, type RecordingConsole, type TestServer } from '../harness.ts';

const heard = (c: RecordingConsole, name: string, subject: string) => c.events.find((e) => e.name === name && (e.data as Alert | null)?.subject === subject);

describe('alert raise → acknowledge → clear, checked by tick()', () => {
  let t = Date.parse('2025-02-03T09:00:00+08:00');
  let server: TestServer;
  let command: Agent;
  let dispatcher: Agent;
  let nurse: Agent;
  let commandDesk: RecordingConsole;
  let wall: RecordingConsole;
  let ed: RecordingConsole;

  beforeAll(async () => {
    server = await startTestServer({ clock: () => new Date(t) });
    [command, dispatcher, nurse] = await Promise.all([login(server, 'command'), login(server, 'dispatcher'), login(server, 'nurse')]);
    commandDesk = connectConsole(server, command);
    wall = connectConsole(server, dispatcher);
    ed = connectConsole(server, nurse);
    await Promise.all([commandDesk.ready, wall.ready, ed.ready]);
  });
  afterAll(async () => {
    for (const c of [commandDesk, wall, ed]) c?.close();
    await server?.close();
  });

  it('the command group changes a threshold; every console hears it; bad values are refused with the field', async () => {
    // The People's Hospital runs at 36/40 = 90% ICU; a 95% line keeps it quiet so this test is about the queue.
    const res = await command.put<Thresholds>('/api/settings/thresholds', { icuOccupancyPct: 95, queueWaitMinutes: 10 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ icuOccupancyPct: 95, queueWaitMinutes: 10, offloadMinutes: 30 });
    // Queue ageing is one of the city's settings, 30 min per level unless changed; 0 switches it off.
    expect(res.body.queueAgeingMinutes).toBe(30);
    expect((await command.put<Thresholds>('/api/settings/thresholds', { queueAgeingMinutes: 0 })).body.queueAgeingMinutes).toBe(0);
    expect((await command.put('/api/settings/thresholds', { queueAgeingMinutes: -5 })).status).toBe(400);
    expect((await command.put<Thresholds>('/api/settings/thresholds', { queueAgeingMinutes: 30 })).body.queueAgeingMinutes).toBe(30);
    await ed.waitFor(() => ed.events.find((e) => e.name === 'settings.changed'));
    await wall.waitFor(() => wall.events.find((e) => e.name === 'settings.changed'));
    expect((await nurse.get('/api/settings/thresholds')).body.icuOccupancyPct).toBe(95);

    expect((await nurse.put('/api/settings/thresholds', { queueWaitMinutes: 1 })).status).toBe(403);
    const wrongOrder = await command.put('/api/settings/thresholds', { offloadAmberMinutes: 45 });
    expect(wrongOrder.status).toBe(400);
    expect(wrongOrder.body).toMatchObject({ code: 'VALIDATION', field: 'offloadAmberMinutes' });
    const notANumber = await command.put('/api/settings/thresholds', { queueWaitMinutes: 'ten' });
    expect(notANumber.status).toBe(400);
    expect(notANumber.body.field).toBe('queueWaitMinutes');
    expect((await command.get<Thresholds>('/api/settings/thresholds')).body.offloadAmberMinutes).toBe(15);
  });

  let callId: number;
  let alertId: number;
  it('a call waiting 11 minutes raises one queue alert, pushed live to command and the dispatch wall only', async () => {
    expect((await server.ctx.alertMonitor.tick()).raised).toEqual([]);
    callId = (await dispatcher.post('/api/calls', callBody())).body.id;
    t += 11 * 60_000;
    const { raised } = await server.ctx.alertMonitor.tick();
    expect(raised.map((a) => [a.subject, a.kind, a.level, a.value, a.threshold])).toEqual([['queue', 'queue_wait', 'warning', 11, 10]]);
    alertId = raised[0]?.id ?? 0;
    const pushed = await commandDesk.waitFor(() => heard(commandDesk, 'alert.raised', 'queue'));
    expect(pushed.data).toMatchObject({ id: alertId, kind: 'queue_wait', acknowledgedAt: null, clearedAt: null });
    await wall.waitFor(() => heard(wall, 'alert.raised', 'queue'));
    // Still true a moment later: no second alert for the same subject.
    t += 60_000;
    expect((await server.ctx.alertMonitor.tick()).raised).toEqual([]);
    expect(ed.events.some((e) => e.entity === 'alert')).toBe(false);
  });

  it('a dispatcher acknowledges it by name; a second acknowledgement is a conflict with the current state', async () => {
    const ack = await dispatcher.post<Alert>(`/api/alerts/${alertId}/ack`);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ acknowledgedBy: '王丽', acknowledgedAt: new Date(t).toISOString(), clearedAt: null });
    const pushed = await commandDesk.waitFor(() => heard(commandDesk, 'alert.acknowledged', 'queue'));
    expect((pushed.data as Alert).acknowledgedBy).toBe('王丽');
    const again = await command.post(`/api/alerts/${alertId}/ack`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_ACKNOWLEDGED', current: { acknowledgedBy: '王丽' } });
    expect((await nurse.post(`/api/alerts/${alertId}/ack`)).status).toBe(403);
    expect((await command.post('/api/alerts/999999/ack')).status).toBe(404);
  });

  it('the alert clears when the call leaves the queue, and stays in the history', async () => {
    expect((await dispatcher.post(`/api/calls/${callId}/status`, { status: 'cancelled' })).status).toBeLessThan(300);
    t += 60_000;
    const { cleared } = await server.ctx.alertMonitor.tick();
    expect(cleared.map((a) => a.id)).toEqual([alertId]);
    await commandDesk.waitFor(() => heard(commandDesk, 'alert.cleared', 'queue'));
    await wall.waitFor(() => heard(wall, 'alert.cleared', 'queue'));

    const history = await command.get<Alert[]>('/api/alerts');
    expect(history.body.find((a) => a.id === alertId)).toMatchObject({ acknowledgedBy: '王丽', clearedAt: new Date(t).toISOString() });
    const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    const later = await command.get<Alert[]>(`/api/alerts?from=${iso(t + 1000)}&to=${iso(t + 120_000)}`);
    expect(later.status).toBe(200);
    expect(later.body.some((a) => a.id === alertId)).toBe(false);
    expect((await command.get(`/api/alerts?from=${iso(t)}&to=${iso(t - 1000)}`)).body.field).toBe('from');
    expect((await command.get('/api/alerts?from=yesterday')).body.field).toBe('from');
  });
});

describe('the running monitor reacts to a change within a second, not at its next round', () => {
  let server: TestServer;
  let nurse2: Agent;
  let desk: RecordingConsole;

  beforeAll(async () => {
    // A one-minute round: anything seen sooner came from the change itself.
    server = await startTestServer({ env: { ALERT_MONITOR: 'on', ALERT_MONITOR_INTERVAL_MS: '60000' } });
    const command = await login(server, 'command');
    nurse2 = await login(server, 'nurse2');
    desk = connectConsole(server, command);
    await desk.ready;
  });
  afterAll(async () => {
    desk?.close();
    await server?.close();
  });

  it('No. 2 Hospital fills its ICU: alert raised (critical); a bed frees: alert cleared', async () => {
    const started = Date.now();
    expect((await nurse2.patch('/api/hospitals/2/capacity', { icuOccupied: 12 })).status).toBe(200);
    const raised = await desk.waitFor(() => heard(desk, 'alert.raised', 'icu:2'), 3000);
    expect(raised.data).toMatchObject({ kind: 'icu_occupancy', level: 'critical', value: 100, threshold: 90, hospitalId: 2 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await nurse2.patch('/api/hospitals/2/capacity', { icuOccupied: 6 })).status).toBe(200);
    await desk.waitFor(() => heard(desk, 'alert.cleared', 'icu:2'), 3000);
  });
});

describe('an open alert that worsens from warning to critical is escalated in place', () => {
  let t = Date.parse('2025-02-03T09:00:00+08:00');
  let server: TestServer;
  let command: Agent;
  let dispatcher: Agent;
  let wall: RecordingConsole;

  beforeAll(async () => {
    server = await startTestServer({ clock: () => new Date(t) });
    [command, dispatcher] = await Promise.all([login(server, 'command'), login(server, 'dispatcher')]);
    wall = connectConsole(server, dispatcher);
    await wall.ready;
    // Queue line at 10 min, critical at twice that; the ICU line out of the way.
    expect((await command.put('/api/settings/thresholds', { icuOccupancyPct: 95, queueWaitMinutes: 10 })).status).toBe(200);
  });
  afterAll(async () => {
    wall?.close();
    await server?.close();
  });

  it('same alert, new level and figure, pushed live; the warning acknowledgement is withdrawn; no rewrite after that', async () => {
    await dispatcher.post('/api/calls', callBody());
    t += 12 * 60_000;
    const first = await server.ctx.alertMonitor.tick();
    const warning = first.raised[0];
    expect(warning).toMatchObject({ subject: 'queue', level: 'warning', value: 12 });
    expect((await dispatcher.post(`/api/alerts/${warning?.id}/ack`)).status).toBe(200);

    // Still waiting at 15 min: the same warning, not rewritten (no update per tick).
    t += 3 * 60_000;
    expect(await server.ctx.alertMonitor.tick()).toMatchObject({ raised: [], escalated: [], cleared: [] });

    // 21 min ≥ 2 × 10: critical.
    t += 6 * 60_000;
    const worse = await server.ctx.alertMonitor.tick();
    expect(worse.raised).toEqual([]);
    expect(worse.escalated.map((a) => [a.id, a.subject, a.level, a.value, a.acknowledgedBy])).toEqual([[warning?.id, 'queue', 'critical', 21, null]]);
    const pushed = await wall.waitFor(() => heard(wall, 'alert.escalated', 'queue'));
    expect(pushed.data).toMatchObject({ id: warning?.id, level: 'critical', value: 21, acknowledgedAt: null, clearedAt: null });
    expect((pushed.data as Alert).message).toContain('longest 21 min');

    // One open alert for the subject, now critical, and it can be acknowledged again.
    const open = (await command.get<Alert[]>('/api/alerts')).body.filter((a) => a.subject === 'queue' && a.clearedAt === null);
    expect(open.map((a) => [a.id, a.level])).toEqual([[warning?.id, 'critical']]);
    expect((await command.post(`/api/alerts/${warning?.id}/ack`)).status).toBe(200);

    // Worse still: already critical, nothing to escalate.
    t += 10 * 60_000;
    expect(await server.ctx.alertMonitor.tick()).toMatchObject({ raised: [], escalated: [], cleared: [] });
  });
});
