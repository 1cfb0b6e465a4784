/**
 * Two things a dispatcher does with the mouse on the dispatch screen: click a unit drawn on the map to
 * open it in the units panel (the map's own hit-testing on the unit overlay), and acknowledge a
 * command-group alert from the alert strip, with their name shown to every seat (the wall only shows it).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Unit } from '@dispatch/shared';
import { openSeat, screenshot, seriousA11yViolations, useE2E } from './harness.ts';
import { login } from '../server/test/harness.ts';

/** Where the map draws each unit now, in CSS pixels of the map element. */
async function drawnUnitPixels(page: Page, ids: number[]): Promise<Map<number, [number, number]>> {
  const points = await page.evaluate((unitIds) => {
    type Hooks = HTMLElement & { unitDrawnAt?: (id: number) => [number, number] | null; maplibre?: { project: (p: [number, number]) => { x: number; y: number } } };
    const el = document.querySelector('[data-testid="city-map"]') as Hooks | null;
    const out: [number, number, number][] = [];
    for (const id of unitIds) {
      const at = el?.unitDrawnAt?.(id);
      const p = at && el?.maplibre?.project(at);
      if (p) out.push([id, p.x, p.y]);
    }
    return out;
  }, ids);
  return new Map(points.map(([id, x, y]) => [id, [x, y]]));
}

describe('dispatch screen: map unit click and alert acknowledgement', () => {
  const e2e = useE2E({ env: { ALERT_MONITOR: 'on', ALERT_MONITOR_INTERVAL_MS: '1000' } });
  const { seats } = e2e;

  const seat = async (username: string, path: string, ready: string) => {
    const s = await openSeat(e2e.browser, e2e.server, username, { path });
    await s.page.getByTestId(ready).waitFor();
    await s.page.getByTestId('connection-status').and(s.page.locator('[data-status="live"]')).or(s.page.getByTestId('wall-page')).first().waitFor();
    s.errors.splice(0);
    seats.push(s);
    return s;
  };

  it('clicking a unit on the map opens it in the units panel', async () => {
    const api = await login(e2e.server, 'dispatcher');
    const units = (await api.get('/api/units')).body as Unit[];
    const { page } = await seat('dispatcher', '/dispatch', 'dispatch-page');
    const map = page.getByTestId('city-map');
    const box = await map.boundingBox();
    if (!box) throw new Error('map not laid out');

    // Units stand in twos and threes at their stations. The AVL gateway moves one to an empty spot of
    // the map, so the click can only mean that unit.
    const unit = units.find((u) => u.status === 'available');
    if (!unit) throw new Error('no available unit');
    // The map has loaded and drawn the fleet before we look for room.
    await expect.poll(async () => (await drawnUnitPixels(page, units.map((u) => u.id))).size, { timeout: 10_000 }).toBeGreaterThan(0);
    const drawn = await drawnUnitPixels(page, units.map((u) => u.id));
    let spot: [number, number] | null = null;
    for (let gy = 0.3; gy <= 0.8 && !spot; gy += 0.05) {
      for (let gx = 0.3; gx <= 0.8 && !spot; gx += 0.05) {
        const p: [number, number] = [box.width * gx, box.height * gy];
        if ([...drawn.values()].every((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) > 40)) spot = p;
      }
    }
    if (!spot) throw new Error('no empty spot on the map');
    const [lon, lat] = await page.evaluate(([sx, sy]) => {
      const el = document.querySelector('[data-testid="city-map"]') as HTMLElement & { maplibre: { unproject: (p: [number, number]) => { lng: number; lat: number } } };
      const ll = el.maplibre.unproject([sx, sy]);
      return [ll.lng, ll.lat];
    }, spot);
    const gateway = await login(e2e.server, 'avl-gateway');
    expect((await gateway.post('/api/units/positions', { fixes: [{ unitId: unit.id, lon, lat, heading: 90, speedKmh: 0, at: Date.now() }] })).status).toBeLessThan(300);
    let at: [number, number] | undefined;
    await expect
      .poll(async () => {
        at = (await drawnUnitPixels(page, [unit.id])).get(unit.id);
        return at ? Math.hypot(at[0] - (spot?.[0] ?? 0), at[1] - (spot?.[1] ?? 0)) : Infinity;
      }, { timeout: 5000 })
      .toBeLessThan(1);
    const [x, y] = at ?? spot;

    // Nothing chosen yet; a click a little off the symbol's centre still picks it.
    expect(await page.getByTestId('unit-detail').count()).toBe(0);
    await map.click({ position: { x: x + 3, y: y - 2 } });
    const detail = page.getByTestId('unit-detail');
    await detail.waitFor();
    await expect(detail.locator('h3').textContent()).resolves.toContain(unit.callSign);
    await expect(page.getByTestId(`unit-row-${unit.callSign}`).getAttribute('class')).resolves.toContain('is-chosen');

  });

  it('a dispatcher acknowledges a command-group alert; every seat sees who, the wall has no button', async () => {
    const desk = seats[0] ?? (await seat('dispatcher', '/dispatch', 'dispatch-page'));
    const other = await seat('dispatcher2', '/dispatch', 'dispatch-page');
    const wall = await seat('dispatcher2', '/wall', 'wall-page');

    // The command group asks for more free units than the city has: the monitor raises "few units free".
    const command = await login(e2e.server, 'command');
    expect((await command.put('/api/settings/thresholds', { minFreeUnits: 1000 })).status).toBe(200);
    const item = (p: Page) => p.locator('[data-testid="alert-strip-item"][data-kind="low_units"]');
    await item(desk.page).waitFor({ timeout: 10_000 });
    await item(wall.page).waitFor();
    expect(await item(wall.page).getByTestId('alert-strip-ack').count()).toBe(0);

    expect(await seriousA11yViolations(desk.page)).toEqual([]);
    await item(desk.page).getByTestId('alert-strip-ack').click();
    for (const p of [desk.page, other.page, wall.page]) {
      await expect.poll(() => item(p).getByTestId('alert-strip-acked').textContent(), { timeout: 5000 }).toMatch(/acknowledged by 王丽 \d\d:\d\d/);
      expect(await item(p).getByTestId('alert-strip-ack').count()).toBe(0);
    }
    await screenshot(desk.page, 'dispatch-alert-acknowledged');

    // The server holds the name: the command group sees the same.
    const alerts = (await command.get('/api/alerts')).body as { kind: string; acknowledgedBy: string | null }[];
    expect(alerts.find((a) => a.kind === 'low_units')?.acknowledgedBy).toBe('王丽');
    expect(desk.errors.concat(other.errors, wall.errors)).toEqual([]);
  });
});
