/**
 * Start-up: from the start command (`pnpm --filter @dispatch/server start`, embedded PGlite in a
 * fresh DATA_DIR, demo on) to a served page: GET / answers the client's HTML and /api/config
 * answers. The first start creates and seeds the database; the warm starts reuse it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { printTable, round, sleep, writeResult } from './lib/stats.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const QUICK = process.env.BENCH_QUICK === '1';
const WARM_STARTS = QUICK ? 1 : 2;
const TARGET_MS = 5000;
const GIVE_UP_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function served(base: string): Promise<boolean> {
  try {
    const [page, config] = await Promise.all([fetch(`${base}/`), fetch(`${base}/api/config`)]);
    const html = await page.text();
    await config.arrayBuffer();
    return page.status === 200 && html.includes('<div id="root"') && config.status === 200;
  } catch {
    return false;
  }
}

/** Milliseconds from spawning the start command to a served page; then a graceful stop. */
async function startOnce(dataDir: string): Promise<{ ms: number; stopMs: number }> {
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'DATABASE_URL' && k !== 'DEMO') env[k] = v;
  const started = performance.now();
  // Its own process group, so the stop reaches pnpm's child (tsx, node) as well.
  const proc = spawn('pnpm', ['--filter', '@dispatch/server', 'start'], {
    cwd: REPO,
    env: { ...env, DATA_DIR: dataDir, DEMO: 'on', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  try {
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}: ${stderr}`);
      if (performance.now() - started > GIVE_UP_MS) throw new Error(`no page after ${GIVE_UP_MS} ms: ${stderr}`);
      if (await served(`http://127.0.0.1:${port}`)) break;
      await sleep(25);
    }
    const ms = performance.now() - started;
    const stopAt = performance.now();
    process.kill(-proc.pid!, 'SIGTERM');
    const killer = setTimeout(() => process.kill(-proc.pid!, 'SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
    return { ms, stopMs: performance.now() - stopAt };
  } catch (e) {
    if (proc.exitCode === null) process.kill(-proc.pid!, 'SIGKILL');
    throw e;
  }
}

async function main() {
  if (!fs.existsSync(path.join(REPO, 'client/dist/index.html'))) throw new Error('client/dist is missing: run `pnpm --filter @dispatch/client build` (pnpm bench does)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dispatch-bench-startup-'));
  try {
    const rows: Record<string, string | number | boolean>[] = [];
    const first = await startOnce(dataDir);
    rows.push({ start: 'first (creates, migrates, seeds the embedded database)', 'to served page ms': round(first.ms, 0), 'graceful stop ms': round(first.stopMs, 0), 'meets < 5 s': first.ms < TARGET_MS });
    for (let i = 1; i <= WARM_STARTS; i++) {
      const warm = await startOnce(dataDir);
      rows.push({ start: `warm #${i} (existing data)`, 'to served page ms': round(warm.ms, 0), 'graceful stop ms': round(warm.stopMs, 0), 'meets < 5 s': warm.ms < TARGET_MS });
    }
    printTable(`Start-up: \`pnpm --filter @dispatch/server start\` (PGlite, DEMO=on) to GET / and /api/config answering (target < ${TARGET_MS / 1000} s)`, rows);
    const file = await writeResult('startup', { targets: { ms: TARGET_MS }, command: 'pnpm --filter @dispatch/server start', database: 'embedded PGlite in a fresh DATA_DIR', results: rows });
    console.log(`\nwrote ${file}`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
