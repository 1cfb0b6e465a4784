/**
 * The command group's story in real Chromium: the demo simulator runs, the surge switch is thrown,
 * the load multiple climbs on the dashboard and the load alert appears live; it is acknowledged by
 * name; the day's CSV downloads and parses.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openSeat, screenshot, seriousA11yViolations, startE2EServer } from './harness.ts';
import { login, type TestServer } from '../server/test/harness.ts';
import { parseCsv } from '../server/test/command/csv.ts';
import { startSimulator, type Simulator } from '../server/src/demo/simulator.ts';

describe('command dashboard: surge switch → load multiple rises → alert live → CSV export', () => {
  let server: TestServer;
  let browser: Browser;
  let sim: Simulator;
  beforeAll(async () => {
    // The monitor checks every second here, and right after each change.
    server = await startE2EServer({ env: { ALERT_MONITOR: 'on', ALERT_MONITOR_INTERVAL_MS: '1000' } });
    const command = await login(server, 'command');
    // Baseline 10 calls/h, alert at 2x. At 30x speed the simulator brings a call every ~3 s normally and
    // ~1.7 a second in the surge (5x): the surge passes 20 calls in the hour within seconds, normal traffic does not.
    expect((await command.put('/api/settings/thresholds', { baselineCallsPerHour: 10, loadMultiple: 2 })).status).toBe(200);
    sim = startSimulator({ baseUrl: server.url, env: server.ctx.env, log: server.app.log, seed: 120, speedup: 30, warmUp: { calls: 0, dispatched: 0 } });
    server.ctx.demo = sim;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await sim?.stop();
    await browser?.close();
    await server?.close();
  });

  it('the surge switch raises the load multiple and the load alert appears live; the CSV export downloads and parses', async () => {
    const { page, context, errors } = await openSeat(browser, server, 'command');
    await page.getByTestId('command-page').waitFor();
    const tile = page.getByTestId('tile-load');
    await tile.waitFor();
    const before = Number(await tile.getAttribute('data-value'));
    expect(before).toBeLessThan(2);
    await page.getByTestId('chart-calls').locator('canvas').waitFor();

    const surge = page.getByTestId('surge-switch');
    await expect(surge.getAttribute('aria-checked')).resolves.toBe('false');
    await surge.click();
    await page.getByTestId('surge-switch').and(page.locator('[aria-checked="true"]')).waitFor();
    expect(sim.get()).toEqual({ surge: true });

    // The tile follows the calls as they come in (no reload): at 2x it turns amber.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="tile-load"]')?.getAttribute('data-value')) >= 2, null, { timeout: 60_000 });
    await expect(tile.getAttribute('data-level')).resolves.not.toBe('ok');
    const alert = page.locator('[data-testid="alert-row"][data-kind="load_multiple"]');
    await alert.waitFor({ timeout: 15_000 });
    await screenshot(page, 'command-surge');

    await alert.getByTestId('alert-ack').click();
    await expect(alert.getByTestId('alert-acked').textContent()).resolves.toContain('张强');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^120-dispatch-daily-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = await download.path();
    const rows = parseCsv(fs.readFileSync(file, 'utf8'));
    expect(rows.length).toBeGreaterThanOrEqual(28);
    const city = rows[0];
    expect(city?.scope).toBe('city');
    expect(Number(city?.calls_emergency)).toBeGreaterThanOrEqual(20);
    expect(Number(city?.peak_load_multiple)).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.scope === 'hospital')).toHaveLength(27);

    expect(await seriousA11yViolations(page)).toEqual([]);

    // The printable report of the same day, in a tab of its own, in Chinese.
    const report = await context.newPage();
    await report.addInitScript(() => localStorage.setItem('lang', 'zh-CN'));
    await report.goto(`${server.url}/command/report?day=${city?.day ?? ''}`);
    await report.getByTestId('report-page').waitFor();
    await expect(report.locator('h1').textContent()).resolves.toContain('日报');
    expect(Number(await report.getByTestId('report-calls').textContent())).toBeGreaterThanOrEqual(Number(city?.calls_emergency));
    await screenshot(report, 'command-report');
    await report.close();

    await page.getByTestId('surge-switch').click();
    await page.getByTestId('surge-switch').and(page.locator('[aria-checked="false"]')).waitFor();
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await context.close();
  });
});
