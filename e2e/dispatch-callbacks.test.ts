/**
 * Waiting callers on the dispatcher's screen, in real Chromium: a caller hangs up before an answer (posted by the
 * telephony gateway) and appears in the Callbacks tab live; the dispatcher logs "no answer", then "reached", and
 * the caller leaves the list. A call waiting 12 minutes for an ambulance shows the re-contact reminder and the wait
 * to tell the caller; a class change at re-contact is refused without its reason and logged with it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openSeat, screenshot, seriousA11yViolations, startE2EServer } from './harness.ts';
import { callBody, login, type Agent, type TestServer } from '../server/test/harness.ts';

const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();

describe('dispatcher: callers who hung up are called back; a waiting caller is re-contacted', () => {
  let server: TestServer;
  let browser: Browser;
  let cti: Agent;
  let desk: Agent;
  // The server's clock, shifted back while the waiting call is taken so that it has waited 12 minutes by now.
  let shiftMs = 0;
  beforeAll(async () => {
    server = await startE2EServer({ clock: () => new Date(Date.now() + shiftMs) });
    cti = await login(server, 'cti-gateway');
    desk = await login(server, 'dispatcher2');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a caller who hung up appears live in Callbacks, is called back (no answer, then reached) and leaves the list', async () => {
    const { page, context, errors } = await openSeat(browser, server, 'dispatcher', { lang: 'zh-CN', viewport: { width: 1366, height: 768 } });
    await page.getByTestId('dispatch-page').waitFor();
    errors.splice(0);
    await page.keyboard.press('b');
    await page.getByTestId('callbacks-panel').waitFor();
    await page.getByTestId('callbacks-empty').waitFor();

    const id = randomUUID();
    const gone = await cti.post('/api/telephony/events', {
      events: [
        { eventId: `${id}-ring`, lineId: 2, kind: 'ringing', at: ago(75), callerNumber: '13977778888' },
        { eventId: `${id}-gone`, lineId: 2, kind: 'abandoned', at: ago(30), callerNumber: '13977778888' },
      ],
    });
    expect(gone.status).toBe(200);
    const row = page.locator('[data-testid="callback-row"][data-number="13977778888"]');
    await row.waitFor({ timeout: 10_000 });
    await expect(row.textContent()).resolves.toContain('等待 45 秒');
    await expect(page.getByTestId('callbacks-count').textContent()).resolves.toBe('1');
    await screenshot(page, 'dispatch-callbacks-zh-1366');

    await row.getByTestId('callback-no_answer').click();
    await row.getByTestId('callback-made').waitFor();
    await expect(row.getByTestId('callback-made').textContent()).resolves.toContain('无人接听');
    // The key path: 1 on the focused row is "reached".
    await row.focus();
    await page.keyboard.press('1');
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByTestId('callbacks-empty').waitFor();
    await expect(page.getByTestId('callbacks-count').count()).resolves.toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('a call waiting 12 min shows the re-contact reminder and the wait to tell the caller; a class change needs its reason', async () => {
    shiftMs = -12 * 60_000;
    const created = await desk.post('/api/calls', callBody({ callerPhone: '13966665555', complaint: '发热 39.6，气促' }));
    shiftMs = 0;
    expect(created.status).toBe(201);
    const callId = created.body.id as number;

    const { page, context, errors } = await openSeat(browser, server, 'dispatcher', { lang: 'en', viewport: { width: 1920, height: 1080 } });
    await page.getByTestId('dispatch-page').waitFor();
    errors.splice(0);
    await page.locator(`[data-testid="queue-row"][data-call-id="${callId}"]`).first().click();
    const reminder = page.getByTestId('recontact-reminder');
    await reminder.waitFor();
    await expect(reminder.getAttribute('data-due')).resolves.toBe('true');
    await expect(reminder.textContent()).resolves.toContain('not called back for 12 min');
    const wait = page.getByTestId('estimated-wait');
    await expect(wait.getAttribute('data-kind')).resolves.toBe('estimate');
    await expect(wait.textContent()).resolves.toMatch(/(about \d+–\d+|within about \d+) min/);

    await page.getByTestId('recontact-open').click();
    await page.getByTestId('recontact-class').selectOption('severe');
    await screenshot(page, 'dispatch-recontact-en-1920');
    // Without a reason the form will not send it (the server would refuse it too: 400 naming `reason`).
    await page.getByTestId('recontact-reason').fill('');
    await page.getByTestId('recontact-submit').click();
    await expect(page.getByTestId('recontact-form').isVisible()).resolves.toBe(true);
    await page.getByTestId('recontact-reason').fill('short of breath now, SpO2 88%');
    await page.getByTestId('recontact-submit').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="recontact-reminder"]')?.getAttribute('data-due') === 'false', null, { timeout: 10_000 });
    await expect(page.getByTestId('recontact-reminder').textContent()).resolves.toContain('Next re-contact in 10 min');
    await expect(page.getByTestId('call-panel').textContent()).resolves.toContain('Severe');
    expect((await desk.get(`/api/calls/${callId}`)).body.call).toMatchObject({ clinicalClass: 'severe' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
