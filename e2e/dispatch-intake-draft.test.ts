/**
 * Issue 15, point 1, "intake never loses work": a dispatcher halfway through a call clicks a hospital, a
 * unit and a call on the map (each sets the location, the form stays), presses Esc, looks at the units,
 * reloads the page, and still has every word typed; taking the call is what ends the draft.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Hospital, Unit } from '@dispatch/shared';
import { openSeat, screenshot, seriousA11yViolations, useE2E } from './harness.ts';
import { callBody, login } from '../server/test/harness.ts';

type Point = [number, number];

/** The map's view of some points: where each is drawn (CSS pixels of the map element) and what symbol layers are there. */
async function onMap(page: Page, points: Point[], layers: string[]) {
  return page.evaluate(
    ([pts, ls]) => {
      type Hooks = HTMLElement & {
        maplibre: { project(p: Point): { x: number; y: number }; queryRenderedFeatures(p: Point, o: { layers: string[] }): unknown[]; isMoving(): boolean; loaded(): boolean };
      };
      const el = document.querySelector('[data-testid="city-map"]') as Hooks;
      const m = el.maplibre;
      return {
        idle: m.loaded() && !m.isMoving(),
        size: [el.clientWidth, el.clientHeight] as Point,
        at: pts.map((p) => {
          const q = m.project(p);
          const px: Point = [Math.round(q.x), Math.round(q.y)];
          return { px, hits: m.queryRenderedFeatures(px, { layers: ls }).length };
        }),
      };
    },
    [points, layers] as [Point[], string[]],
  );
}

/** Where the overlay draws each unit now. */
async function unitsDrawn(page: Page, ids: number[]): Promise<Point[]> {
  return page.evaluate((unitIds) => {
    const el = document.querySelector('[data-testid="city-map"]') as HTMLElement & { unitDrawnAt: (id: number) => Point | null };
    return unitIds.map((id) => el.unitDrawnAt(id)).filter((p): p is Point => p !== null);
  }, ids);
}

const fmt = ([lon, lat]: Point) => `${lon.toFixed(5)}, ${lat.toFixed(5)}`;

