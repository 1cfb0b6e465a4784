/**
 * The ED console in a real browser. Story 1: a dispatcher assigns a patient to hospital A, A's nurse
 * sees it appear live and declines it with a reason, the dispatcher gets the alert and re-routes to B,
 * B accepts, the unit arrives, the offload clock runs, handover frees the unit and the offload time
 * lands in today's figures. Story 2: a township centre asks for a transfer, dispatch serves it with a
 * critical-care unit, both hospitals follow it. The dispatcher side goes through the API and a live
 * console socket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Hospital, Unit } from '@dispatch/shared';
import { launchBrowser, openSeat, screenshot, seriousA11yViolations, startE2EServer, type Seat } from './harness.ts';
import { callBody, connectConsole, login, simNurseName, type Agent, type RecordingConsole, type TestServer } from '../server/test/harness.ts';

const H01 = 1;
const H02 = 2;

/** Count the oscillators the page starts: the new-patient beep is made with WebAudio. */
const countBeeps = () => {
  const w = window as unknown as { __beeps: number };
  w.__beeps = 0;
  const original = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function (this: AudioContext) {
    w.__beeps++;
    return original.call(this);
  };
};
const beeps = (page: Page) => page.evaluate(() => (window as unknown as { __beeps: number }).__beeps);

describe('hospital ED console', () => {
  let server: TestServer;
  let browser: Browser;
  let dispatcher: Agent;
  let gateway: Agent;
  let desk: RecordingConsole;
  // The server's clock can be moved back while an arrival is recorded, so a clock "16 minutes in" needs no waiting.
  let shiftMs = 0;
  const seats: Seat[] = [];

  beforeAll(async () => {
    server = await startE2EServer({ clock: () => new Date(Date.now() + shiftMs) });
    browser = await launchBrowser();
    [dispatcher, gateway] = await Promise.all([login(server, 'dispatcher'), login(server, 'avl-gateway')]);
    desk = connectConsole(server, dispatcher);
    await desk.ready;
  });
  afterAll(async () => {
    desk?.close();
    for (const s of seats) await s.context.close();
    await browser?.close();
    await server?.close();
  });

  const seat = async (username: string) => {
    const s = await openSeat(browser, server, username);
    await s.context.addInitScript(countBeeps);
    await s.page.reload();
    await s.page.getByTestId('hospital-page').waitFor();
    await s.page.getByTestId('connection-status').and(s.page.locator('[data-status="live"]')).waitFor();
    // The login page's "who am I?" answered 401 before signing in; only errors from here on count.
    s.errors.splice(0);
    seats.push(s);
    return s;
  };

  it('assign to A → A declines with a reason → dispatcher re-routes to B → B accepts → arrival, offload clock, handover → today', async () => {
    const a = await seat('nurse');
    const b = await seat('nurse2');
    expect(new URL(a.page.url()).pathname).toBe('/hospital');

    // The dispatcher assigns a severe 81-year-old to hospital A.
    const created = await dispatcher.post('/api/calls', callBody({ clinicalClass: 'severe', age: 81, riskTier: 'red', notes: 'SpO2 86% on air, RR 32' }));
    const callId = created.body.id as number;
    const unitId = (await dispatcher.get(`/api/calls/${callId}/suggestions`)).body.units[0].unitId as number;
    const assigned = await dispatcher.post(`/api/calls/${callId}/assign`, { unitId, hospitalId: H01 });
    expect(assigned.status).toBe(201);
    const transportId = assigned.body.transport.id as number;
    const callSign = (assigned.body.unit as Unit).callSign;

    // A's nurse sees it appear live, with a sound and a visual cue.
    const rowA = a.page.locator(`[data-testid="inbound-row"][data-transport="${transportId}"]`);
    await rowA.waitFor();
    await expect(rowA.textContent()).resolves.toMatch(new RegExp(`${callSign}.*Severe.*81 y.*70\\+.*Red.*SpO2 86% on air, RR 32`, 's'));
    await expect(rowA.getByTestId('inbound-eta').textContent()).resolves.toMatch(/ETA about \d+ min/);
    await a.page.getByTestId('new-patient-cue').waitFor();
    await expect(a.page.getByTestId('new-patient-cue').textContent()).resolves.toContain(callSign);
    expect(await beeps(a.page)).toBeGreaterThan(0);
    expect(await a.page.locator('.ed-row--new').count()).toBe(1);
    // B hears nothing of it.
    expect(await b.page.getByTestId('inbound-row').count()).toBe(0);
    await screenshot(a.page, 'hospital-a-new-patient');

    // A declines: the reason picker wants a reason, "other" wants a note.
    await rowA.getByRole('button', { name: 'Decline' }).click();
    const picker = rowA.getByTestId('decline-picker');
    await expect(picker.getByRole('button', { name: 'Decline and tell dispatch' }).isDisabled()).resolves.toBe(true);
    await picker.getByLabel('ED saturated').check();
    await picker.getByLabel('Note for the dispatcher').fill('14 patients on trolleys');
    await picker.getByRole('button', { name: 'Decline and tell dispatch' }).click();
    await rowA.getByText(/Declined \(ED saturated\)/).waitFor();

    // The dispatcher's console gets the alert live, and the next suggestion leaves A out.
    const alert = await desk.waitFor(() => desk.events.find((e) => e.name === 'transport.declined' && e.id === transportId));
    expect(alert.data).toMatchObject({ declineReason: 'ed_saturated', declineNote: '14 patients on trolleys', hospitalId: H01 });
    const next = (await dispatcher.get(`/api/calls/${callId}/suggestions`)).body.hospitals.map((h: { hospitalId: number }) => h.hospitalId);
    expect(next).not.toContain(H01);
    expect(next).toContain(H02);
    expect((await dispatcher.post(`/api/transports/${transportId}/destination`, { hospitalId: H02 })).status).toBe(200);

    // Off A's screen, onto B's with the cue.
    await rowA.waitFor({ state: 'detached' });
    const rowB = b.page.locator(`[data-testid="inbound-row"][data-transport="${transportId}"]`);
    await rowB.waitFor();
    await b.page.getByTestId('new-patient-cue').waitFor();
    await expect(rowB.textContent()).resolves.toContain('SpO2 86% on air');
    await rowB.getByRole('button', { name: 'Accept' }).click();
    await rowB.getByText('Accepted', { exact: true }).waitFor();
    await desk.waitFor(() => desk.events.find((e) => e.name === 'transport.accepted' && e.id === transportId));

    // The crew picks the patient up and drives: the ETA follows the unit's position.
    for (const status of ['en_route', 'on_scene', 'transporting']) expect((await gateway.post(`/api/units/${unitId}/status`, { status })).status).toBe(200);
    const h02 = ((await dispatcher.get('/api/hospitals')).body as Hospital[]).find((h) => h.id === H02);
    const fix = (km: number) => ({ unitId, lon: (h02?.lon ?? 0) - km / 96, lat: h02?.lat ?? 0, heading: 90, speedKmh: 60, at: Date.now() });
    await gateway.post('/api/units/positions', { fixes: [fix(20)] });
    await expect.poll(() => rowB.getByTestId('inbound-eta').textContent(), { timeout: 5000 }).toMatch(/^ETA (2[5-9]|3\d) min/);
    await gateway.post('/api/units/positions', { fixes: [fix(2)] });
    await expect.poll(() => rowB.getByTestId('inbound-eta').textContent(), { timeout: 5000 }).toMatch(/^ETA [1-4] min/);

    // Arrival, recorded 16 minutes ago on the server's clock: the offload clock is amber and running.
    shiftMs = -16 * 60_000;
    expect((await gateway.post(`/api/units/${unitId}/status`, { status: 'at_hospital' })).status).toBe(200);
    shiftMs = 0;
    const door = b.page.locator(`[data-testid="door-row"][data-transport="${transportId}"]`);
    await door.waitFor();
    await rowB.waitFor({ state: 'detached' });
    expect(await door.getAttribute('data-level')).toBe('amber');
    const clock = door.getByTestId('offload-clock');
    const first = await clock.textContent();
    expect(first).toMatch(/^(15:5\d|16:0\d)$/);
    await expect.poll(() => clock.textContent(), { timeout: 4000 }).not.toBe(first);
    await screenshot(b.page, 'hospital-b-at-door');

    // One click: handover frees the unit, the clock stops, the time lands in today's figures.
    await door.getByRole('button', { name: 'Handover' }).click();
    await door.waitFor({ state: 'detached' });
    expect(((await dispatcher.get(`/api/units/${unitId}`)).body as Unit).status).toBe('returning');
    await expect.poll(() => b.page.getByTestId('today-handovers').textContent(), { timeout: 5000 }).toBe('1');
    await expect(b.page.getByTestId('today-median').textContent()).resolves.toMatch(/^16\.\d min$/);
    await expect(b.page.getByTestId('today-p90').textContent()).resolves.toMatch(/^16\.\d min$/);
    await expect(b.page.getByTestId('today-classes').textContent()).resolves.toMatch(/Severe 1/);
    await expect.poll(() => a.page.getByTestId('today-declines').textContent(), { timeout: 5000 }).toMatch(/^1 \(ED saturated 1\)/);
    await screenshot(b.page, 'hospital-b-today');
    expect(a.errors.concat(b.errors)).toEqual([]);
  });

  it('capacity: edited in place, refused inline when occupied exceeds open, saved with who and when', async () => {
    const a = seats[0] ?? (await seat('nurse'));
    const panel = a.page.getByTestId('capacity');
    const occupied = panel.getByLabel(/^Occupied beds/);
    await occupied.fill('1600');
    await panel.getByText('Cannot exceed open beds').waitFor();
    await expect(panel.getByRole('button', { name: 'Save capacity' }).isDisabled()).resolves.toBe(true);
    await panel.getByLabel(/^Ventilators free/).fill('-2');
    await panel.getByText('Cannot be negative').waitFor();
    await occupied.fill('1420');
    await panel.getByLabel(/^Ventilators free/).fill('6');
    await panel.getByLabel('ED status').selectOption('diversion');
    await panel.getByText('Give the end time of the diversion').waitFor();
    const until = new Date(Date.now() + 3 * 3600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await panel.getByLabel('Diversion until').fill(`${until.getFullYear()}-${pad(until.getMonth() + 1)}-${pad(until.getDate())}T${pad(until.getHours())}:${pad(until.getMinutes())}`);
    await panel.getByRole('button', { name: 'Save capacity' }).click();
    await panel.getByText('Saved').waitFor();
    await expect(panel.getByTestId('capacity-stamp').textContent()).resolves.toMatch(/Updated by nurse, just now/);
    await expect(a.page.getByTestId('ed-status').textContent()).resolves.toBe('Diversion');
    // Dispatch sees it live.
    await desk.waitFor(() => desk.events.find((e) => e.name === 'hospital.capacityChanged' && e.id === H01 && (e.data as Hospital).occupiedBeds === 1420));
    // The designated hospital's ICU ratio against 4% + 4%: 40 of 1500 is 2.7%, below; 60 convertible is 4.0%, met.
    await expect(panel.getByTestId('icu-ratio').textContent()).resolves.toMatch(/ICU beds: 2\.7% of open beds · target 4% — below target.*Convertible ICU: 4\.0% of open beds · target 4% — meets target/s);
    await panel.getByLabel('ED status').selectOption('open');
    await panel.getByRole('button', { name: 'Save capacity' }).click();
    await expect.poll(() => a.page.getByTestId('ed-status').textContent()).toBe('Open');
    expect(await seriousA11yViolations(a.page)).toEqual([]);
  });

  it('a township centre asks for a transfer; dispatch serves it with a critical-care unit; both hospitals follow it', async () => {
    const hospitals = (await dispatcher.get('/api/hospitals')).body as Hospital[];
    const township = hospitals.find((h) => h.kind === 'township');
    if (!township) throw new Error('no township centre in the demo city');
    const from = await seat(simNurseName(township.code));
    const to = seats[0] ?? (await seat('nurse'));

    const form = from.page.getByTestId('transfer');
    await form.getByRole('button', { name: 'Request transfer' }).click();
    await form.getByText('Required').waitFor();
    await form.getByLabel('Reason / condition').fill('Deteriorating: SpO2 88% on 5 L O2');
    await form.getByLabel('Clinical class').selectOption('severe');
    await form.getByLabel('Age').fill('79');
    await form.getByLabel('Notes for the crew').fill('needs HFNC on the way');
    await form.getByRole('button', { name: 'Request transfer' }).click();
    await form.getByText(/Transfer .* is in the dispatch queue/).waitFor();
    const row = from.page.getByTestId('transfer-row').first();
    await expect.poll(() => row.getAttribute('data-status')).toBe('awaiting_unit');

    // It lands in dispatch's queue as a transfer; only critical-care units are offered.
    const queued = await desk.waitFor(() => desk.events.find((e) => e.name === 'call.created' && (e.data as { kind: string }).kind === 'transfer'));
    const callId = queued.id;
    const offer = (await dispatcher.get(`/api/calls/${callId}/suggestions`)).body.units as { unitId: number; kind: string }[];
    expect(offer.length).toBeGreaterThan(0);
    expect(offer.every((u) => u.kind === 'critical_care')).toBe(true);
    const assigned = await dispatcher.post(`/api/calls/${callId}/assign`, { unitId: offer[0]?.unitId, hospitalId: H01 });
    expect(assigned.status).toBe(201);
    const unit = assigned.body.unit as Unit;
    const transportId = assigned.body.transport.id as number;

    // Both screens follow: the sending centre sees the unit coming, the designated hospital the patient.
    await from.page.getByTestId('transfer-row').filter({ hasText: unit.callSign }).waitFor();
    const inbound = to.page.locator(`[data-testid="inbound-row"][data-transport="${transportId}"]`);
    await inbound.waitFor();
    await expect(inbound.textContent()).resolves.toMatch(new RegExp(`Transfer from ${township.nameEn}.*Deteriorating`, 's'));
    await inbound.getByRole('button', { name: 'Accept' }).click();
    for (const status of ['en_route', 'on_scene', 'transporting']) expect((await gateway.post(`/api/units/${unit.id}/status`, { status })).status).toBe(200);
    await expect.poll(() => row.getAttribute('data-status')).toBe('transporting');
    await inbound.getByRole('button', { name: 'Arrived at door' }).click();
    const door = to.page.locator(`[data-testid="door-row"][data-transport="${transportId}"]`);
    await door.getByRole('button', { name: 'Handover' }).click();
    await door.waitFor({ state: 'detached' });
    await expect.poll(() => row.getAttribute('data-status')).toBe('closed');
    await screenshot(from.page, 'hospital-township-transfer');
    expect(from.errors.concat(to.errors)).toEqual([]);
  });
});
