/**
 * The dispatch map in a surge night: 300 open calls and the 64-unit fleet. Every critical call is drawn
 * on its own; every critical-care unit is drawn on its own or in a bubble that counts it; the other
 * calls gather into bubbles whose counts add up; no label lies over another label or a symbol; a bubble
 * opens when clicked. Read from what the map drew (its scene hook), not from pixels or fonts.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom, type Call, type ClinicalClass, type Unit } from '@dispatch/shared';
import { openSeat, screenshot, seriousA11yViolations, useE2E } from './harness.ts';
import { labelProblems, readMapScene } from './mapScene.ts';
import { callBody, login } from '../server/test/harness.ts';

/** Where Cixi's callers are: round its towns, most in the urban belt. */
const CENTRES: [number, number][] = [
  [121.255, 30.172],
  [121.148, 30.186],
  [121.418, 30.152],
  [121.533, 30.174],
  [121.222, 30.195],
  [121.3, 30.12],
  [121.35, 30.26],
];
const CLASSES: [ClinicalClass, number][] = [
  ['critical', 0.08],
  ['severe', 0.2],
  ['common', 0.4],
  ['mild', 0.22],
  ['asymptomatic', 0.1],
];

describe('dispatch map in a surge: 300 calls, 64 units', () => {
  const e2e = useE2E();

  it('keeps every critical call and critical-care unit in sight, bubbles the rest, and no label covers another', async () => {
    const { server, browser } = e2e;
    const api = await login(server, 'dispatcher');
    const rand = seededRandom(300);
    const pick = (): ClinicalClass => {
      let r = rand();
      for (const [c, p] of CLASSES) if ((r -= p) < 0) return c;
      return 'common';
    };
    for (let batch = 0; batch < 15; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const [lon, lat] = CENTRES[Math.floor(rand() * CENTRES.length)] ?? [121.255, 30.172];
          const n = batch * 20 + i;
          return api.post('/api/calls', callBody({ clinicalClass: pick(), lon: lon + (rand() - 0.5) * 0.06, lat: lat + (rand() - 0.5) * 0.04, callerPhone: `139${String(10_000_000 + n)}`, address: `浒山街道 测试路 ${n + 1}号` }));
        }),
      );
      expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
    }
    const calls = (await api.get('/api/calls')).body as Call[];
    const open = calls.filter((c) => c.status !== 'closed' && c.status !== 'cancelled');
    expect(open.length).toBeGreaterThanOrEqual(300);
    const critical = open.filter((c) => c.clinicalClass === 'critical').map((c) => c.id);
    expect(critical.length).toBeGreaterThan(10);
    const units = (await api.get('/api/units')).body as Unit[];
    expect(units).toHaveLength(64);
    const criticalCare = new Set(units.filter((u) => u.kind === 'critical_care').map((u) => u.id));

    const seat = await openSeat(browser, server, 'dispatcher');
    e2e.seats.push(seat);
    const { page, errors } = seat;
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
    // The sign-in page's own probe of the session (401 before the seat signs in) is not this test's.
    errors.splice(0);
    // Drawn once the snapshot's calls and the fleet are on the map.
    await expect
      .poll(async () => {
        const s = await readMapScene(page).catch(() => null);
        return s ? s.singleCalls.length + Object.values(s.callClusterMembers).reduce((n, m) => n + m.length, 0) : 0;
      }, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(open.length);
    await page.waitForTimeout(600);
    const scene = await readMapScene(page);

    // Every critical call on its own; the bubbles hold every other call exactly once and count it.
    expect(critical.filter((id) => !scene.singleCalls.includes(id))).toEqual([]);
    const bubbled = Object.values(scene.callClusterMembers).flat();
    expect(bubbled.filter((id) => critical.includes(id))).toEqual([]);
    expect(new Set([...bubbled, ...scene.singleCalls]).size).toBe(open.length);
    expect(scene.callClusters.length).toBeGreaterThan(3);
    const severe = new Set(open.filter((c) => c.clinicalClass === 'severe').map((c) => c.id));
    for (const c of scene.callClusters) {
      const members = scene.callClusterMembers[c.clusterId] ?? [];
      expect(c.count).toBe(members.length);
      expect(c.severe).toBe(members.filter((id) => severe.has(id)).length);
    }

    // Every critical-care unit on its own or in a bubble whose badge counts it.
    const single = new Set(scene.units.map((u) => u.id));
    const inBubble = new Map<number, (typeof scene.unitClusters)[number]>();
    for (const c of scene.unitClusters) {
      for (const id of c.members) inBubble.set(id, c);
      expect(c.criticalCare, `bubble of ${c.members.join(',')}`).toBe(c.members.filter((id) => criticalCare.has(id)).length);
      expect(c.count).toBe(c.members.length);
    }
    for (const id of criticalCare) expect(single.has(id) || (inBubble.get(id)?.criticalCare ?? 0) > 0, `critical-care unit ${id}`).toBe(true);

    // Labels: none over another or over a symbol; the major hospitals are all named.
    expect(labelProblems(scene)).toEqual([]);
    expect(scene.labels.filter((l) => l.id.startsWith('hospital:')).length).toBeGreaterThanOrEqual(7);
    await screenshot(page, 'dispatch-map-surge');

    // A call bubble opens: clicking it zooms the map in and its calls come apart.
    const before = await page.evaluate(() => (document.querySelector('[data-testid="city-map"]') as HTMLElement & { maplibre: { getZoom(): number } }).maplibre.getZoom());
    const biggest = [...scene.callClusters].sort((a, b) => b.count - a.count)[0];
    if (!biggest) throw new Error('no call bubble');
    const box = await page.getByTestId('city-map').boundingBox();
    if (!box) throw new Error('map not laid out');
    // A unit bubble may sit on the call bubble's centre; click a free point of its disc.
    const free = [[0, 0], [6, 0], [-6, 0], [0, 6], [0, -6]].map(([dx, dy]) => [biggest.x + (dx ?? 0), biggest.y + (dy ?? 0)] as const).find(([x, y]) => scene.units.every((u) => Math.hypot(u.x - x, u.y - y) > 14) && scene.unitClusters.every((u) => Math.hypot(u.x - x, u.y - y) > 18)) ?? [biggest.x, biggest.y];
    await page.mouse.click(box.x + free[0], box.y + free[1]);
    await expect.poll(() => page.evaluate(() => (document.querySelector('[data-testid="city-map"]') as HTMLElement & { maplibre: { getZoom(): number; isMoving(): boolean } }).maplibre.getZoom()), { timeout: 5_000 }).toBeGreaterThan(before + 0.5);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
