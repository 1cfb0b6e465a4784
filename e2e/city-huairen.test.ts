/**
 * Issue 11's "done when", in real Chromium: on a fresh database without the demo, `admin:create`, the admin
 * signs in and imports the Huairen bundle on the City tab, opens the accounts; a dispatcher works a call
 * end to end on Huairen's map, an asymptomatic patient who needs a bed going to the fangcang, whose nurse
 * accepts and takes the handover; the command screen holds the People's Hospital to Huairen's 10 % target
 * and the fleet to its norm.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ALL_BUNDLE_FILES, type Hospital } from '@dispatch/shared';
import { launchBrowser, openSeat, screenshot, seriousA11yViolations, startE2EServer, type Seat } from './harness.ts';
import { createTestDatabase, login, type TestServer } from '../server/test/harness.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const HUAIREN = path.join(ROOT, 'server/cities/huairen');
const VIEWPORT = { width: 1366, height: 768 };
const HUAIREN_CENTRE: [number, number] = [113.1, 39.83];
const CIXI_CENTRE: [number, number] = [121.27, 30.17];
const ADMIN = { username: 'chief', password: 'Huairen-120-desk-2026' };
const ACCOUNTS = {
  dispatcher: { username: 'disp.li', displayName: '调度员 李敏', role: 'dispatcher', password: 'Li-min-dispatch-0349' },
  command: { username: 'cmd.zhao', displayName: '指挥组 赵刚', role: 'command', password: 'Zhao-gang-command-0349' },
  nurse: { username: 'fc1.ed', displayName: '方舱一病区 护士长 陈芳', role: 'nurse', password: 'Chen-fang-ward1-0349' },
  // The ambulances' data terminals report their progress through the AVL gateway's account.
  gateway: { username: 'avl.hr', displayName: 'AVL gateway (Huairen)', role: 'gateway', password: 'Gateway-terminal-0349' },
} as const;

/** What the dispatcher's map shows: its bounds, and where a point is drawn (CSS pixels of the map element). */
async function mapView(page: Page, points: [number, number][]) {
  return page.evaluate((pts) => {
    type Bounds = { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number; contains(p: [number, number]): boolean };
    type Hooks = HTMLElement & { maplibre?: { getBounds(): Bounds; project(p: [number, number]): { x: number; y: number } } };
    const el = document.querySelector('[data-testid="city-map"]') as Hooks | null;
    const m = el?.maplibre;
    if (!el || !m) return null;
    const b = m.getBounds();
    return {
      bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
      contains: pts.map((p) => b.contains(p)),
      pixels: pts.map((p) => {
        const q = m.project(p);
        return [q.x, q.y] as [number, number];
      }),
      size: [el.clientWidth, el.clientHeight] as [number, number],
    };
  }, points);
}

