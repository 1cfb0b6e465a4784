/**
 * Start-up migrations across instances: several processes started together on an empty database all
 * come up, and the schema is applied once (they queue on an advisory lock instead of racing).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/env.ts';
import { createTestDatabase } from '../harness.ts';
import { startServerProcess, type ServerProcess } from './processes.ts';

const journal = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'migrations/meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };

async function migrationsIn(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return (await sql<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations`).map((r) => r.hash);
  } finally {
    await sql.end();
  }
}

/** `pnpm db:migrate`'s script, run directly; resolves with its exit code and output. */
function migrateCli(url: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/db/migrate-cli.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: url, DEMO: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe('instances starting together on an empty database', () => {
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of servers) s.child.kill('SIGKILL');
    await Promise.all(servers.map((s) => s.exited));
  });

  it('three instances all become healthy and every migration is applied exactly once', async () => {
    const { url } = await createTestDatabase({ seeded: false });
    const started = await Promise.allSettled([1, 2, 3].map(() => startServerProcess({ DATABASE_URL: url, ALERT_MONITOR: 'off' }, 40_000)));
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const failures = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    expect(failures).toEqual([]);
    for (const s of servers) {
      const res = await fetch(`${s.url}/healthz`);
      expect(res.status, s.output()).toBe(200);
    }
    const hashes = await migrationsIn(url);
    expect(hashes).toHaveLength(journal.entries.length);
    expect(new Set(hashes).size).toBe(journal.entries.length);
  }, 90_000);

  it('`pnpm db:migrate` takes the same lock: two runs and a starting instance on an empty database all succeed', async () => {
    const { url } = await createTestDatabase({ seeded: false });
    const [first, second, server] = await Promise.all([migrateCli(url), migrateCli(url), startServerProcess({ DATABASE_URL: url, ALERT_MONITOR: 'off' }, 40_000)]);
    servers.push(server);
    expect([first.code, second.code], first.out + second.out).toEqual([0, 0]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await migrationsIn(url)).toHaveLength(journal.entries.length);
  }, 90_000);
});
