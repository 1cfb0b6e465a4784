/**
 * Console frame rate: the dispatcher console (/dispatch, the live CityMap) in headless Chromium
 * with software rendering (--disable-gpu), 2,000 units moving at 1 Hz, 500 open calls and 30
 * hospitals. Counts requestAnimationFrame callbacks and long tasks in the page over 20 s.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, openSeat, screenshot } from '../e2e/harness.ts';
import { createBenchDatabase, growFleet, growHospitals } from './lib/db.ts';
import { forkBench, type ServerReady } from './lib/child.ts';
import { AvlFeeder } from './lib/feeder.ts';
import { callBody, login, post } from './lib/http.ts';
import { printTable, round, sleep, writeResult } from './lib/stats.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const UNITS = 2000;
const CALLS = QUICK ? 50 : 500;
const HOSPITALS = 30;
const MEASURE_MS = QUICK ? 5000 : 20_000;
const INTAKE_MS = QUICK ? 3000 : 10_000;
const TARGET_FPS = 30;

interface PageFigures {
  frames: number;
  ms: number;
  fps: number;
  worstFrameMs: number;
  p99FrameMs: number;
  framesOver50ms: number;
  longTasks: number;
  longTaskMs: number;
  longestTaskMs: number;
  longTaskSupported: boolean;
}

async function main() {
  if (!fs.existsSync(path.resolve(import.meta.dirname, '../client/dist/index.html'))) {
    throw new Error('client/dist is missing: run `pnpm --filter @dispatch/client build` (pnpm bench does)');
  }
  console.log(`frame rate: preparing ${UNITS} units, ${HOSPITALS} hospitals, ${CALLS} open calls ...`);
  const db = await createBenchDatabase('frames');
  const unitIds = await growFleet(db.url, UNITS);
  await growHospitals(db.url, HOSPITALS);
  const server = await forkBench<ServerReady>('lib/serverChild.ts', { DATABASE_URL: db.url, BENCH_FANOUT: 'coalesced' });
  const browser = await launchBrowser();
  const feeder = new AvlFeeder(server.ready.url, await login(server.ready.url, 'avl-gateway'), unitIds);
  try {
    const base = server.ready.url;
    const dispatcher = await login(base, 'dispatcher2');
    for (let i = 0; i < CALLS; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, CALLS - i) }, async (_, k) => {
          const res = await post(base, dispatcher, '/api/calls', callBody(i + k + 1));
          if (res.status !== 201) throw new Error(`call ${i + k}: ${res.status}`);
        }),
      );
    }
    feeder.setUnits(UNITS);
    feeder.start();
    const seat = await openSeat(browser, { url: base }, 'dispatcher', { path: '/dispatch', lang: 'en' });
    await seat.page.waitForSelector('canvas', { timeout: 30_000 });
    // Let the base map, the snapshot and a few position frames land before counting.
    await sleep(5000);
    const figures = (await seat.page.evaluate(`(${MEASURE_IN_PAGE})(${MEASURE_MS})`)) as PageFigures;
    const shot = await screenshot(seat.page, 'bench-framerate');
    // The same console with the intake form in the side panel instead of the 2,000-row unit list:
    // tells the map's cost from the list's.
    let intake: PageFigures | null = null;
    try {
      await seat.page.getByRole('button', { name: /^New call/ }).first().click({ timeout: 5000 });
      await sleep(2000);
      intake = (await seat.page.evaluate(`(${MEASURE_IN_PAGE})(${INTAKE_MS})`)) as PageFigures;
    } catch (e) {
      console.log(`  (intake-panel measurement skipped: ${String(e).split('\n')[0]})`);
    }
    const row = {
      panel: 'units list (default)',
      units: UNITS,
      'open calls': CALLS,
      hospitals: HOSPITALS,
      seconds: round(figures.ms / 1000, 1),
      fps: round(figures.fps, 1),
      'p99 frame ms': round(figures.p99FrameMs, 1),
      'worst frame ms': round(figures.worstFrameMs, 1),
      'frames > 50 ms': figures.framesOver50ms,
      'long tasks': figures.longTasks,
      'long task ms': round(figures.longTaskMs, 0),
      'longest task ms': round(figures.longestTaskMs, 0),
      'meets ≥ 30 fps': figures.fps >= TARGET_FPS,
    };
    const rows: Record<string, string | number | boolean>[] = [row];
    if (intake)
      rows.push({
        panel: 'new-call form',
        units: UNITS,
        'open calls': CALLS,
        hospitals: HOSPITALS,
        seconds: round(intake.ms / 1000, 1),
        fps: round(intake.fps, 1),
        'p99 frame ms': round(intake.p99FrameMs, 1),
        'worst frame ms': round(intake.worstFrameMs, 1),
        'frames > 50 ms': intake.framesOver50ms,
        'long tasks': intake.longTasks,
        'long task ms': round(intake.longTaskMs, 0),
        'longest task ms': round(intake.longestTaskMs, 0),
        'meets ≥ 30 fps': intake.fps >= TARGET_FPS,
      });
    printTable(`Dispatcher console frame rate, headless Chromium, software GL (target ≥ ${TARGET_FPS} fps)`, rows);
    if (seat.errors.length) console.log(`  page errors: ${seat.errors.slice(0, 3).join(' | ')}`);
    const file = await writeResult('framerate', {
      targets: { fps: TARGET_FPS },
      meetsTarget: figures.fps >= TARGET_FPS,
      browser: `${browser.version()} headless, --disable-gpu (SwiftShader)`,
      viewport: '1600x900',
      fixesPerSecondFed: UNITS,
      feederAppliedPerSec: round(feeder.applied / ((figures.ms + 5000) / 1000), 0),
      screenshot: path.relative(path.resolve(import.meta.dirname, '..'), shot),
      pageErrors: seat.errors.slice(0, 10),
      results: rows,
      raw: { unitsPanel: figures, intakePanel: intake },
    });
    console.log(`\nwrote ${file}`);
  } finally {
    feeder.stop();
    await browser.close();
    await server.stop();
    await db.drop();
  }
}

/**
 * Runs in the page. A string, not a function: tsx would add helpers to a function's source that
 * do not exist in the page.
 */
const MEASURE_IN_PAGE = `(ms) => new Promise((resolve) => {
  const durations = [];
  const longTasks = [];
  let longTaskSupported = true;
  let observer = null;
  try {
    observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
    observer.observe({ type: 'longtask', buffered: false });
  } catch { longTaskSupported = false; }
  const start = performance.now();
  let last = start;
  const tick = (t) => {
    durations.push(t - last);
    last = t;
    if (t - start < ms) { requestAnimationFrame(tick); return; }
    if (observer) observer.disconnect();
    const sorted = [...durations].sort((a, b) => a - b);
    const elapsed = t - start;
    resolve({
      frames: durations.length,
      ms: elapsed,
      fps: (durations.length * 1000) / elapsed,
      worstFrameMs: sorted[sorted.length - 1] || 0,
      p99FrameMs: sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] || 0,
      framesOver50ms: durations.filter((d) => d > 50).length,
      longTasks: longTasks.length,
      longTaskMs: longTasks.reduce((a, b) => a + b, 0),
      longestTaskMs: Math.max(0, ...longTasks),
      longTaskSupported,
    });
  };
  requestAnimationFrame(tick);
})`;

await main();
process.exit(0);
