/**
 * The built server (node on server/dist, no TypeScript loader: what production runs) passes the same
 * story as the dev server in smoke.test.ts: sign in, land on the dispatch screen, go live, show the map.
 * Needs `pnpm build` and the client build first (the root `pnpm test` runs both).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../server/test/harness.ts';
import { BUILT_SERVER, startServerProcess, type ServerProcess } from '../server/test/reliability/processes.ts';
import { launchBrowser, openSeat, screenshot } from './harness.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('the built server: a dispatcher signs in and sees the live city', () => {
  let proc: ServerProcess | null = null;
  let browser: Browser | null = null;
  beforeAll(async () => {
    for (const built of ['server/dist/main.js', 'shared/dist/index.js', 'client/dist/index.html']) {
      if (!fs.existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run \`pnpm build\` and the client build first`);
    }
    const { url } = await createTestDatabase();
    proc = await startServerProcess({ DATABASE_URL: url }, 30_000, BUILT_SERVER);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    proc?.child.kill('SIGTERM');
  });

  it('signs in, lands on the dispatch screen and connects live', async () => {
    const seat = await openSeat(browser!, proc!, 'dispatcher');
    expect(new URL(seat.page.url()).pathname).toBe('/dispatch');
    await seat.page.getByTestId('connection-status').and(seat.page.locator('[data-status="live"]')).waitFor();
    await seat.page.locator('.city-map canvas.maplibregl-canvas').waitFor();
    await screenshot(seat.page, 'built-server-dispatch');
    await seat.context.close();
    // The probes of the deploy kit answer on the build too.
    expect((await fetch(`${proc!.url}/livez`)).status).toBe(200);
    expect((await fetch(`${proc!.url}/readyz`)).status).toBe(200);
  });
});
