/**
 * Hospital suggestions from the database, on real PostgreSQL: the door's waits come from the transports,
 * a hospital the rules cannot score is logged and left out, and the diversion fallback is offered and can
 * be chosen when the designated hospital diverts with every other ICU full.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { HospitalSuggestion } from '@dispatch/shared';
import { hospitals, transports } from '../../src/db/schema.ts';
import { setSkipLog } from '../../src/presenters/skipping.ts';
import { callBody, login, startTestServer, type Agent, type TestServer } from '../harness.ts';

describe('hospital suggestions from the database', () => {
  let server: TestServer;
  let dispatcher: Agent;
  let nurse: Agent;
  const now = new Date();
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const warned: object[] = [];

  beforeAll(async () => {
    server = await startTestServer({ clock: () => now });
    [dispatcher, nurse] = await Promise.all([login(server, 'dispatcher'), login(server, 'nurse')]);
    setSkipLog({ warn: (obj) => warned.push(obj) });
  });
  afterAll(async () => {
    await server?.close();
  });

  const suggest = async (callId: number) =>
    (await dispatcher.get<{ hospitals: HospitalSuggestion[]; units: { unitId: number }[] }>(`/api/calls/${callId}/suggestions`)).body;
  const newCall = async (over: Record<string, unknown> = {}) => (await dispatcher.post<{ id: number }>('/api/calls', callBody(over))).body.id;

  it('falls back to a second-level hospital without an ICU bed when the designated one diverts, and lets the dispatcher send the patient there', async () => {
    const db = server.database.db;
    await db.update(hospitals).set({ edStatus: 'diversion', diversionUntil: null, capacityUpdatedAt: now }).where(eq(hospitals.kind, 'designated'));
    await db.update(hospitals).set({ icuOccupied: sql`${hospitals.icuOpen}`, capacityUpdatedAt: now }).where(eq(hospitals.kind, 'second_level'));
    const callId = await newCall({ clinicalClass: 'severe' });
    const s = await suggest(callId);
    expect(s.hospitals.length).toBeGreaterThan(0);
    for (const h of s.hospitals) expect(h.warnings).toEqual(expect.arrayContaining(['designated_diverting_fallback', 'no_free_icu']));
    const top = s.hospitals[0];
    expect(top?.factors.diversion).toBe(false);
    const assigned = await dispatcher.post(`/api/calls/${callId}/assign`, { unitId: s.units[0]?.unitId, hospitalId: top?.hospitalId });
    expect(assigned.status).toBe(201);

    // Once a second-level hospital has a bed again, the fallback ends and the full ones are refused again.
    const [free] = await db.select().from(hospitals).where(eq(hospitals.kind, 'second_level')).limit(1);
    if (!free) throw new Error('no second-level hospital in the seed');
    await db.update(hospitals).set({ icuOccupied: free.icuOpen - 1 }).where(eq(hospitals.id, free.id));
    const next = await suggest(await newCall({ clinicalClass: 'severe' }));
    expect(next.hospitals.map((h) => h.hospitalId)).toEqual([free.id]);
    expect(next.hospitals[0]?.warnings).toEqual([]);
  });

  it('scores the door by the longest wait now and the last hour’s median handover, from the transports', async () => {
    const callId = await newCall({ clinicalClass: 'common' });
    const [job] = await server.database.db.select().from(transports).limit(1);
    if (!job?.hospitalId) throw new Error('no transport from the first test');
    // The ambulance from the first test has been at the door 25 minutes; two earlier handovers took 20 and 40 minutes.
    await server.database.db.update(transports).set({ arrivedAt: ago(25) }).where(eq(transports.id, job.id));
    const handed = (arrived: number, handedOver: number) => ({ callId: job.callId, unitId: job.unitId, hospitalId: job.hospitalId, assignedAt: ago(arrived + 10), arrivedAt: ago(arrived), handedOverAt: ago(handedOver), closedAt: ago(handedOver) });
    await server.database.db.insert(transports).values([handed(50, 30), handed(70, 30), handed(300, 200)]);
    const h = (await suggest(callId)).hospitals.find((x) => x.hospitalId === job.hospitalId);
    expect(h?.factors).toMatchObject({ atDoor: 1, longestWaitMinutes: 25, medianLastHourMinutes: 30 });
    expect(h?.contributions).toMatchObject({ atDoor: -2, doorWait: -12.5, handoverMedian: -15 });
  });

  it('logs a stored hospital the rules cannot score and suggests the others', async () => {
    const [odd] = await server.database.db.select().from(hospitals).where(eq(hospitals.kind, 'township')).limit(1);
    if (!odd) throw new Error('no township in the seed');
    await server.database.db.update(hospitals).set({ kind: 'field_tent' }).where(eq(hospitals.id, odd.id));
    warned.length = 0;
    const s = await suggest(await newCall({ clinicalClass: 'common' }));
    expect(s.hospitals.length).toBeGreaterThan(0);
    expect(s.hospitals.some((h) => h.hospitalId === odd.id)).toBe(false);
    expect(warned).toEqual([{ entity: 'hospital', rows: [{ id: odd.id, reason: 'unknown_kind' }] }]);
  });

  it('after the designated hospital declines, the fallback it leads to can be chosen: the check leaves out who declined, as the suggestion does', async () => {
    const db = server.database.db;
    const [designated] = await db.select().from(hospitals).where(eq(hospitals.kind, 'designated')).limit(1);
    if (!designated) throw new Error('no designated hospital in the seed');
    await db.update(hospitals).set({ edStatus: 'open', capacityUpdatedAt: now }).where(eq(hospitals.id, designated.id));
    await db.update(hospitals).set({ icuOccupied: sql`${hospitals.icuOpen}`, capacityUpdatedAt: now }).where(eq(hospitals.kind, 'second_level'));
    const callId = await newCall({ clinicalClass: 'severe' });
    const first = await suggest(callId);
    expect(first.hospitals.map((h) => h.hospitalId)).toEqual([designated.id]);
    const assigned = await dispatcher.post<{ transport: { id: number } }>(`/api/calls/${callId}/assign`, { unitId: first.units[0]?.unitId, hospitalId: designated.id });
    expect(assigned.status).toBe(201);
    expect((await nurse.post(`/api/transports/${assigned.body.transport.id}/decline`, { reason: 'no_icu_bed' })).status).toBe(200);
    const next = await suggest(callId);
    const fallback = next.hospitals[0];
    expect(fallback?.warnings).toContain('designated_diverting_fallback');
    const rerouted = await dispatcher.post(`/api/transports/${assigned.body.transport.id}/destination`, { hospitalId: fallback?.hospitalId });
    expect(rerouted.status).toBe(200);
  });

  it('counts the designated hospital\'s last ICU bed as taken once a severe patient is sent there, until its next figure', async () => {
    const db = server.database.db;
    await db.update(hospitals).set({ edStatus: 'open', diversionUntil: null, icuOccupied: sql`${hospitals.icuOpen} - 1`, capacityUpdatedAt: ago(5) }).where(eq(hospitals.kind, 'designated'));
    await db.update(hospitals).set({ icuOccupied: sql`${hospitals.icuOpen} - 3`, capacityUpdatedAt: ago(5) }).where(eq(hospitals.kind, 'second_level'));
    const [designated] = await db.select().from(hospitals).where(eq(hospitals.kind, 'designated')).limit(1);
    if (!designated) throw new Error('no designated hospital in the seed');
    const first = await newCall({ clinicalClass: 'severe', lon: designated.lon, lat: designated.lat, callerPhone: '13900001111' });
    const s1 = await suggest(first);
    const offered = s1.hospitals.find((h) => h.hospitalId === designated.id);
    expect(offered?.factors).toMatchObject({ freeIcu: 1, icuPromised: 0 });
    expect(s1.hospitals[0]?.hospitalId).toBe(designated.id);
    expect((await dispatcher.post(`/api/calls/${first}/assign`, { unitId: s1.units[0]?.unitId, hospitalId: designated.id })).status).toBe(201);

    // A second dispatcher a moment later: the figure still says 1 free, but that bed is promised.
    const second = await newCall({ clinicalClass: 'severe', lon: designated.lon, lat: designated.lat, callerPhone: '13900002222' });
    const s2 = await suggest(second);
    expect(s2.hospitals.find((h) => h.hospitalId === designated.id)?.factors).toMatchObject({ freeIcu: 0, icuPromised: 1 });
    expect(s2.hospitals[0]?.hospitalId).not.toBe(designated.id);
    expect(s2.hospitals[0]?.factors.freeIcu).toBeGreaterThan(0);

    // The charge nurse enters a new figure after the patient was sent: it counts them, nothing is promised on top.
    await db.update(hospitals).set({ capacityUpdatedAt: new Date(now.getTime() + 1000) }).where(eq(hospitals.id, designated.id));
    const s3 = await suggest(second);
    expect(s3.hospitals.find((h) => h.hospitalId === designated.id)?.factors).toMatchObject({ freeIcu: 1, icuPromised: 0 });
  });
});

