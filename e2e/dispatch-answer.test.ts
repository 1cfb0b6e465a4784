/**
 * Answering the phone on the dispatcher screen, in real Chromium: the dispatcher signs into a seat in the top
 * bar; the telephony gateway reports two callers ringing; the screen counts them, the longest ring turns red
 * past 10 s and the repeat caller is flagged; F4 answers the longest-waiting one and intake opens with the
 * number, the network location pinned on the map inside its accuracy circle and the caller's history; the call
 * is taken and a unit sent. The second caller, an advice call, is closed with two keys: Alt+A, Enter.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSeat, screenshot, seriousA11yViolations, useE2E } from './harness.ts';
import { login } from '../server/test/harness.ts';

const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();

/** The map's rendered layers at a coordinate, found by projecting it (not by reading pixels). */
async function layersAt(page: Page, lon: number, lat: number): Promise<string[]> {
  return page.evaluate(([x, y]) => {
    type Hooks = HTMLElement & { maplibre?: { project: (p: [number, number]) => { x: number; y: number }; queryRenderedFeatures: (p: [number, number], o: { layers: string[] }) => { layer: { id: string } }[] } };
    const el = document.querySelector('[data-testid="city-map"]') as Hooks | null;
    const m = el?.maplibre;
    if (!m) return [];
    const p = m.project([x, y]);
    return m.queryRenderedFeatures([p.x, p.y], { layers: ['pin', 'accuracy-fill'] }).map((f) => f.layer.id);
  }, [lon, lat] as [number, number]);
}

/** A point `m` metres east of (lon, lat). */
const east = (lon: number, lat: number, m: number): [number, number] => [lon + m / (111_320 * Math.cos((lat * Math.PI) / 180)), lat];

