/**
 * The dispatcher's story end to end in real Chromium: take a call through the form, send the
 * recommended unit to the suggested hospital, then watch the unit (driven by the AVL gateway) move on
 * the map and the call follow its status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openSeat, screenshot, startE2EServer } from './harness.ts';
import { callBody, login, type Agent, type TestServer } from '../server/test/harness.ts';

/** Where the map draws a unit now (what the dispatcher sees), read from the map's unit overlay. */
async function drawnUnit(page: Page, unitId: number): Promise<[number, number] | null> {
  return page.evaluate((id) => {
    const el = document.querySelector('[data-testid="city-map"]') as (HTMLElement & { unitDrawnAt?: (id: number) => [number, number] | null }) | null;
    return el?.unitDrawnAt?.(id) ?? null;
  }, unitId);
}

describe('dispatcher console: intake → assign → unit moves → call follows', () => {
  let server: TestServer;
  let browser: Browser;
  let gateway: Agent;
  let dispatcherApi: Agent;
  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    gateway = await login(server, 'avl-gateway');
    dispatcherApi = await login(server, 'dispatcher');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a call through the form, assigns the recommended unit and hospital, and follows the unit live', async () => {
    // A queue worth looking at: a few calls already waiting, one of them old enough to be loud.
    await dispatcherApi.post('/api/calls', callBody({ clinicalClass: 'mild', age: 34, riskTier: null, address: '周巷镇 兴业路 12号', lon: 121.16, lat: 30.2, complaint: 'sore throat, fever 38' }));
    await dispatcherApi.post('/api/calls', callBody({ clinicalClass: 'common', age: 77, riskTier: 'red', flags: { nursingHome: true, pregnant: false }, address: '观海卫镇 卫山路 5号 敬老院', lon: 121.43, lat: 30.17 }));

    const { page, context, errors } = await openSeat(browser, server, 'dispatcher');
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
    await page.getByTestId('queue-row').nth(1).waitFor();
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(2);

    // Intake through the form.
    await page.getByTestId('new-call').click();
    const form = page.getByTestId('intake-form');
    await form.getByLabel('Caller phone').fill('13957400001');
    await form.getByRole('combobox', { name: 'Address' }).fill('浒山街道 三北大街 88号');
    // The address names a town: the location is filled in from it; a click on the map refines it.
    await expect(form.getByLabel(/^Location/).inputValue()).resolves.toMatch(/^121\.\d+, 30\.\d+$/);
    const map = page.getByTestId('city-map');
    const box = await map.boundingBox();
    if (!box) throw new Error('map not laid out');
    await map.click({ position: { x: box.width * 0.45, y: box.height * 0.62 } });
    const typed = await form.getByLabel(/^Location/).inputValue();
    expect(typed).toMatch(/^121\.\d{5}, 30\.\d{5}$/);
    await form.getByLabel('Complaint').fill('呼吸困难, SpO2 86%');
    await form.getByLabel('Severe').check();
    await form.getByLabel('Age').fill('82');
    await form.getByLabel('Red').check();
    await screenshot(page, 'dispatch-intake');
    await form.getByTestId('intake-submit').click();

    // The call panel opens with the recommendations; take the first unit and first hospital.
    const panel = page.getByTestId('call-panel');
    await panel.getByTestId('unit-choice').first().waitFor();
    await panel.getByTestId('hospital-choice').first().waitFor();
    const callId = Number(await panel.getAttribute('data-call-id'));
    const unitId = Number(await panel.getByTestId('unit-choice').first().getAttribute('data-unit-id'));
    const hospitalId = Number(await panel.getByTestId('hospital-choice').first().getAttribute('data-hospital-id'));
    await expect(panel.getByTestId('unit-choice').first().textContent()).resolves.toMatch(/critical care/i);
    await screenshot(page, 'dispatch-assign');
    await panel.getByTestId('assign-button').click();
    await panel.getByTestId('call-status').and(page.locator('[data-status="unit_assigned"]')).waitFor();
    await panel.getByTestId('on-call-row').waitFor();

    // The server agrees: that unit, to that hospital.
    const detail = await dispatcherApi.get(`/api/calls/${callId}`);
    expect(detail.body.transports).toHaveLength(1);
    expect(detail.body.transports[0]).toMatchObject({ unitId, hospitalId, acceptance: 'pending' });

    // The AVL gateway drives the unit toward the call; the map follows.
    const call = detail.body.call as { lon: number; lat: number };
    const start = await drawnUnit(page, unitId);
    expect(start).not.toBeNull();
    expect((await gateway.post(`/api/units/${unitId}/status`, { status: 'en_route' })).status).toBe(200);
    await panel.getByTestId('call-status').and(page.locator('[data-status="en_route"]')).waitFor();
    const fix = { unitId, lon: call.lon + 0.004, lat: call.lat + 0.003, heading: 200, speedKmh: 55, at: Date.now() };
    expect((await gateway.post('/api/units/positions', { fixes: [fix] })).status).toBeLessThan(300);
    const deadline = Date.now() + 5000;
    let drawn = start;
    while (Date.now() < deadline) {
      drawn = await drawnUnit(page, unitId);
      if (drawn && Math.abs(drawn[0] - fix.lon) < 1e-5 && Math.abs(drawn[1] - fix.lat) < 1e-5) break;
      await page.waitForTimeout(100);
    }
    expect(drawn?.[0]).toBeCloseTo(fix.lon, 5);
    expect(drawn?.[1]).toBeCloseTo(fix.lat, 5);
    expect(await drawnUnit(page, unitId)).not.toEqual(start);

    expect((await gateway.post(`/api/units/${unitId}/status`, { status: 'on_scene' })).status).toBe(200);
    await panel.getByTestId('call-status').and(page.locator('[data-status="on_scene"]')).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId(/^unit-row-/).first().waitFor();
    await screenshot(page, 'dispatch-live');
    // The login page's session probe answers 401 before sign-in; anything else is a defect.
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await context.close();
  });
});
