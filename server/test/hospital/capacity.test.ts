/** The bed manager keeps the hospital's figures current: validated, scoped to her hospital, stamped, pushed, stale after a while. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCapacityStale, type Hospital } from '@dispatch/shared';
import { callBody, connectConsole, login, startTestServer, type Agent, type RecordingConsole, type TestServer } from '../harness.ts';

const H01 = 1;
const H02 = 2;

describe('hospital capacity', () => {
  let server: TestServer;
  let nurse: Agent;
  let dispatcher: Agent;
  let desk: RecordingConsole;
  let now = Date.now();

  beforeAll(async () => {
    server = await startTestServer({ clock: () => new Date(now) });
    [nurse, dispatcher] = await Promise.all([login(server, 'nurse'), login(server, 'dispatcher')]);
    desk = connectConsole(server, dispatcher);
    await desk.ready;
  });
  afterAll(async () => {
    desk?.close();
    await server?.close();
  });

  const hospital = async (id: number): Promise<Hospital> => (await dispatcher.get('/api/hospitals')).body.find((h: Hospital) => h.id === id);

  it('refuses occupied above open with the field, and stores nothing', async () => {
    const before = await hospital(H01);
    const res = await nurse.patch(`/api/hospitals/${H01}/capacity`, { openBeds: 1500, occupiedBeds: 1501 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_CAPACITY', field: 'occupiedBeds' });
    // Occupied ICU checked against the ICU beds already open, even when only one figure is sent.
    const icu = await nurse.patch(`/api/hospitals/${H01}/capacity`, { icuOccupied: before.icuOpen + 1 });
    expect(icu.status).toBe(400);
    expect(icu.body.field).toBe('icuOccupied');
    const negative = await nurse.patch(`/api/hospitals/${H01}/capacity`, { ventilatorsFree: -1 });
    expect(negative.status).toBe(400);
    expect(negative.body).toMatchObject({ code: 'VALIDATION', field: 'ventilatorsFree' });
    expect(await hospital(H01)).toEqual(before);
  });

  it('lets a nurse change only her own hospital', async () => {
    const res = await nurse.patch(`/api/hospitals/${H02}/capacity`, { openBeds: 1 });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect((await hospital(H02)).openBeds).toBe(600);
  });

  it('stamps who and when, pushes the change live, and marks the others stale after the threshold', async () => {
    now += 10 * 60_000;
    const res = await nurse.patch(`/api/hospitals/${H01}/capacity`, { occupiedBeds: 1400, ventilatorsFree: 7 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ occupiedBeds: 1400, ventilatorsFree: 7, openBeds: 1500, capacityUpdatedBy: 'nurse', capacityUpdatedAt: new Date(now).toISOString() });
    const pushed = await desk.waitFor(() => desk.events.find((e) => e.name === 'hospital.capacityChanged' && e.id === H01));
    expect(pushed.actor).toBe('nurse');
    expect(pushed.data).toMatchObject({ occupiedBeds: 1400, capacityUpdatedBy: 'nurse' });

    // 55 minutes on: H01's figures are fresh, H02's (from the seed, over an hour ago) are stale.
    now += 55 * 60_000;
    const wall = connectConsole(server, await login(server, 'command'));
    await wall.ready;
    wall.close();
    const snapshot = wall.snapshots[0];
    if (!snapshot) throw new Error('no snapshot');
    expect(snapshot.thresholds.staleCapacityMinutes).toBe(60);
    const stale = (id: number) => {
      const h = snapshot.hospitals.find((x) => x.id === id);
      if (!h) throw new Error(`no hospital ${id}`);
      return isCapacityStale(h.capacityUpdatedAt, new Date(snapshot.serverTime), snapshot.thresholds.staleCapacityMinutes);
    };
    expect(stale(H01)).toBe(false);
    expect(stale(H02)).toBe(true);

    // The suggestion says so too.
    const call = await dispatcher.post('/api/calls', callBody({ clinicalClass: 'severe' }));
    const suggestions = (await dispatcher.get(`/api/calls/${call.body.id}/suggestions`)).body.hospitals as { hospitalId: number; factors: { stale: boolean }; warnings: string[] }[];
    expect(suggestions.find((h) => h.hospitalId === H01)?.factors.stale).toBe(false);
    const h02 = suggestions.find((h) => h.hospitalId === H02);
    expect(h02?.factors.stale).toBe(true);
    expect(h02?.warnings).toContain('stale_capacity');
  });

  it('keeps a diversion end time only while on diversion', async () => {
    const until = new Date(now + 2 * 3600_000).toISOString();
    const on = await nurse.patch(`/api/hospitals/${H01}/capacity`, { edStatus: 'diversion', diversionUntil: until });
    expect(on.body).toMatchObject({ edStatus: 'diversion', diversionUntil: until });
    const off = await nurse.patch(`/api/hospitals/${H01}/capacity`, { edStatus: 'open' });
    expect(off.body).toMatchObject({ edStatus: 'open', diversionUntil: null });
  });
});
