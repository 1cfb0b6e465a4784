/**
 * No accidental second ambulance: right after a unit is sent, Enter, a number key and a click where
 * the big send button stood send nothing more; a second unit goes only through Alt+S (or the
 * "Send an additional unit…" control) and a confirmation that names the call.
 */
import { describe, expect, it } from 'vitest';
import { openSeat, screenshot, seriousA11yViolations, useE2E } from './harness.ts';
import { callBody, login, type Agent } from '../server/test/harness.ts';

interface TransportRow {
  unitId: number;
  closedAt: string | null;
  acceptance: string | null;
}

async function activeUnits(api: Agent, callId: number): Promise<number[]> {
  const transports = (await api.get(`/api/calls/${callId}`)).body.transports as TransportRow[];
  return transports.filter((t) => !t.closedAt && t.acceptance !== 'cancelled' && t.acceptance !== 'handed_over').map((t) => t.unitId);
}

describe('a second unit on the same call is deliberate', () => {
  const e2e = useE2E();

  it('after an assignment, Enter, 1 and a stray click do not send again; Alt+S and a confirmation naming the call do', async () => {
    const { server, browser } = e2e;
    const api = await login(server, 'dispatcher');
    const address = '浒山街道 孙塘北路 20号';
    const call = (await api.post('/api/calls', callBody({ clinicalClass: 'severe', address }))).body as { id: number; number: string };
    const { page, context, errors } = await openSeat(browser, server, 'dispatcher');
    // The login page's "who am I?" answered 401 before signing in; only errors from here on count.
    errors.splice(0);
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
    await page.locator(`[data-testid="queue-row"][data-call-id="${call.id}"]`).click();
    const panel = page.getByTestId('call-panel');
    await panel.getByTestId('unit-choice').first().waitFor();

    // The first unit goes exactly as before: the big button.
    const send = panel.getByTestId('assign-button');
    const box = await send.boundingBox();
    if (!box) throw new Error('send button not laid out');
    await send.click();
    await panel.getByTestId('on-call-row').waitFor();
    expect(await activeUnits(api, call.id)).toHaveLength(1);

    // Enter and 1 from the unit list, then a click where the big button was: nothing is sent.
    await panel.locator('input[name="unit-choice"]').first().focus();
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('assign-message').textContent()).resolves.toMatch(/already on this call.*Alt\+S/s);
    await page.keyboard.press('1');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    expect(await panel.getByTestId('assign-button').count()).toBe(0);
    expect(await page.getByTestId('additional-dialog').count()).toBe(0);
    // Give a wrongly sent request time to land before asking the server.
    await page.waitForTimeout(800);
    expect(await activeUnits(api, call.id)).toHaveLength(1);
    await expect(panel.getByTestId('unit-on-call-note').textContent()).resolves.toMatch(/already on this call/);

    // Alt+S opens the confirmation: it names the call and the unit, and starts on Cancel; Esc backs out.
    await panel.locator('input[name="unit-choice"]').first().focus();
    await page.keyboard.press('Alt+KeyS');
    const dialog = page.getByRole('alertdialog', { name: `Send an additional unit to call ${call.number}?` });
    await dialog.waitFor();
    const second = await panel.getByTestId('unit-choice').first().locator('strong').textContent();
    expect(second).toBeTruthy();
    await expect(dialog.textContent()).resolves.toContain(address);
    await expect(dialog.textContent()).resolves.toContain(`Yes, send ${second} to ${call.number}`);
    expect(await dialog.getByTestId('additional-cancel').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dispatch-second-unit-confirm');
    await page.keyboard.press('Enter'); // on Cancel
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('Alt+KeyS');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await panel.waitFor(); // Esc closed the dialog, not the call panel
    expect(await activeUnits(api, call.id)).toHaveLength(1);

    // The deliberate path with the mouse: the labelled control, then "Yes".
    await panel.getByRole('button', { name: /Send an additional unit…/ }).click();
    await dialog.getByTestId('additional-confirm').click();
    await panel.getByTestId('on-call-row').nth(1).waitFor();
    const units = await activeUnits(api, call.id);
    expect(units).toHaveLength(2);
    expect(new Set(units).size).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });
});