describe('issue 11: a real centre loads Huairen and works it', () => {
  let server: TestServer;
  let browser: Browser;
  const seats: Seat[] = [];
  const seat = async (account: { username: string; password: string }, ready: string, lang: 'en' | 'zh-CN' = 'en') => {
    const s = await openSeat(browser, server, account.username, { viewport: VIEWPORT, password: account.password, lang });
    seats.push(s);
    await s.page.getByTestId(ready).waitFor();
    await s.page.getByTestId('connection-status').and(s.page.locator('[data-status="live"]')).waitFor();
    // The login page's "who am I?" answered 401 before signing in; only errors from here on count.
    s.errors.splice(0);
    return s;
  };

  beforeAll(async () => {
    const { url } = await createTestDatabase({ seeded: false });
    server = await startE2EServer({ databaseUrl: url });
    // The real CLI against the same database, the password on standard input as an operator pipes it.
    const cli = promisify(execFile)(TSX, ['server/src/admin/createAdminCli.ts', ADMIN.username], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' } });
    cli.child.stdin?.end(`${ADMIN.password}\n`);
    await cli;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of seats) await s.context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('admin:create → sign in → import Huairen → dispatcher takes an asymptomatic call to the fangcang → nurse hands over → command sees the 10 % target and the fleet norm', async () => {
    // The admin signs in through the login page and lands on the admin screen.
    const admin = await seat(ADMIN, 'admin-page');
    const page = admin.page;
    expect(new URL(page.url()).pathname).toBe('/admin');
    const tab = (name: string) => page.getByRole('tab', { name }).click();

    const createAccount = async (a: { username: string; displayName: string; role: string; password: string }, hospital?: string) => {
      await page.getByRole('button', { name: 'New account' }).click();
      const form = page.getByRole('form', { name: 'New account' });
      await form.getByLabel('Username').fill(a.username);
      await form.getByLabel('Name', { exact: true }).fill(a.displayName);
      await form.getByLabel('Password').fill(a.password);
      await form.getByLabel('Role').selectOption(a.role);
      if (hospital) await form.getByLabel('Hospital (nurses)').selectOption({ label: hospital });
      await form.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('status').filter({ hasText: `Saved ${a.username}` }).waitFor();
    };
    // The dispatcher's account first: her console, open before any city is loaded, says so on the map.
    await createAccount(ACCOUNTS.dispatcher);
    const desk = await seat(ACCOUNTS.dispatcher, 'dispatch-page');
    const dp = desk.page;
    await dp.locator('.city-map__no-city').getByText(/^No city is loaded\. An administrator imports one under Admin → City/).waitFor();

    // City tab: the bundle's files, as the folder holds them (demo.json is not a bundle file).
    await tab('City');
    const files = ALL_BUNDLE_FILES.map((f) => path.join(HUAIREN, f)).filter((f) => fs.existsSync(f));
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['city.json', 'outline.geojson', 'stations.csv', 'hospitals.csv', 'units.csv', 'places.csv']));
    await page.getByTestId('city-files').setInputFiles(files);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByTestId('city-report');
    await report.waitFor();
    await expect(report.textContent()).resolves.toMatch(/^Imported HuairenStations: 7 created, 0 updated, 0 unchangedHospitals: 18 created, 0 updated, 0 unchangedUnits: 15 created, 0 updated, 0 unchanged\d{3} places in the gazetteer$/);
    expect(await page.getByTestId('city-errors').count()).toBe(0);
    await screenshot(page, 'huairen-admin-import');

    // The dispatcher's map follows the import live: Huairen framed, Cixi nowhere in view, the notice gone.
    await dp.locator('.city-map__no-city').waitFor({ state: 'detached' });
    await expect.poll(async () => (await mapView(dp, [HUAIREN_CENTRE, CIXI_CENTRE]))?.contains, { timeout: 5000 }).toEqual([true, false]);
    const view = await mapView(dp, [HUAIREN_CENTRE]);
    const [west, south, east, north] = view?.bounds ?? [];
    // Framed on the city, not on the world: a view of about the city's size.
    expect((east ?? 0) - (west ?? 0)).toBeLessThan(2);
    expect((north ?? 0) - (south ?? 0)).toBeLessThan(1.5);

    // The other accounts; the nurse's hospital is the fangcang's ward 1, which the import just created.
    await tab('Accounts');
    await createAccount(ACCOUNTS.command);
    await createAccount(ACCOUNTS.gateway);
    // The English admin screen names hospitals in English.
    await createAccount(ACCOUNTS.nurse, "Huairen Fangcang (sub-designated) Hospital, Ward 1 (People's Hospital team)");
    await expect(page.getByTestId(`user-${ACCOUNTS.nurse.username}`).textContent()).resolves.toMatch(/ED charge nurse.*Huairen Fangcang \(sub-designated\) Hospital, Ward 1.*Active/);

    const dispatcherApi = await login(server, ACCOUNTS.dispatcher.username, 'bearer', ACCOUNTS.dispatcher.password);
    const gateway = await login(server, ACCOUNTS.gateway.username, 'bearer', ACCOUNTS.gateway.password);
    const hospitals = (await dispatcherApi.get<Hospital[]>('/api/hospitals')).body;
    const byId = new Map(hospitals.map((h) => [h.id, h]));
    const fangcang1 = hospitals.find((h) => h.code === 'HR-H04');
    if (!fangcang1) throw new Error('HR-H04 not imported');
    const nurse = await seat(ACCOUNTS.nurse, 'hospital-page');

    // A new call through the intake form: the village typed in pinyin, picked with the keyboard.
    await dp.getByTestId('new-call').click();
    const form = dp.getByTestId('intake-form');
    await form.getByLabel('Caller phone').fill('13835000120');
    const address = form.getByRole('combobox', { name: /^address/i });
    await address.fill('jinshatan');
    const options = form.getByRole('option');
    await options.first().waitFor();
    await expect(options.first().textContent()).resolves.toMatch(/^金沙滩镇/);
    await address.press('ArrowDown');
    await address.press('ArrowUp');
    await address.press('Enter');
    await expect(address.inputValue()).resolves.toBe('金沙滩镇');
    await form.getByText(/Location set to 金沙滩镇/).waitFor();
    const location = (await form.getByLabel(/^location/i).inputValue()).split(',').map(Number) as [number, number];
    expect(location[0]).toBeCloseTo(112.965, 3);
    expect(location[1]).toBeCloseTo(39.69, 3);
    // The place is on the dispatcher's map, inside what she sees.
    const at = await mapView(dp, [location]);
    const [px, py] = at?.pixels[0] ?? [-1, -1];
    const [w, h] = at?.size ?? [0, 0];
    expect(px).toBeGreaterThan(0);
    expect(px).toBeLessThan(w);
    expect(py).toBeGreaterThan(0);
    expect(py).toBeLessThan(h);
    await form.getByLabel('Complaint').fill('positive, lives alone, needs a bed');
    await form.getByLabel('Asymptomatic').check();
    // The seed's fangcang admits asymptomatic patients only when they need a bed (有住院需求).
    await form.getByLabel('Needs a bed (admission)').check();
    await form.getByLabel('Age').fill('46');
    await form.getByTestId('intake-submit').click();

    // Suggestions follow Huairen's rules: a fangcang ward first, only fangcang wards and isolation sites.
    const panel = dp.getByTestId('call-panel');
    await panel.locator('.chip--needs-bed').getByText('Needs a bed').waitFor();
    await panel.getByTestId('unit-choice').first().waitFor();
    await panel.getByTestId('hospital-choice').first().waitFor();
    const callId = Number(await panel.getAttribute('data-call-id'));
    const suggested = (await panel.getByTestId('hospital-choice').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-hospital-id'))))).map((id) => byId.get(id));
    expect(suggested.length).toBeGreaterThan(1);
    expect(['HR-H04', 'HR-H05']).toContain(suggested[0]?.code);
    expect(suggested.every((s) => s?.kind === 'fangcang' || s?.kind === 'isolation')).toBe(true);
    // The order of kinds decides, not the distance: the isolation site is nearer, yet comes after both wards.
    const ranked = (await dispatcherApi.get<{ hospitals: { hospitalId: number; factors: { travelMinutes: number } }[] }>(`/api/calls/${callId}/suggestions`)).body.hospitals;
    const travel = (kind: string) => Math.min(...ranked.filter((r) => byId.get(r.hospitalId)?.kind === kind).map((r) => r.factors.travelMinutes));
    expect(travel('isolation')).toBeLessThan(travel('fangcang'));
    expect(suggested.findIndex((s) => s?.kind === 'isolation')).toBe(2);
    // Her nurse is on ward 1: if ward 2 came first, take ward 1, the other fangcang ward (⇧ + its row number).
    let hospitalIdx = 0;
    if (suggested[0]?.code !== 'HR-H04') {
      hospitalIdx = suggested.findIndex((s) => s?.code === 'HR-H04');
      await panel.getByTestId('hospital-choice').nth(hospitalIdx).click();
    }
    await expect(panel.getByTestId('hospital-choice').nth(hospitalIdx).textContent()).resolves.toMatch(/Huairen Fangcang.*Ward 1.*Fangcang/s);
    const unitRow = panel.getByTestId('unit-choice').first();
    const unitId = Number(await unitRow.getAttribute('data-unit-id'));
    const callSign = ((await unitRow.locator('strong').textContent()) ?? '').trim();
    expect(callSign).toMatch(/^HR-\d\d$/);
    await screenshot(dp, 'huairen-dispatch-en');
    expect(await seriousA11yViolations(dp)).toEqual([]);

    // The same moment on a second seat in Chinese: the call from the queue, the same suggestions.
    const zh = await seat(ACCOUNTS.dispatcher, 'dispatch-page', 'zh-CN');
    await zh.page.locator(`[data-testid="queue-row"][data-call-id="${callId}"]`).click();
    await zh.page.getByTestId('hospital-choice').first().waitFor();
    await expect(zh.page.getByTestId('hospital-choice').first().textContent()).resolves.toMatch(/怀仁市方舱医院/);
    // Opening a call brings the map to it: the call's village in view, Cixi nowhere.
    await expect.poll(async () => (await mapView(zh.page, [location, CIXI_CENTRE]))?.contains).toEqual([true, false]);
    await screenshot(zh.page, 'huairen-dispatch-zh-CN');
    await zh.context.close();

    await expect(panel.getByTestId('assign-button').textContent()).resolves.toContain(`${callSign}`);
    await panel.getByTestId('assign-button').click();
    const status = (s: string) => panel.getByTestId('call-status').and(dp.locator(`[data-status="${s}"]`)).waitFor();
    await status('unit_assigned');
    const onCall = panel.getByTestId('on-call-row');
    await expect(onCall.textContent()).resolves.toMatch(new RegExp(`${callSign}.*Dispatched.*Huairen Fangcang.*Ward 1.*Pending`, 's'));
    const detail = (await dispatcherApi.get(`/api/calls/${callId}`)).body as { transports: { id: number; unitId: number; hospitalId: number }[] };
    expect(detail.transports).toMatchObject([{ unitId, hospitalId: fangcang1.id }]);
    const transportId = detail.transports[0]?.id;

    // The fangcang's nurse sees the patient coming and accepts; the dispatcher sees the acceptance.
    const inbound = nurse.page.locator(`[data-testid="inbound-row"][data-transport="${transportId}"]`);
    await inbound.waitFor();
    await expect(inbound.textContent()).resolves.toMatch(new RegExp(`${callSign}.*Asymptomatic.*positive, lives alone, needs a bed`, 's'));
    await inbound.getByRole('button', { name: 'Accept' }).click();
    await onCall.getByText('Accepted', { exact: true }).waitFor();

    // HR-xx units carry a data terminal, so the dispatcher's console offers no status buttons for them: the
    // crew's terminal (through the AVL gateway) reports each step, and the dispatcher sees the call and the unit follow.
    const terminal = async (to: 'en_route' | 'on_scene' | 'transporting' | 'at_hospital', label: string) => {
      expect((await gateway.post(`/api/units/${unitId}/status`, { status: to })).status).toBe(200);
      await status(to);
      await expect(panel.getByTestId('call-status').textContent()).resolves.toBe(label);
      await expect.poll(() => onCall.locator('.status-chip').textContent()).toBe(label);
    };
    await terminal('en_route', 'En route');
    await terminal('on_scene', 'On scene');
    await terminal('transporting', 'Transporting');
    await terminal('at_hospital', 'At hospital');
    // At the door: one click hands the patient over; the call closes, the unit heads back and is free again.
    const door = nurse.page.locator(`[data-testid="door-row"][data-transport="${transportId}"]`);
    await door.getByRole('button', { name: 'Handover' }).click();
    await door.waitFor({ state: 'detached' });
    await status('closed');
    expect(await dp.locator(`[data-testid="queue-row"][data-call-id="${callId}"]`).count()).toBe(0);
    expect((await gateway.post(`/api/units/${unitId}/status`, { status: 'available' })).status).toBe(200);
    await expect(panel.getByTestId('call-status').textContent()).resolves.toBe('Closed');
    await dp.keyboard.press('Escape');
    await dp.getByTestId('units-panel').getByLabel('Call sign').fill(callSign);
    const unitLine = dp.getByTestId(`unit-row-${callSign}`);
    await unitLine.and(dp.locator('[data-status="available"]')).waitFor();
    await unitLine.getByRole('button', { name: callSign }).click();
    const unitCard = dp.getByTestId('unit-detail');
    await expect(unitCard.getAttribute('data-status')).resolves.toBe('available');
    // The terminal unit's card: only "out of service" is the console's to set.
    await expect(unitCard.locator('[data-testid^="unit-status-"]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid')))).resolves.toEqual(['unit-status-out_of_service']);
    await expect.poll(() => nurse.page.getByTestId('today-handovers').textContent(), { timeout: 5000 }).toBe('1');

    expect(await seriousA11yViolations(dp)).toEqual([]);

    // The command group: Huairen's 10 % severe-care bed target for the People's Hospital, the fleet against its norm.
    const command = await seat(ACCOUNTS.command, 'command-page');
    const h01 = command.page.getByTestId('pressure-HR-H01');
    await h01.waitFor();
    // 60 severe-care beds of 600 treatment beds: 10.0 %, on target.
    await expect(h01.locator('td').nth(2).textContent()).resolves.toBe('10.0% / 10% severe-care beds ✓');
    await expect(h01.locator('th').textContent()).resolves.toMatch(/Huairen People's Hospital/);
    // On a 1366-wide screen the target is in view, not behind the table's horizontal scroll.
    const clipped = await h01.locator('td').nth(2).evaluate((cell) => {
      const region = cell.closest('.cmd-scroll');
      return region ? cell.getBoundingClientRect().right - region.getBoundingClientRect().right : Infinity;
    });
    expect(clipped).toBeLessThanOrEqual(0);
    const fleet = command.page.getByTestId('tile-fleet');
    // 348,500 residents at one ambulance per 30,000: 12 required, 15 in the fleet.
    await expect(fleet.locator('.cmd-tile__value').textContent()).resolves.toBe('15/12');
    await expect(fleet.locator('.cmd-tile__detail').textContent()).resolves.toBe('norm: 1 ambulance per 30,000 residents (348,500)');
    expect(await fleet.getAttribute('data-level')).toBe('ok');
    await screenshot(command.page, 'huairen-command');
    await h01.scrollIntoViewIfNeeded();
    await screenshot(command.page, 'huairen-command-pressure');

    for (const s of [admin, desk, nurse, command]) expect(s.errors).toEqual([]);
  });
});
