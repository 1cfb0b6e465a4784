/**
 * A 1366x768 seat (a common laptop and the smallest screen a centre buys): with a call open, the call
 * panel has no sideways overflow, the first unit and hospital suggestions and the send button are on the
 * screen, hospital names are not squeezed out, and the map keeps a usable width. In both languages.
 */
import { describe, expect, it } from 'vitest';
import { openSeat, screenshot, useE2E } from './harness.ts';
import { callBody, login } from '../server/test/harness.ts';

describe('a 1366x768 seat', () => {
  const e2e = useE2E();

  it('shows the call, its suggestions and the send button without overflow', async () => {
    const { server, browser } = e2e;
    const api = await login(server, 'dispatcher');
    const call = (await api.post('/api/calls', callBody({ clinicalClass: 'severe', address: '浒山街道 孙塘北路 60号', callerPhone: '13900006060' }))).body as { id: number };

    for (const lang of ['en', 'zh-CN'] as const) {
      const { page, context } = await openSeat(browser, server, 'dispatcher', { lang, viewport: { width: 1366, height: 768 } });
      await page.locator(`[data-testid="queue-row"][data-call-id="${call.id}"]`).click();
      await page.getByTestId('hospital-choice').first().waitFor();
      const seen = await page.evaluate(() => {
        const inView = (el: Element | null) => {
          const r = el?.getBoundingClientRect();
          return r !== undefined && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
        };
        const panel = document.querySelector('.dispatch__panel');
        const names = Array.from(document.querySelectorAll('[data-testid="hospital-choice"] strong'));
        return {
          overflow: panel ? panel.scrollWidth - panel.clientWidth : -1,
          send: inView(document.querySelector('[data-testid="assign-button"]')),
          firstUnit: inView(document.querySelector('[data-testid="unit-choice"]')),
          firstHospitalTop: document.querySelector('[data-testid="hospital-choice"]')?.getBoundingClientRect().top ?? Infinity,
          // A name gets a cell of its own width to wrap in, not a sliver between ten columns.
          squeezedNames: names.filter((n) => n.scrollWidth > n.clientWidth + 1 || (n.closest('td')?.getBoundingClientRect().width ?? 0) < 200).map((n) => n.textContent),
          mapWidth: document.querySelector('[data-testid="city-map"]')?.getBoundingClientRect().width ?? 0,
        };
      });
      expect(seen.overflow, `${lang}: sideways overflow of the call panel (px)`).toBeLessThanOrEqual(0);
      expect(seen.send, `${lang}: send button on screen`).toBe(true);
      expect(seen.firstUnit, `${lang}: first unit on screen`).toBe(true);
      expect(seen.firstHospitalTop, `${lang}: first hospital starts on screen`).toBeLessThan(768 - 60);
      expect(seen.squeezedNames, `${lang}: hospital names squeezed`).toEqual([]);
      expect(seen.mapWidth).toBeGreaterThanOrEqual(560);
      await screenshot(page, `dispatch-1366-${lang}`);
      await context.close();
    }
  });
});
