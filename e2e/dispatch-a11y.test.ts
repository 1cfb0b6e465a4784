/** Every dispatch screen in real Chromium under axe-core: no serious or critical violation; screenshots for the README. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openSeat, screenshot, SCREENSHOTS, seriousA11yViolations, startE2EServer } from './harness.ts';
import { callBody, login, type TestServer } from '../server/test/harness.ts';

// The README's screenshots are refreshed on request only (UPDATE_SCREENSHOTS=1), so a test run
// never leaves the checkout dirty.
const DOCS = process.env.UPDATE_SCREENSHOTS === '1' ? path.resolve(import.meta.dirname, '../docs/screenshots') : SCREENSHOTS;

/** The map has loaded its style and live layers (CityMap hangs the map on its element then). */
async function mapDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((document.querySelector('[data-testid="city-map"]') as (HTMLElement & { maplibre?: unknown }) | null)?.maplibre), null, { timeout: 15_000 });
  await page.waitForTimeout(800);
}

describe('dispatch screens are accessible and readable', () => {
  let server: TestServer;
  let browser: Browser;
  // The server's clock, shifted back while the older calls come in, so one has waited long enough to be loud.
  let shiftMs = 0;
  beforeAll(async () => {
    server = await startE2EServer({ clock: () => new Date(Date.now() - shiftMs) });
    browser = await launchBrowser();
    // A surge-like queue: several classes, flags, one call old enough to be loud, units out.
    const d = await login(server, 'dispatcher');
    const at = (lon: number, lat: number) => ({ lon, lat });
    const calls = [
      callBody({ clinicalClass: 'critical', age: 88, riskTier: 'red', address: '浒山街道 新城大道北路 300号', complaint: '意识不清, SpO2 80%', ...at(121.26, 30.18) }),
      callBody({ clinicalClass: 'severe', age: 72, riskTier: 'yellow', flags: { nursingHome: true, pregnant: false }, address: '观海卫镇 卫山路 5号 敬老院', ...at(121.43, 30.17) }),
      callBody({ clinicalClass: 'common', age: 31, flags: { nursingHome: false, pregnant: true }, address: '周巷镇 兴业路 12号', complaint: '孕 32 周, 发热 39 度', ...at(121.16, 30.2) }),
      callBody({ clinicalClass: 'mild', age: 45, riskTier: 'green', address: '坎墩街道 坎中路 7号', complaint: '咳嗽, 咽痛', ...at(121.22, 30.23) }),
      callBody({ clinicalClass: 'common', age: 67, address: '龙山镇 龙山大道 18号', complaint: '胸闷气促', ...at(121.53, 30.18) }),
    ];
    const created = [];
    for (const [i, c] of calls.entries()) {
      shiftMs = i === 1 ? 14 * 60_000 : i === 2 ? 6 * 60_000 : 0;
      created.push((await d.post('/api/calls', c)).body as { id: number });
    }
    shiftMs = 0;
    // One call under way; 22 units out of service and a centre that wants 45 free: the low-availability banner shows.
    const first = created[0];
    if (first) {
      const s = await d.get(`/api/calls/${first.id}/suggestions`);
      await d.post(`/api/calls/${first.id}/assign`, { unitId: s.body.units[0].unitId, hospitalId: s.body.hospitals[0].hospitalId });
    }
    for (let id = 40; id <= 61; id++) await d.post(`/api/units/${id}/status`, { status: 'out_of_service' });
    await (await login(server, 'admin')).put('/api/settings/thresholds', { minFreeUnits: 45 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('dispatch screen, intake open, assign panel open, help: no serious violation (zh-CN and en)', async () => {
    const { page, context } = await openSeat(browser, server, 'dispatcher', { lang: 'zh-CN' });
    await page.getByTestId('queue-row').first().waitFor();
    await mapDrawn(page);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.keyboard.press('n');
    await page.getByTestId('intake-form').waitFor();
    await page.getByTestId('intake-submit').click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dispatch-intake-errors-zh');
    await page.keyboard.press('Escape');

    await page.getByTestId('queue-row').first().click();
    await page.getByTestId('hospital-choice').first().waitFor();
    await page.waitForTimeout(1000);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dispatch-assign-zh');

    await page.locator('body').click({ position: { x: 5, y: 880 } });
    await page.keyboard.press('?');
    await page.getByTestId('help-overlay').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dispatch-help');
    await context.close();

    const en = await openSeat(browser, server, 'dispatcher', { lang: 'en' });
    await en.page.getByTestId('queue-row').first().click();
    await en.page.getByTestId('hospital-choice').first().waitFor();
    await mapDrawn(en.page);
    expect(await seriousA11yViolations(en.page)).toEqual([]);
    fs.mkdirSync(DOCS, { recursive: true });
    await en.page.screenshot({ path: path.join(DOCS, 'dispatch.png') });
    await en.context.close();
  });

  it('wall display: read-only, dark, large type, no serious violation', async () => {
    const { page, context } = await openSeat(browser, server, 'dispatcher', { lang: 'zh-CN', path: '/wall', viewport: { width: 1920, height: 1080 } });
    await page.getByTestId('wall-page').waitFor();
    await page.getByTestId('queue-row').first().waitFor();
    await mapDrawn(page);
    // Nothing on the wall can be clicked to change anything.
    expect(await page.locator('.wall button.queue-row, .wall [data-testid="assign-button"]').count()).toBe(0);
    expect(await page.getByTestId('low-availability').isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'wall');
    fs.mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: path.join(DOCS, 'wall.png') });
    await context.close();
  });
});
