/**
 * The wall display read from 4 m: every text at least 24 px at 1920x1080 and twice that at 3840x2160,
 * nothing to click, the queue's vital signs in full, the legend beside the map rather than over it, and
 * the waiting calls in two columns on 4K, and no map label over another label or a symbol.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSeat, screenshot, useE2E } from './harness.ts';
import { callBody, login } from '../server/test/harness.ts';
import { labelProblems, readMapScene } from './mapScene.ts';

/** Every element that paints its own text, with its computed font size (visually hidden ones left out). */
async function textSizes(page: Page): Promise<{ text: string; px: number; cls: string }[]> {
  return page.evaluate(() => {
    const out: { text: string; px: number; cls: string }[] = [];
    const walker = document.createTreeWalker(document.querySelector('.wall') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim() ?? '';
      const el = n.parentElement;
      if (!text || !el) continue;
      const rect = el.getBoundingClientRect();
      // Visually hidden headings (for screen readers) are 1 px boxes; off-screen rows are not on the wall.
      if (rect.width <= 1 || rect.height <= 1 || rect.top >= window.innerHeight || rect.left >= window.innerWidth) continue;
      out.push({ text: text.slice(0, 30), px: parseFloat(getComputedStyle(el).fontSize), cls: el.className });
    }
    return out;
  });
}

describe('wall display', () => {
  const e2e = useE2E();

  it('is readable from 4 m at 1080p and at 4K, with nothing to click', async () => {
    const { server, browser } = e2e;
    const api = await login(server, 'dispatcher');
    const vital = '呼吸急促 35 次/分';
    const complaint = `发热五天，咳嗽咳痰，既往慢阻肺、高血压、糖尿病，近两天明显加重，家属诉胸闷，${vital}，指氧只有 86%`;
    for (const [i, clinicalClass] of (['critical', 'severe', 'common', 'mild'] as const).entries()) {
      const res = await api.post('/api/calls', callBody({ clinicalClass, complaint, address: `浒山街道 孙塘北路 ${40 + i}号`, callerPhone: `1390000000${i}` }));
      expect(res.status).toBe(201);
    }

    for (const [lang, viewport, minPx] of [
      ['zh-CN', { width: 1920, height: 1080 }, 24],
      ['en', { width: 1920, height: 1080 }, 24],
      ['zh-CN', { width: 3840, height: 2160 }, 48],
    ] as const) {
      const { page, context } = await openSeat(browser, server, 'dispatcher', { lang, path: '/wall', viewport });
      await page.getByTestId('wall-page').waitFor();
      await page.getByTestId('queue-row').first().waitFor();
      const sizes = await textSizes(page);
      expect(sizes.length).toBeGreaterThan(40);
      const small = sizes.filter((s) => s.px < minPx);
      expect(small, `${lang} ${viewport.width}: texts under ${minPx} px`).toEqual([]);

      // Nothing to click: no buttons, links or inputs anywhere on the wall.
      expect(await page.locator('.wall button, .wall a[href], .wall input, .wall select, .wall [tabindex]:not([tabindex="-1"])').count()).toBe(0);

      // The vital signs in full: the phrase is there whole and its box is not cut.
      const vitals = page.getByTestId('queue-vitals').first();
      await expect(vitals.textContent()).resolves.toContain(vital);
      expect(await vitals.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1)).toBe(true);

      // The legend is under the map, not over it.
      const map = await page.getByTestId('city-map').boundingBox();
      const legend = await page.getByTestId('map-legend').boundingBox();
      if (!map || !legend) throw new Error('map and legend');
      expect(legend.y).toBeGreaterThanOrEqual(map.y + map.height - 1);

      // The map's labels (hospital names, call signs, call ages, towns): none over another or a symbol,
      // each drawn at the wall's size (twice the seat's at 1080p, four times on 4K).
      await expect.poll(async () => (await readMapScene(page).catch(() => null))?.labels.length ?? 0, { timeout: 15_000 }).toBeGreaterThan(5);
      const scene = await readMapScene(page);
      expect(labelProblems(scene), `${lang} ${viewport.width}`).toEqual([]);
      expect(Math.min(...scene.labels.map((l) => l.box.maxY - l.box.minY))).toBeGreaterThanOrEqual(minPx);

      // Waiting calls: two columns on 4K (rows side by side), one at 1080p.
      const tops = await page.locator('.call-queue__group').first().getByTestId('queue-row').evaluateAll((rows) => rows.slice(0, 2).map((r) => Math.round(r.getBoundingClientRect().top)));
      if (viewport.width >= 2560) expect(tops[0]).toBe(tops[1]);
      else expect(tops[1]).toBeGreaterThan(tops[0] ?? 0);
      await screenshot(page, `wall-${lang}-${viewport.width}`);
      await context.close();
    }
  });
});
