/**
 * The admin screen in a real browser. Story: the IT admin opens an account for the ED charge nurse of
 * a third hospital (the form refuses a nurse without a hospital and a short password), she signs in and
 * works; the admin disables the account and her screen signs her out at once; the audit log shows who
 * did it. Also: a new ambulance added in the admin screen appears on the dispatcher's live list, and the
 * map console runs under the server's content security policy without a violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openSeat, screenshot, seriousA11yViolations, startE2EServer, type Seat } from './harness.ts';
import type { TestServer } from '../server/test/harness.ts';

describe('admin console', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Seat;
  const seats: Seat[] = [];

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    admin = await openSeat(browser, server, 'admin');
    seats.push(admin);
    await admin.page.getByTestId('admin-page').waitFor();
    admin.errors.splice(0);
  });
  afterAll(async () => {
    for (const s of seats) await s.context.close();
    await browser?.close();
    await server?.close();
  });

  const tab = (page: Page, name: string) => page.getByRole('tab', { name }).click();

  it('opens an account for a nurse, who works until the admin disables her; the audit log names the admin', async () => {
    const page = admin.page;
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.getByTestId('user-nurse').waitFor();
    await page.getByRole('button', { name: 'New account' }).click();
    const form = page.getByRole('form', { name: 'New account' });
    await form.getByLabel('Username').fill('ed.h03');
    await form.getByLabel('Name', { exact: true }).fill('急诊护士长 吴静 (第三人民医院)');
    await form.getByLabel('Password').fill('short');
    // A nurse with no hospital is not an account the server would take; nor is a short password.
    await form.getByLabel('Role').selectOption('nurse');
    await form.getByRole('button', { name: 'Create' }).click();
    const problems = await form.getByRole('alert').allTextContents();
    expect(problems).toHaveLength(2);
    // In words for a person, not the schema library's sentence.
    expect(problems.join(' ')).toMatch(/at least 12 characters/);
    expect(problems.join(' ')).not.toMatch(/Too small|expected/);
    expect(await form.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Hospital (nurses)').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Password').fill('ed-h03-password');
    await form.getByLabel('Hospital (nurses)').selectOption({ label: "Cixi No. 3 People's Hospital" });
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved ed.h03' }).waitFor();
    const row = page.getByTestId('user-ed.h03');
    await expect(row.textContent()).resolves.toMatch(/ED charge nurse.*Cixi No. 3 People's Hospital.*Active/);
    await screenshot(page, 'admin-accounts');

    // She signs in and lands on her hospital's screen.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(() => localStorage.setItem('lang', 'en'));
    const nurse = await context.newPage();
    seats.push({ context, page: nurse, errors: [] });
    await nurse.goto(`${server.url}/login`);
    await nurse.getByLabel(/username/i).fill('ed.h03');
    await nurse.getByLabel(/password/i).fill('ed-h03-password');
    await nurse.getByRole('button', { name: /sign in/i }).click();
    await nurse.waitForURL((u) => u.pathname === '/hospital');
    await nurse.getByTestId('hospital-page').waitFor();
    // Back on the accounts tab, her live session shows.
    await tab(page, 'Units');
    await tab(page, 'Accounts');
    await expect.poll(() => row.locator('td').nth(5).textContent()).toBe('1');

    // The admin disables the account: her screen is signed out at once.
    await row.getByRole('button', { name: 'Edit ed.h03' }).click();
    const edit = page.getByRole('form', { name: 'Edit ed.h03' });
    await edit.getByLabel('Account disabled').check();
    const t0 = Date.now();
    await edit.getByRole('button', { name: 'Save' }).click();
    await nurse.getByRole('button', { name: /sign in/i }).waitFor({ timeout: 3000 });
    expect(Date.now() - t0).toBeLessThan(3000);
    // The admin's row follows once the save answers, which may come after her socket was closed.
    await expect.poll(() => row.textContent()).toMatch(/Disabled/);
    await expect.poll(() => row.locator('td').nth(5).textContent()).toBe('0');

    // The audit log: filtered to accounts, the newest entry is the admin disabling her.
    await tab(page, 'Audit log');
    await page.getByLabel('Entity').selectOption('user');
    await page.getByRole('button', { name: 'Search' }).click();
    const first = page.getByTestId('audit-table').locator('tbody tr').first();
    await expect.poll(() => first.textContent()).toMatch(/admin.*Account edited.*Account #\d+.*Account disabled: Yes/);
    await screenshot(page, 'admin-audit');
    // The same row in Chinese: the event, the field and the value in words.
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => first.textContent()).toMatch(/账号修改.*停用账号: 是/);
    await screenshot(page, 'admin-audit-zh');
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    expect(admin.errors).toEqual([]);
  });

  it('adds an ambulance that the dispatcher sees at once; the screen has no serious accessibility problems', async () => {
    const dispatcher = await openSeat(browser, server, 'dispatcher');
    seats.push(dispatcher);
    await dispatcher.page.locator('.city-map canvas.maplibregl-canvas').waitFor();
    const page = admin.page;
    await tab(page, 'Units');
    await page.getByRole('button', { name: 'New unit' }).click();
    const form = page.getByRole('form', { name: 'New unit' });
    await form.getByLabel('Call sign').fill('CX 99');
    await form.getByRole('button', { name: 'Create' }).click();
    await form.getByRole('alert').first().waitFor();
    await form.getByLabel('Call sign').fill('CX-99');
    await form.getByLabel('Kind').selectOption('critical_care');
    await form.getByLabel('Driver').fill('钱师傅');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByTestId('units-CX-99').waitFor();
    // The dispatcher's live fleet has it without a reload.
    // The unit list draws only the rows in view and the map draws call signs on a canvas: look it up by call sign.
    await dispatcher.page.getByTestId('units-panel').getByLabel('Call sign').fill('CX-99');
    await dispatcher.page.getByTestId('unit-row-CX-99').waitFor({ timeout: 5000 });

    expect(await seriousA11yViolations(page)).toEqual([]);
    await tab(page, 'Accounts');
    await page.getByRole('button', { name: 'New account' }).click();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The map console under the CSP: no violation reported, in either console.
    const csp = [...dispatcher.errors, ...admin.errors].filter((e) => /Content Security Policy|Refused to/i.test(e));
    expect(csp).toEqual([]);
  });
});
