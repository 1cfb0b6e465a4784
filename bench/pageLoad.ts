/**
 * Dispatcher page load on a cold cache, before and after issue 17's client-file work, in the same run.
 * "before": the client built with the old config (one plugin, rolldown's own chunks, no .br/.gz) in a
 * temporary folder, so the server sends every file uncompressed; "after": client/dist as built now
 * (named chunks, pre-compressed files). Both servers run side by side on one database, and the rounds
 * alternate, so load on the machine falls on both alike.
 *
 * Each round is a new browser context (an empty HTTP cache, and the cache disabled besides) with a
 * dispatcher's session cookie, opening /dispatch until the map is interactive: MapLibre's `load` has
 * fired and CityMap has hooked the map on its element (`maplibre`, set in that handler). Bytes are what
 * the server sent over HTTP, counted by a relay in front of each server (headers and bodies as sent, the
 * map's worker and its fetches included; the live socket's frames apart). Twice: on loopback, and with the
 * relay playing a 20 Mbit/s line with 20 ms latency each way (a seat in a township health centre, or on a
 * hospital's shared line).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { MAP_LAYERS } from '../server/src/city/map.ts';
import { launchBrowser, openSeat } from '../e2e/harness.ts';
import { createBenchDatabase } from './lib/db.ts';
import { forkBench, type ServerReady } from './lib/child.ts';
import { startShapedLink, type LinkOptions, type ShapedLink } from './lib/shapedLink.ts';
import { printTable, round, writeResult } from './lib/stats.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = QUICK ? 1 : 3;
const REPO = path.resolve(import.meta.dirname, '..');
const CLIENT = path.join(REPO, 'client');
const NETWORKS: { name: string; link: LinkOptions }[] = [
  { name: 'loopback', link: { bytesPerSecond: null, latencyMs: 0 } },
  { name: '20 Mbit/s, 20 ms', link: { bytesPerSecond: 20e6 / 8, latencyMs: 20 } },
];
/** After the map is interactive: what the page still fetches for it (the city's map layers, by the worker). */
const SETTLE_MS = 1500;

