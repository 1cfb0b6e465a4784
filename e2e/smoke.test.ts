import { describe, expect, it } from 'vitest';
import { openSeat, screenshot, useE2E } from './harness.ts';

describe('a dispatcher signs in and sees the live city', () => {
  const e2e = useE2E();

  it('signs in, lands on the dispatch screen and connects live', async () => {
    const { server, browser } = e2e;
    const seat = await openSeat(browser, server, 'dispatcher');
    expect(new URL(seat.page.url()).pathname).toBe('/dispatch');
    await seat.page.getByTestId('connection-status').and(seat.page.locator('[data-status="live"]')).waitFor();
    await seat.page.locator('.city-map canvas.maplibregl-canvas').waitFor();
    await seat.page.waitForTimeout(1500);
    await screenshot(seat.page, 'smoke-dispatch');
    await seat.context.close();
  });

  it('refuses a wrong password with a message', async () => {
    const { server, browser } = e2e;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel(/username|用户名/i).fill('dispatcher');
    await page.getByLabel(/password|密码/i).fill('wrong-password');
    await page.getByRole('button', { name: /sign in|登录/i }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/wrong|错误/);
    await context.close();
  });

  it('opens in the browser\'s language until the screen is told otherwise', async () => {
    const { server, browser } = e2e;
    for (const [locale, title] of [['en-GB', /sign in/i], ['zh-CN', /登录/]] as const) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      await page.getByRole('button', { name: title }).waitFor({ timeout: 10_000 });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale === 'en-GB' ? 'en' : 'zh-CN');
      await context.close();
    }
  });
});