describe('dispatch screen: answering the phone', () => {
  const e2e = useE2E();

  // Each run on lines of its own: a line's events are one history, and the first run's hang-ups would end the second's rings.
  for (const { lang, viewport, tag, lines } of [
    { lang: 'en' as const, viewport: { width: 1920, height: 1080 }, tag: 'en-1920', lines: [3, 4] as const },
    { lang: 'zh-CN' as const, viewport: { width: 1366, height: 768 }, tag: 'zh-1366', lines: [5, 6] as const },
  ]) {
    const [longLine, shortLine] = lines;
    it(`a line rings, the dispatcher at a seat answers with F4, intake opens with the number and the location on the map, the call is assigned; a second caller is closed as advice with Alt+A, Enter (${tag})`, async () => {
      const { server, browser } = e2e;
      const cti = await login(server, 'cti-gateway');
      const other = await login(server, 'dispatcher2');
      const run = randomUUID().slice(0, 6);
      const repeatNumber = `1390574${String(Math.floor(Math.random() * 9000) + 1000)}`;
      const adviceNumber = `1370574${String(Math.floor(Math.random() * 9000) + 1000)}`;
      const where = { lon: 121.2466, lat: 30.1729 };
      // The repeat caller rang this morning: advice given.
      expect((await other.post('/api/calls', { callerPhone: repeatNumber, address: '浒山街道 北二环', ...where, complaint: '发热咨询', clinicalClass: 'mild', closeAs: 'advice' })).status).toBe(201);

      const { page, context, errors } = await openSeat(browser, server, 'dispatcher', { viewport, lang, path: '/dispatch' });
      await page.getByTestId('dispatch-page').waitFor();
      await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
      errors.splice(0);

      // Seat sign-in in the top bar; the browser remembers the seat.
      const seat = page.getByTestId('seat-control');
      await page.getByTestId('seat-select').selectOption('2');
      await page.getByTestId('seat-sign-in').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="seat-control"]')?.getAttribute('data-state') === 'ready');
      await expect(seat.getAttribute('data-seat')).resolves.toBe('2');
      await expect(page.evaluate(() => localStorage.getItem('dispatch.lastSeat'))).resolves.toBe('2');

      // Two callers ring: the repeat caller for 12 s (carrier estimate, ±400 m), a new one for 4 s (handset fix).
      const ring = (line: number, s: number, callerNumber: string, location: Record<string, unknown> | null) => ({ eventId: `${run}-${line}-ring`, lineId: line, kind: 'ringing', at: ago(s), callerNumber, location });
      expect((await cti.post('/api/telephony/events', { events: [ring(longLine, 12, repeatNumber, { ...where, accuracyM: 400, source: 'carrier' }), ring(shortLine, 4, adviceNumber, { lon: 121.27, lat: 30.17, accuracyM: 40, source: 'handset' })] })).status).toBe(200);
      await page.waitForFunction(() => document.querySelector('[data-testid="ringing-count"]')?.getAttribute('data-count') === '2', null, { timeout: 10_000 });
      // Past the 10 s target the longest ring is red; it ticks on without a push.
      await expect(page.getByTestId('ringing-longest').getAttribute('data-late')).resolves.toBe('true');
      const first = await page.getByTestId('ringing-longest').textContent();
      await page.waitForFunction((t) => document.querySelector('[data-testid="ringing-longest"]')?.textContent !== t, first, { timeout: 5000 });
      await page.locator(`[data-testid="ringing-row"][data-line="${longLine}"][data-repeat="true"]`).waitFor({ timeout: 10_000 });
      await expect(page.locator(`[data-testid="ringing-row"][data-line="${shortLine}"]`).getAttribute('data-repeat')).resolves.toBeNull();
      await screenshot(page, `dispatch-answer-ringing-${tag}`);

      // F4: the longest-waiting caller, intake filled from the line.
      await page.keyboard.press('F4');
      const form = page.getByTestId('intake-form');
      await form.waitFor();
      await expect(page.getByTestId('answered-number').textContent()).resolves.toBe(repeatNumber);
      await expect(form.getByLabel(lang === 'en' ? 'Caller phone' : '来电号码').inputValue()).resolves.toBe(repeatNumber);
      await page.getByTestId('caller-repeat').waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid="seat-control"]')?.getAttribute('data-state') === 'on_call');
      // The caller's point is pinned, inside its accuracy circle of 400 m: in at 300 m east, out at 550 m.
      await expect.poll(() => layersAt(page, where.lon, where.lat), { timeout: 10_000 }).toEqual(expect.arrayContaining(['pin', 'accuracy-fill']));
      await expect.poll(() => layersAt(page, ...east(where.lon, where.lat, 300)), { timeout: 5000 }).toContain('accuracy-fill');
      await expect(layersAt(page, ...east(where.lon, where.lat, 550))).resolves.not.toContain('accuracy-fill');
      await screenshot(page, `dispatch-answer-intake-${tag}`);
      await page.waitForFunction(() => document.querySelector('[data-testid="ringing-count"]')?.getAttribute('data-count') === '1');

      // The dispatcher corrects the address, types the complaint and class, takes the call and sends a unit.
      await form.getByRole('combobox').fill('浒山街道 北二环路 18号');
      await form.getByLabel(lang === 'en' ? 'Complaint' : '主诉').fill('高热 39.8, 胸闷');
      await form.getByRole('radio', { name: lang === 'en' ? 'Common' : '普通型' }).check();
      await page.keyboard.press('Control+Enter');
      const panel = page.getByTestId('call-panel');
      await panel.getByTestId('unit-choice').first().waitFor();
      const callId = Number(await panel.getAttribute('data-call-id'));
      await page.keyboard.press('Enter');
      await panel.getByTestId('call-status').and(page.locator('[data-status="unit_assigned"]')).waitFor();
      const taken = (await other.get(`/api/calls/${callId}`)).body.call;
      expect(taken).toMatchObject({ callerPhone: repeatNumber, lon: where.lon, lat: where.lat, address: '浒山街道 北二环路 18号' });
      // Intake done: the seat is in wrap-up, ready for the next caller.
      await page.waitForFunction(() => document.querySelector('[data-testid="seat-control"]')?.getAttribute('data-state') === 'wrap_up');

      // The second caller: an advice call, closed with two keys after the answer.
      await page.keyboard.press('F4');
      await page.waitForFunction((n) => document.querySelector('[data-testid="answered-number"]')?.textContent === n, adviceNumber);
      await page.getByTestId('caller-first-time').waitFor();
      await page.keyboard.press('Alt+KeyA');
      await page.getByTestId('intake-close-confirm').waitFor();
      await screenshot(page, `dispatch-answer-advice-${tag}`);
      await page.keyboard.press('Enter');
      await page.getByTestId('intake-done').waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid="seat-control"]')?.getAttribute('data-state') === 'wrap_up');
      const calls = (await other.get('/api/calls')).body as { callerPhone: string; status: string; outcome: string | null }[];
      expect(calls.find((c) => c.callerPhone === adviceNumber)).toMatchObject({ status: 'closed', outcome: 'advice' });
      await expect(page.getByTestId('ringing-count').getAttribute('data-count')).resolves.toBe('0');

      // The PBX reports both calls over.
      for (const line of lines) expect((await cti.post('/api/telephony/events', { events: [{ eventId: `${run}-${line}-end`, lineId: line, kind: 'ended', at: new Date().toISOString(), callerNumber: line === longLine ? repeatNumber : adviceNumber }] })).status).toBe(200);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      // Leave the seat for the next run.
      await page.getByTestId('seat-ready').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="seat-control"]')?.getAttribute('data-state') === 'ready');
      await page.getByTestId('seat-sign-out').click();
      await page.getByTestId('seat-sign-in').waitFor();
      await context.close();
    }, 90_000);
  }
});
