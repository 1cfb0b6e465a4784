/**
 * The cluster bench's Redis stream: one name per run (`dispatch-bench-<pid>-<time>`), deleted at the
 * end; streams of runs that were killed before they could delete theirs are deleted by the next run.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { alive } from './machine.ts';

/** The server's own Redis client (the bench has no dependencies of its own). */
const requireFromServer = createRequire(path.resolve(import.meta.dirname, '../../server/package.json'));
interface RedisClient {
  connect(): Promise<unknown>;
  del(keys: string | string[]): Promise<number>;
  keys(pattern: string): Promise<string[]>;
  quit(): Promise<unknown>;
  on(event: 'error', listener: (err: unknown) => void): unknown;
}
const { createClient } = requireFromServer('redis') as { createClient(opts: { url: string }): RedisClient };

const PREFIX = 'dispatch-bench-';

async function withRedis<T>(url: string, fn: (client: RedisClient) => Promise<T>): Promise<T> {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.quit().catch(() => {});
  }
}

export function deleteStream(url: string, stream: string): Promise<void> {
  return withRedis(url, async (c) => {
    await c.del(stream);
  });
}

/** Only bench streams whose run (by pid) is gone; other deployments' streams are never touched. */
export function sweepStaleStreams(url: string): Promise<void> {
  return withRedis(url, async (c) => {
    const stale = (await c.keys(`${PREFIX}*`)).filter((k) => {
      const pid = Number(k.slice(PREFIX.length).split('-')[0]);
      return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);
    });
    if (stale.length) await c.del(stale);
  });
}