describe('intake draft', () => {
  const e2e = useE2E();

  it('a dispatcher typing a call clicks a hospital, a unit and a call (each places the call there), presses Esc, looks at the units, reloads, and keeps the draft until the call is taken', async () => {
    const { server, browser } = e2e;
    const api = await login(server, 'dispatcher');
    // A call already on the map, where the dispatcher will click.
    const other = await api.post('/api/calls', callBody({ lon: 121.3, lat: 30.15, callerPhone: '13800000001' }));
    expect(other.status).toBeLessThan(300);
    const hospitals = (await api.get('/api/hospitals')).body as Hospital[];
    const units = (await api.get('/api/units')).body as Unit[];

    const seat = await openSeat(browser, server, 'dispatcher');
    e2e.seats.push(seat);
    const { page, errors } = seat;
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
    await page.waitForFunction(() => Boolean((document.querySelector('[data-testid="city-map"]') as (HTMLElement & { maplibre?: unknown }) | null)?.maplibre), null, { timeout: 15_000 });
    errors.splice(0);

    await page.keyboard.press('n');
    const form = page.getByTestId('intake-form');
    await form.waitFor();
    const phone = form.getByLabel('Caller phone');
    const address = form.getByRole('combobox', { name: 'Address' });
    const location = form.getByLabel(/^Location/);
    const complaint = form.getByLabel('Complaint');
    await phone.fill('13957401234');
    await address.fill('浒山街道 孙塘北路 7号');
    await complaint.fill('胸痛 半小时, 出汗');
    // The address named a town: the map eases there. Wait for it to stand still before aiming.
    await expect.poll(async () => (await onMap(page, [], [])).idle, { timeout: 5000 }).toBe(true);

    const box = await page.getByTestId('city-map').boundingBox();
    if (!box) throw new Error('map not laid out');
    // Away from the map's own controls, legend and hint in its corners and edges.
    const inMiddle = ([x, y]: Point, [w, h]: Point) => x > w * 0.15 && x < w * 0.85 && y > h * 0.15 && y < h * 0.85;

    const clickAndExpectLocation = async (what: string, px: Point) => {
      const [lon, lat] = await page.evaluate((p) => {
        const el = document.querySelector('[data-testid="city-map"]') as HTMLElement & { maplibre: { unproject(p: Point): { lng: number; lat: number } } };
        const ll = el.maplibre.unproject(p);
        return [ll.lng, ll.lat] as Point;
      }, px);
      await page.mouse.click(box.x + px[0], box.y + px[1]);
      // The point clicked, give or take the pixel the layout rounds to (~0.0005° is a few pixels; symbols are further apart).
      const off = async () => {
        const [x, y] = (await location.inputValue()).split(',').map(Number);
        return Math.max(Math.abs((x ?? 0) - lon), Math.abs((y ?? 0) - lat));
      };
      await expect.poll(off, { timeout: 3000, message: what }).toBeLessThan(0.0005);
      await expect(form.isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('hospital-card').count()).resolves.toBe(0);
      await expect(page.getByTestId('units-panel').count()).resolves.toBe(0);
      return (await location.inputValue()).split(',').map(Number) as Point;
    };

    // A hospital symbol with no unit standing on it (units are drawn on top and would take the click).
    const drawn = await unitsDrawn(page, units.map((u) => u.id));
    const uView = await onMap(page, drawn, []);
    const hView = await onMap(page, hospitals.map((h) => [h.lon, h.lat]), ['hospitals-symbol']);
    const clear = (p: Point) => uView.at.every((u) => Math.hypot(u.px[0] - p[0], u.px[1] - p[1]) > 30);
    const hospitalPx = hView.at.find((a) => a.hits > 0 && inMiddle(a.px, hView.size) && clear(a.px))?.px;
    if (!hospitalPx) throw new Error('no hospital symbol in view');
    await clickAndExpectLocation('hospital', hospitalPx);

    // A unit symbol, as the overlay draws it.
    const unitPx = uView.at.find((a) => inMiddle(a.px, uView.size) && Math.hypot(a.px[0] - hospitalPx[0], a.px[1] - hospitalPx[1]) > 10)?.px;
    if (!unitPx) throw new Error('no unit in view');
    await clickAndExpectLocation('unit', unitPx);

    // The other call's symbol.
    let callPx: Point | undefined;
    await expect
      .poll(async () => {
        const v = await onMap(page, [[121.3, 30.15]], ['calls-circle']);
        callPx = v.at[0] && v.at[0].hits > 0 && inMiddle(v.at[0].px, v.size) ? v.at[0].px : undefined;
        return Boolean(callPx);
      }, { timeout: 5000 })
      .toBe(true);
    if (!callPx) throw new Error('call symbol not drawn');
    const callAt = await clickAndExpectLocation('call', callPx);
    const placed = fmt(callAt);
    await screenshot(page, 'dispatch-intake-draft-placed');

    // Alt-click still inspects a symbol: the hospital opens, the draft waits.
    await page.keyboard.down('Alt');
    await page.mouse.click(box.x + hospitalPx[0], box.y + hospitalPx[1]);
    await page.keyboard.up('Alt');
    await page.getByTestId('hospital-card').waitFor();
    const cue = page.getByTestId('draft-cue');
    await cue.waitFor();
    const newCallTab = page.getByRole('button', { name: /^New call\s*draft/ });
    await newCallTab.click();

    const expectDraft = async (when: string) => {
      await form.waitFor();
      await expect(phone.inputValue(), when).resolves.toBe('13957401234');
      await expect(address.inputValue(), when).resolves.toBe('浒山街道 孙塘北路 7号');
      await expect(complaint.inputValue(), when).resolves.toBe('胸痛 半小时, 出汗');
      await expect(location.inputValue(), when).resolves.toBe(placed);
    };
    await expectDraft('after inspecting a hospital');

    // Esc puts the form away; the tab says a draft waits.
    await complaint.focus();
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await cue.waitFor();
    await page.keyboard.press('n');
    await expectDraft('after Esc');

    // The units tab and back.
    await page.getByRole('button', { name: /^Units/ }).click();
    await page.getByTestId('units-panel').waitFor();
    await expect(form.count()).resolves.toBe(0);
    await newCallTab.click();
    await expectDraft('after the units tab');

    // A reload comes back to the form as it was.
    await page.reload();
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
    await expectDraft('after a reload');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Taking the call ends the draft.
    await form.getByLabel('Severe').check();
    await page.getByTestId('intake-submit').click();
    const panel = page.getByTestId('call-panel');
    await panel.waitFor();
    const call = await api.get(`/api/calls/${await panel.getAttribute('data-call-id')}`);
    expect(call.body.call).toMatchObject({ callerPhone: '13957401234', complaint: '胸痛 半小时, 出汗' });
    expect(fmt([call.body.call.lon, call.body.call.lat])).toBe(placed);
    await expect(cue.count()).resolves.toBe(0);
    await expect(page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('dispatch.intakeDraft:')))).resolves.toEqual([]);
    await page.reload();
    await page.getByTestId('dispatch-page').waitFor();
    await page.keyboard.press('n');
    await form.waitFor();
    await expect(phone.inputValue()).resolves.toBe('');
    await expect(location.inputValue()).resolves.toBe('');
    expect(errors).toEqual([]);
  });
});
