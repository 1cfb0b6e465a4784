/**
 * The deploy kit stood up for real: Debian's nginx (deploy/nginx/dispatch.conf.template, least_conn,
 * passive checks) in front of two BUILT instances (node on server/dist, no TypeScript loader) on one
 * PostgreSQL database and one Redis stream. A console logged in through nginx stays connected while
 * both instances are restarted one at a time (a rolling upgrade: SIGTERM, start again) and writes go on
 * through nginx; after each drop it reconnects with its lastSeq. At the end it holds every event the
 * database committed since its first snapshot, with no gap.
 *
 * Needs `pnpm build` first (the root `pnpm test` runs it).
 */
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBody, connectConsole, createTestDatabase, login, waitFor, type RecordingConsole } from '../harness.ts';
import { BUILT_SERVER, freePort, startServerProcess, type ServerProcess } from '../reliability/processes.ts';
import { REPO_ROOT } from '../../src/env.ts';
import { ensureNginx, startNginx, type RunningNginx } from '../../../bench/lib/nginx.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';

describe('nginx in front of two built instances, rolling restart', () => {
  let databaseUrl: string;
  let sql: postgres.Sql;
  const ports: number[] = [];
  const procs: (ServerProcess | null)[] = [null, null];
  let nginx: RunningNginx | null = null;
  const stream = `dispatch-deploy-test-${process.pid}-${Date.now()}`;

  const start = async (i: number): Promise<ServerProcess> => {
    const p = await startServerProcess({ DATABASE_URL: databaseUrl, REDIS_URL, REDIS_STREAM: stream, PORT: String(ports[i]), TRUST_PROXY: '127.0.0.1' }, 30_000, BUILT_SERVER);
    procs[i] = p;
    return p;
  };

  beforeAll(async () => {
    if (!fs.existsSync(path.join(REPO_ROOT, 'server/dist/main.js')) || !fs.existsSync(path.join(REPO_ROOT, 'shared/dist/index.js'))) {
      throw new Error('no build: run `pnpm build` first (the root `pnpm test` does)');
    }
    ensureNginx();
    databaseUrl = (await createTestDatabase()).url;
    sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
    ports.push(await freePort(), await freePort());
    // One after the other: the first applies the migrations under its lock, the second finds them done.
    await start(0);
    await start(1);
    nginx = await startNginx({ upstreams: ports.map((port) => ({ host: '127.0.0.1', port })), maxFails: 1, failTimeoutS: 2 }, '/readyz');
  }, 90_000);

  afterAll(async () => {
    await nginx?.stop();
    for (const p of procs) p?.child.kill('SIGKILL');
    await sql?.end();
  });

  it('the console resyncs after each restart and misses no committed event', async () => {
    const front = { url: nginx!.url };
    // Built instances answer the probes through nginx.
    expect((await fetch(`${front.url}/livez`)).status).toBe(200);
    expect((await fetch(`${front.url}/readyz`)).status).toBe(200);

    const dispatcher = await login(front, 'dispatcher');
    const seen = new Set<number>();
    let firstSeq = -1;
    let lastSeq = 0;
    let reconnects = 0;
    let current: RecordingConsole | null = null;
    let stopping = false;

    const record = (seq: number) => {
      seen.add(seq);
      lastSeq = Math.max(lastSeq, seq);
    };
    // The console of the client, reduced to what matters here: on a drop, reconnect through nginx with lastSeq.
    const connect = async (): Promise<void> => {
      for (let attempt = 0; attempt < 50 && !stopping; attempt++) {
        const c = connectConsole(front, dispatcher, { lastSeq: firstSeq < 0 ? null : lastSeq });
        c.socket.on('snapshot', (s) => {
          if (firstSeq < 0) {
            firstSeq = s.seq;
            lastSeq = s.seq;
          } else {
            // Past the replay window the server sends a snapshot instead; it must not happen in a short restart.
            throw new Error('snapshot on reconnect: replay expected');
          }
        });
        c.socket.on('replay', (r) => r.events.forEach((e) => record(e.seq)));
        c.socket.on('events', (list) => list.forEach((e) => record(e.seq)));
        try {
          await c.ready;
        } catch {
          c.close();
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        current = c;
        c.socket.once('disconnect', () => {
          if (stopping) return;
          reconnects++;
          void connect();
        });
        return;
      }
    };
    await connect();
    expect(firstSeq).toBeGreaterThanOrEqual(0);

    // Writes through nginx all along; a write that fails during a restart is simply not counted.
    let writing = true;
    let acked = 0;
    const writer = (async () => {
      while (writing) {
        const res = await dispatcher.post('/api/calls', callBody({ notes: 'rolling' })).catch(() => null);
        if (res?.status === 201) acked++;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    await waitFor(() => acked >= 5, 15_000, 'writes through nginx');
    for (const i of [0, 1]) {
      const before = acked;
      const p = procs[i]!;
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      await start(i);
      await waitFor(() => acked >= before + 5, 15_000, `writes after restarting instance ${i + 1}`);
    }
    writing = false;
    await writer;

    // Every event committed after the console's first snapshot reached it, live or replayed.
    const [{ max }] = (await sql`select max(seq)::int as max from events`) as unknown as [{ max: number }];
    await waitFor(() => lastSeq >= max, 10_000, `console at seq ${max}`).catch(() => undefined);
    stopping = true;
    (current as RecordingConsole | null)?.close();
    const missing: number[] = [];
    for (let seq = firstSeq + 1; seq <= max; seq++) if (!seen.has(seq)) missing.push(seq);
    expect(missing, `missing seqs (reconnects ${reconnects})`).toEqual([]);
    // Both restarts moved the console at least once (it sat on one of the two instances each time).
    expect(reconnects).toBeGreaterThanOrEqual(1);
    expect(acked).toBeGreaterThanOrEqual(15);
  }, 90_000);
});
