/**
 * The built client as the server hands it out (real server, raw HTTP, real Chromium): hashed files
 * pre-compressed and cached for good, the page itself asked for again each time, a missing old chunk a
 * 404 rather than the page, and the map's 1 MB library fetched only by the screens that show a map.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openSeat, useE2E } from './harness.ts';
import { passwordOf } from '../server/test/harness.ts';

const DIST = path.resolve(import.meta.dirname, '../client/dist');

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One GET with exactly the headers given: fetch() would add its own Accept-Encoding and decode the body. */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The largest script index.html loads at once, e.g. /assets/react-Ab12Cd34.js (files under 1 kB are not compressed). */
function preloadedScript(): string {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const largest = scripts.sort((a, b) => fs.statSync(path.join(DIST, b)).size - fs.statSync(path.join(DIST, a)).size)[0];
  if (!largest) throw new Error('no script in client/dist/index.html');
  return largest;
}

describe('the built client is served compressed, cached by name, and split by screen', () => {
  const e2e = useE2E();

  it('sends a hashed script as brotli or gzip, as the browser accepts, cached as immutable', async () => {
    const script = preloadedScript();
    const original = fs.readFileSync(path.join(DIST, script));
    const br = await get(`${e2e.server.url}${script}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.body).equals(original)).toBe(true);
    expect(br.body.length).toBeLessThan(original.length / 2);

    const gz = await get(`${e2e.server.url}${script}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.gunzipSync(gz.body).equals(original)).toBe(true);

    // A client that takes no encoding still gets the file as it is, and a shared cache is told why.
    const plain = await get(`${e2e.server.url}${script}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.equals(original)).toBe(true);
  });

  it('asks the browser to check the page again on every load, at / and at a screen\'s own address', async () => {
    for (const page of ['/', '/index.html', '/hospital', '/dispatch']) {
      const res = await get(`${e2e.server.url}${page}`);
      expect(res.status, page).toBe(200);
      expect(res.headers['content-type'], page).toMatch(/text\/html/);
      expect(res.headers['cache-control'], page).toBe('no-cache');
      expect(res.body.toString('utf8'), page).toContain(preloadedScript());
    }
    // Files copied unhashed (the basemap styles) are kept a short while only.
    const style = await get(`${e2e.server.url}/basemap/style.json`);
    expect(style.status).toBe(200);
    expect(style.headers['cache-control']).toBe('public, max-age=300');
  });

  it('answers 404, not the page, for a chunk of an older build a stale tab still asks for', async () => {
    const res = await get(`${e2e.server.url}/assets/DispatchPage-0ldBu1ld.js`, { accept: '*/*' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).not.toMatch(/html/);
    expect(res.body.toString('utf8')).not.toContain('<div id="root">');
  });

  it('a tab whose screen chunk is gone after a rollout loads the page again and opens the screen, instead of staying blank', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript(() => localStorage.setItem('lang', 'en'));
    // Until the page is loaded again, the ED screen's chunk is gone, as after a deploy of a new build.
    let reloaded = false;
    let refused = 0;
    await context.route(/\/assets\/HospitalPage-[\w-]+\.js$/, (route) => {
      if (reloaded) return route.continue();
      refused++;
      return route.fulfill({ status: 404, body: 'gone' });
    });
    const page = await context.newPage();
    e2e.seats.push({ context, page, errors: [] });
    page.on('request', (r) => {
      if (r.isNavigationRequest() && new URL(r.url()).pathname === '/hospital') reloaded = true;
    });
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel(/username|用户名/i).fill('nurse');
    await page.getByLabel(/password|密码/i).fill(passwordOf('nurse'));
    await page.getByRole('button', { name: /sign in|登录/i }).click();
    await page.getByTestId('hospital-page').waitFor({ timeout: 15_000 });
    expect(refused).toBeGreaterThan(0);
    expect(reloaded).toBe(true);
  });

  it('a nurse\'s ED screen and the admin screen load no map library; the dispatcher\'s screen does', async () => {
    const scripts = async (username: string, ready: (page: Page) => Promise<unknown>) => {
      const seat = await openSeat(e2e.browser, e2e.server, username);
      e2e.seats.push(seat);
      await ready(seat.page);
      // Lazy imports started after the first paint have had time to go out.
      await seat.page.waitForLoadState('networkidle');
      // Every file this document fetched, cached or not, lazy imports included.
      return seat.page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));
    };
    const live = (page: Page) =>
      page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();

    const nurse = await scripts('nurse', live);
    expect(nurse.some((s) => /\/assets\/HospitalPage-/.test(s)), nurse.join(' ')).toBe(true);
    expect(nurse.filter((s) => /\/assets\/(maplibre|map)-/.test(s))).toEqual([]);

    const admin = await scripts('admin', live);
    expect(admin.some((s) => /\/assets\/AdminPage-/.test(s)), admin.join(' ')).toBe(true);
    expect(admin.filter((s) => /\/assets\/(maplibre|map)-/.test(s))).toEqual([]);

    const dispatcher = await scripts('dispatcher', (page) => page.locator('.city-map canvas.maplibregl-canvas').waitFor());
    expect(dispatcher.some((s) => /\/assets\/maplibre-[\w-]+\.js$/.test(s)), dispatcher.join(' ')).toBe(true);
  });
});