/** The client build as it was before issue 17 (commit 16e350c's client/vite.config.ts), into `outDir`. */
async function buildBefore(outDir: string): Promise<void> {
  // Vite and its React plugin are the client's dependencies, not the bench's: loaded from client/.
  const vite = (await import(pathToFileURL(path.join(CLIENT, 'node_modules/vite/dist/node/index.js')).href)) as { build(config: Record<string, unknown>): Promise<unknown> };
  const react = (await import(pathToFileURL(path.join(CLIENT, 'node_modules/@vitejs/plugin-react/dist/index.js')).href)) as { default: () => unknown };
  await vite.build({
    configFile: false,
    root: CLIENT,
    logLevel: 'warn',
    plugins: [react.default()],
    build: { outDir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
  });
}

interface Load {
  /** HTTP bytes the server sent until the map was interactive, and until SETTLE_MS later. */
  bytesToInteractive: number;
  bytes: number;
  socketBytes: number;
  scripts: number;
  interactiveMs: number;
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

async function coldLoad(browser: Browser, link: ShapedLink, storageState: StorageState, options: LinkOptions): Promise<Load> {
  // The session cookie and the chosen language, for the address of this link.
  const state: StorageState = {
    cookies: storageState.cookies.map((c) => ({ ...c, domain: '127.0.0.1' })),
    origins: storageState.origins.map((o) => ({ ...o, origin: link.url })),
  };
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, storageState: state });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // A new context starts with an empty cache already; this also keeps a second request for a file from hitting it.
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    link.reset(options);
    await page.goto(`${link.url}/dispatch`);
    const at = await page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="city-map"]') as (HTMLElement & { maplibre?: unknown }) | null;
        return el?.maplibre ? performance.now() : false;
      },
      undefined,
      { polling: 'raf', timeout: 60_000 },
    );
    const bytesToInteractive = link.httpBytes();
    const interactiveMs = (await at.jsonValue()) as number;
    await page.waitForTimeout(SETTLE_MS);
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\.m?js$/.test(new URL(e.name).pathname)).length);
    return { bytesToInteractive, bytes: link.httpBytes(), socketBytes: link.socketBytes(), scripts, interactiveMs };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main() {
  if (!fs.existsSync(path.join(CLIENT, 'dist/index.html'))) throw new Error('client/dist is missing: run `pnpm --filter @dispatch/client build` (pnpm bench does)');
  const beforeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dispatch-bench-client-before-'));
  const db = await createBenchDatabase('pageload');
  let browser: Browser | null = null;
  const servers: Awaited<ReturnType<typeof forkBench<ServerReady>>>[] = [];
  const links: ShapedLink[] = [];
  try {
    console.log('page load: building the client with the old config ...');
    await buildBefore(beforeDir);
    const variants = [
      { name: 'before', dist: beforeDir },
      { name: 'after', dist: path.join(CLIENT, 'dist') },
    ];
    for (const v of variants) servers.push(await forkBench<ServerReady>('lib/serverChild.ts', { DATABASE_URL: db.url, BENCH_CLIENT_DIST: v.dist }));
    for (const s of servers) links.push(await startShapedLink(s.ready.url));
    browser = await launchBrowser();
    // One sign-in through the login page; each round then starts from its cookie with an empty cache.
    const seat = await openSeat(browser, { url: servers[1]!.ready.url }, 'dispatcher', { lang: 'en' });
    const state = await seat.context.storageState();
    await seat.context.close();

    // A load that never gets an interactive map within 60 s (a machine busy with other work) is tried again once and counted.
    let timeouts = 0;
    const load = async (link: ShapedLink, options: LinkOptions): Promise<Load> => {
      try {
        return await coldLoad(browser!, link, state, options);
      } catch (e) {
        if (!(e instanceof Error && e.name === 'TimeoutError')) throw e;
        timeouts++;
        return coldLoad(browser!, link, state, options);
      }
    };
    const loads = new Map<string, Load[]>();
    for (const net of NETWORKS) {
      // One load per server first (Chromium's and the server's first-time costs), not counted.
      for (const link of links) await load(link, net.link);
      for (let r = 0; r < ROUNDS; r++) {
        for (const [i, v] of variants.entries()) {
          const one = await load(links[i]!, net.link);
          const key = `${v.name}|${net.name}`;
          loads.set(key, [...(loads.get(key) ?? []), one]);
        }
      }
    }

    const rows = NETWORKS.flatMap((net) =>
      variants.map((v) => {
        const ls = loads.get(`${v.name}|${net.name}`) ?? [];
        const ms = ls.map((l) => l.interactiveMs);
        return {
          build: v.name,
          network: net.name,
          loads: ls.length,
          'scripts fetched': median(ls.map((l) => l.scripts)),
          'KB to interactive map': round(median(ls.map((l) => l.bytesToInteractive)) / 1000, 0),
          [`KB by ${SETTLE_MS / 1000} s later`]: round(median(ls.map((l) => l.bytes)) / 1000, 0),
          'to interactive map ms (median)': round(median(ms), 0),
          'min ms': round(Math.min(...ms), 0),
          'max ms': round(Math.max(...ms), 0),
        };
      }),
    );
    // Of the bytes, the city's map layers (JSON from the API, the same in both builds: not static files).
    const cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    let mapLayerBytes = 0;
    for (const layer of MAP_LAYERS) {
      const res = await fetch(`${servers[1]!.ready.url}/api/city/map/${layer}.geojson`, { headers: { cookie, 'accept-encoding': 'identity' } });
      mapLayerBytes += (await res.arrayBuffer()).byteLength;
    }
    printTable('Dispatcher /dispatch on a cold cache, headless Chromium, software GL: bytes and time to an interactive map', rows);
    console.log(`  of it, in both builds: the city's map layers from /api/city/map/*.geojson, ${round(mapLayerBytes / 1000, 0)} KB (JSON, not compressed)`);
    const file = await writeResult('pageLoad', {
      browser: `${browser.version()} headless, --disable-gpu (SwiftShader)`,
      viewport: '1600x900',
      before: 'client built with the config of commit 16e350c (rolldown default chunks, no pre-compressed files): served uncompressed',
      after: 'client/dist: named chunks, .br/.gz served by preCompressed',
      interactive: 'MapLibre load fired and CityMap hooked the map (performance.now() from navigation start)',
      bytes: 'HTTP bytes the server sent (headers and bodies as sent), counted by a relay in front of it (bench/lib/shapedLink.ts): every request of the page and of the map worker; WebSocket frames apart (socketBytes in raw)',
      network: 'the relay plays the line: a shared downstream rate and a one-way latency each way; loopback: none',
      roundsPerVariant: ROUNDS,
      timeoutsRetried: timeouts,
      mapLayerKB: round(mapLayerBytes / 1000, 0),
      results: rows,
      raw: Object.fromEntries(loads),
    });
    console.log(`\nwrote ${file}`);
  } finally {
    await browser?.close();
    for (const l of links) await l.close();
    for (const s of servers) await s.stop();
    await db.drop();
    fs.rmSync(beforeDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
