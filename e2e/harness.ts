/**
 * End-to-end tests drive Debian's Chromium (installed here when missing) through playwright-core
 * against the real server, real PostgreSQL and the built client.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { passwordOf, startTestServer, type TestServer } from '../server/test/harness.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results/screenshots');

/** Install Debian's chromium if this machine has none (no browser download works here). */
export function ensureChromium(): void {
  // Chinese labels need a CJK font; screens of a Chinese 120 centre have one, a CI box may not.
  const fonts = fs.existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc') ? '' : ' fonts-wqy-microhei';
  if (fs.existsSync(CHROMIUM) && !fonts) return;
  const run = (cmd: string) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    run(`apt-get install -y --no-install-recommends chromium${fonts}`);
  } catch {
    run('apt-get update');
    run(`apt-get install -y --no-install-recommends chromium${fonts}`);
  }
}

export async function launchBrowser(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** The server with the built client (client/dist must exist: `pnpm test` builds it first). */
export async function startE2EServer(opts: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const dist = path.resolve(import.meta.dirname, '../client/dist/index.html');
  if (!fs.existsSync(dist)) throw new Error('client/dist is missing: run `pnpm --filter @dispatch/client build` first');
  return startTestServer(opts);
}

export interface Seat {
  context: BrowserContext;
  page: Page;
  /** Console errors seen on the page (a test can assert there are none). */
  errors: string[];
}

/** A new browser context (own cookies) logged in through the login page, on the role's home screen: a demo account, or any account with `password`. */
export async function openSeat(
  browser: Browser,
  server: { url: string },
  username: string,
  opts: { viewport?: { width: number; height: number }; lang?: 'zh-CN' | 'en'; path?: string; password?: string } = {},
): Promise<Seat> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1600, height: 900 }, acceptDownloads: true });
  await context.addInitScript((lang) => localStorage.setItem('lang', lang), opts.lang ?? 'en');
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}${opts.path ? `/login?next=${encodeURIComponent(opts.path)}` : '/login'}`);
  await page.getByLabel(/username|用户名/i).fill(username);
  await page.getByLabel(/password|密码/i).fill(opts.password ?? passwordOf(username));
  await page.getByRole('button', { name: /sign in|登录/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Run axe-core in the page; returns violations of impact serious or critical. */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; impact: string | null; help: string; nodes: string[] }[]> {
  const source = fs.readFileSync(path.resolve(import.meta.dirname, '../node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

export interface E2E {
  server: TestServer;
  browser: Browser;
  /** Seats opened by the test; closed after the describe block. */
  seats: Seat[];
}

/** One real server and one browser for a describe block, started before its tests and closed after them. */
export function useE2E(opts: Parameters<typeof startE2EServer>[0] = {}): E2E {
  const e2e = { seats: [] } as unknown as E2E;
  beforeAll(async () => {
    e2e.server = await startE2EServer(opts);
    e2e.browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of e2e.seats) await s.context.close().catch(() => undefined);
    await e2e.browser?.close();
    await e2e.server?.close();
  });
  return e2e;
}
