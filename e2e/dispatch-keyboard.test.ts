/** A dispatcher takes a call and sends a unit without touching the mouse, well under 30 seconds. */
import { describe, expect, it } from 'vitest';
import { openSeat, screenshot, useE2E } from './harness.ts';
import { login } from '../server/test/harness.ts';

describe('intake and assignment by keyboard alone', () => {
  const e2e = useE2E();

  it('N, type the call, Ctrl+Enter, Enter: the call is taken and the recommended unit sent', async () => {
    const { server, browser } = e2e;
    const { page, context } = await openSeat(browser, server, 'dispatcher');
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
    await page.getByTestId('dispatch-page').waitFor();
    const kb = page.keyboard;
    const started = Date.now();
    await kb.press('n');
    await page.getByTestId('intake-form').waitFor();
    await kb.type('13905742222');
    await kb.press('Tab');
    await kb.type('79');
    await kb.press('Tab');
    // Naming the town places the call; no map click needed.
    await kb.type('周巷镇 环城北路 66号');
    await kb.press('Tab');
    await kb.press('Tab');
    await kb.type('高热 40 度, 气促');
    await kb.press('Tab'); // clinical class: first option
    await kb.press('ArrowRight'); // → severe
    await kb.press('Tab'); // risk tier
    await kb.press('ArrowRight'); // → red
    await kb.press('Tab'); // nursing home
    await kb.press('Space');
    await kb.press('Control+Enter');

    const panel = page.getByTestId('call-panel');
    await panel.getByTestId('unit-choice').first().waitFor();
    await panel.getByTestId('hospital-choice').first().waitFor();
    const call = await (await login(server, 'dispatcher')).get(`/api/calls/${await panel.getAttribute('data-call-id')}`);
    expect(call.body.call).toMatchObject({ clinicalClass: 'severe', age: 79, riskTier: 'red', flags: { nursingHome: true, pregnant: false }, status: 'awaiting_unit' });
    // Focus is on the first recommended unit: Enter sends it with the first suggested hospital.
    const unitId = Number(await panel.getByTestId('unit-choice').first().getAttribute('data-unit-id'));
    const hospitalId = Number(await panel.getByTestId('hospital-choice').first().getAttribute('data-hospital-id'));
    await kb.press('Enter');
    await panel.getByTestId('call-status').and(page.locator('[data-status="unit_assigned"]')).waitFor();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(30_000);
    const detail = await (await login(server, 'dispatcher')).get(`/api/calls/${call.body.call.id}`);
    expect(detail.body.transports[0]).toMatchObject({ unitId, hospitalId });
    await screenshot(page, 'dispatch-keyboard-done');

    // A second unit is deliberate: 1 only chooses the (new) first recommendation, Alt+S asks, Tab to "Yes" sends.
    await panel.getByTestId('unit-choice').first().waitFor();
    await panel.locator('input[name="unit-choice"]').first().focus();
    await kb.press('1');
    await kb.press('Alt+KeyS');
    const dialog = page.getByTestId('additional-dialog');
    await dialog.waitFor();
    await kb.press('Tab');
    await kb.press('Enter');
    await panel.getByTestId('on-call-row').nth(1).waitFor();

    // Advice-only call, closed from the keyboard with Alt+A, then Enter to confirm.
    await kb.press('Escape');
    await kb.press('n');
    await kb.type('13905743333');
    await kb.press('Tab');
    await kb.press('Tab');
    await kb.type('坎墩街道 坎中路 9号');
    await kb.press('Tab');
    await kb.press('Tab');
    await kb.type('咳嗽, 咨询用药');
    await kb.press('Tab');
    await kb.press('ArrowLeft'); // wraps to asymptomatic
    await kb.press('Alt+KeyA');
    await page.getByTestId('intake-close-confirm').waitFor();
    await kb.press('Enter');
    await expect(page.getByTestId('intake-done').textContent()).resolves.toMatch(/advice/);
    const calls = (await (await login(server, 'dispatcher')).get('/api/calls')).body as { callerPhone: string; status: string; outcome: string }[];
    expect(calls.find((c) => c.callerPhone === '13905743333')).toMatchObject({ status: 'closed', outcome: 'advice' });
    await context.close();
  });
});
