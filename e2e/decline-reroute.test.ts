/**
 * Three people at three real browser seats: the dispatcher sends a patient to hospital A through the
 * console; A's nurse sees it arrive live and declines it with a reason; the dispatcher's screen shows
 * the decline naming the next suggested hospital and re-routes there with one action; B's nurse sees
 * the patient arrive live and accepts, and the dispatcher sees the acceptance.
 */
import { describe, expect, it } from 'vitest';
import type { Hospital } from '@dispatch/shared';
import { openSeat, screenshot, useE2E } from './harness.ts';
import { callBody, login } from '../server/test/harness.ts';

const H01 = 1;
const H02 = 2;

describe('decline and re-route across the dispatch and hospital consoles', () => {
  const e2e = useE2E();
  const { seats } = e2e;

  const seat = async (username: string, path: string, ready: string) => {
    const s = await openSeat(e2e.browser, e2e.server, username, { path });
    await s.page.getByTestId(ready).waitFor();
    await s.page.getByTestId('connection-status').and(s.page.locator('[data-status="live"]')).waitFor();
    // The login page's "who am I?" answered 401 before signing in; only errors from here on count.
    s.errors.splice(0);
    seats.push(s);
    return s;
  };

  it('dispatcher → A declines with a reason → dispatcher re-routes from the alert → B accepts', async () => {
    const api = await login(e2e.server, 'dispatcher');
    const hospitals = (await api.get('/api/hospitals')).body as Hospital[];
    const [a, b] = [H01, H02].map((id) => hospitals.find((h) => h.id === id));
    if (!a || !b) throw new Error('demo hospitals H01 and H02');
    // A severe patient a few hundred metres from B: once A is out, B is the obvious next hospital.
    const call = (await api.post('/api/calls', callBody({ clinicalClass: 'severe', age: 68, riskTier: 'red', lon: b.lon + 0.003, lat: b.lat + 0.002, complaint: 'chest pain, sweating' })))
      .body as { id: number; number: string };

    const [desk, nurseA, nurseB] = await Promise.all([
      seat('dispatcher', '/dispatch', 'dispatch-page'),
      seat('nurse', '/hospital', 'hospital-page'),
      seat('nurse2', '/hospital', 'hospital-page'),
    ]);
    const d = desk.page;

    // The dispatcher opens the call, keeps the recommended unit, and picks A as the destination.
    await d.locator(`[data-testid="queue-row"][data-call-id="${call.id}"]`).click();
    const panel = d.getByTestId('call-panel');
    await panel.getByTestId('unit-choice').first().waitFor();
    const unitId = Number(await panel.getByTestId('unit-choice').first().getAttribute('data-unit-id'));
    await panel.locator(`[data-testid="hospital-choice"][data-hospital-id="${H01}"]`).click();
    const assignRequest = d.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api/calls/${call.id}/assign`));
    await panel.getByTestId('assign-button').click();
    // Sent with an Idempotency-Key, so a retry after a lost answer cannot assign twice.
    expect((await assignRequest).headers()['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    await expect(panel.getByTestId('assign-message').textContent()).resolves.toMatch(new RegExp(`sent.*${a.nameEn}`, 's'));
    const callSign = (await panel.getByTestId('on-call-row').textContent())?.match(/CX-\d+/)?.[0];
    expect(callSign).toBeTruthy();

    // A's nurse sees the patient appear live; B's sees nothing.
    const rowA = nurseA.page.getByTestId('inbound-row').filter({ hasText: callSign });
    await rowA.waitFor();
    await expect(rowA.textContent()).resolves.toMatch(/Severe.*68 y.*chest pain/s);
    expect(await nurseB.page.getByTestId('inbound-row').count()).toBe(0);

    // A declines: no ICU bed.
    await rowA.getByRole('button', { name: 'Decline' }).click();
    const picker = rowA.getByTestId('decline-picker');
    await picker.getByLabel('No ICU bed').check();
    await picker.getByLabel('Note for the dispatcher').fill('last ICU bed taken 5 min ago');
    await picker.getByRole('button', { name: 'Decline and tell dispatch' }).click();
    await rowA.getByText(/Declined \(No ICU bed\)/).waitFor();

    // The dispatcher's screen says who declined, why, and where to send the patient instead.
    const alert = d.getByTestId('decline-alert').filter({ hasText: callSign });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(new RegExp(`${a.nameEn} DECLINED the patient of ${callSign} \\(call ${call.number}\\).*No ICU bed.*last ICU bed taken`, 's'));
    const reroute = alert.getByTestId('decline-reroute');
    await expect(reroute.textContent()).resolves.toMatch(new RegExp(`^Re-route to ${b.nameEn} \\(\\d+ min\\)$`));
    // The call panel no longer offers A, and its (additional-unit) send control points at the top suggestion, not at a row number.
    await panel.locator(`[data-testid="hospital-choice"][data-hospital-id="${H01}"]`).waitFor({ state: 'detached' });
    await expect(panel.getByTestId('assign-additional').textContent()).resolves.toContain(`→ ${b.nameEn}`);
    await screenshot(d, 'decline-reroute-dispatcher-alert');
    await reroute.click();
    await alert.waitFor({ state: 'detached' });

    // Off A's screen, onto B's, live; B accepts.
    await nurseA.page.getByTestId('inbound-row').filter({ hasText: callSign }).waitFor({ state: 'detached' });
    const rowB = nurseB.page.getByTestId('inbound-row').filter({ hasText: callSign });
    await rowB.waitFor();
    await nurseB.page.getByTestId('new-patient-cue').waitFor();
    await expect(rowB.textContent()).resolves.toMatch(/Severe.*68 y.*chest pain/s);
    await rowB.getByRole('button', { name: 'Accept' }).click();
    await rowB.getByText('Accepted', { exact: true }).waitFor();
    await screenshot(nurseB.page, 'decline-reroute-nurse-b');

    // The dispatcher's call panel follows: the unit now goes to B, accepted.
    const onCall = panel.locator(`[data-testid="on-call-row"][data-unit-id="${unitId}"]`);
    await expect.poll(() => onCall.textContent(), { timeout: 5000 }).toMatch(new RegExp(`${b.nameEn}.*Accepted`, 's'));
    const detail = (await api.get(`/api/calls/${call.id}`)).body as { transports: { unitId: number; hospitalId: number; acceptance: string }[] };
    expect(detail.transports).toEqual([expect.objectContaining({ unitId, hospitalId: H02, acceptance: 'accepted' })]);
    expect(desk.errors.concat(nurseA.errors, nurseB.errors)).toEqual([]);
  });
});
