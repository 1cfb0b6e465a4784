/**
 * Rate limits shared by every instance: with REDIS_URL the counters of @fastify/rate-limit live in Redis,
 * so ten logins a minute are ten for the deployment, not ten per instance behind the balancer.
 *
 * The limiter has its own connection: the Socket.IO cluster link blocks on stream reads, and a login must
 * not wait behind one. A limiter that cannot reach Redis lets the request through (skipOnError) rather
 * than turning every request into a 500: commands fail at once while disconnected (no offline queue) and
 * after a short timeout when Redis stalls.
 */
import { Redis } from 'ioredis';

export interface SharedRateLimit {
  /** Options spread into the @fastify/rate-limit registration. */
  options: { redis: Redis; nameSpace: string; skipOnError: true };
  /** Waits (briefly) for the first connection, so the first requests are counted too. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function createSharedRateLimit(
  url: string,
  prefix: string,
  log: { warn(obj: object, msg: string): void },
  opts: { readyTimeoutMs?: number } = {},
): SharedRateLimit {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: 500,
    maxRetriesPerRequest: 1,
    // Keep trying to come back, never more than a second apart.
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  let lastWarn = 0;
  redis.on('error', (err: unknown) => {
    if (Date.now() - lastWarn > 5000) log.warn({ err }, 'redis connection problem; rate limits are not enforced until it is back');
    lastWarn = Date.now();
  });
  return {
    // Each deployment (and test run) has its own REDIS_STREAM; its limits go with it.
    options: { redis, nameSpace: `${prefix}:rate-limit:`, skipOnError: true },
    async ready() {
      if (redis.status === 'ready') return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => redis.once('ready', resolve)),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, opts.readyTimeoutMs ?? 2000);
        }),
      ]);
      clearTimeout(timer);
    },
    async close() {
      // QUIT when connected; otherwise (or if it is not answered) just drop the connection.
      const quit = redis.status === 'ready' ? redis.quit().then(() => true, () => false) : Promise.resolve(false);
      let timer: NodeJS.Timeout | undefined;
      const done = await Promise.race([quit, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 1000)))]);
      clearTimeout(timer);
      if (!done) redis.disconnect();
    },
  };
}
