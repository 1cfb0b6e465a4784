/**
 * Several server instances behind one PostgreSQL: their Socket.IO servers share live events through a
 * Redis stream. The Streams adapter (not plain pub/sub) keeps reading from its last offset, so a short
 * Redis blip delays pushes instead of losing them.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';

export interface ClusterLink {
  adapter: ReturnType<typeof createAdapter>;
  /** Readiness: resolves when Redis answers PING; throws otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function connectCluster(
  url: string,
  streamName: string,
  log: { warn(obj: object, msg: string): void },
): Promise<ClusterLink> {
  // While Redis is away, pushes wait in the client's offline queue and go out in order when it is back;
  // the cap bounds memory in a long outage (past it, other instances miss pushes until their consoles resync).
  const client = createClient({ url, commandsQueueMaxLength: 10_000 });
  let lastWarn = 0;
  client.on('error', (err: unknown) => {
    // The client reconnects by itself; one line every few seconds is enough to see a blip.
    if (Date.now() - lastWarn > 5000) log.warn({ err }, 'redis connection problem; live events to other instances are delayed');
    lastWarn = Date.now();
  });
  await client.connect();
  // A short block keeps shutdown quick: the reader notices the close within a second.
  const adapter = createAdapter(client, { streamName, channelPrefix: streamName, blockTimeInMs: 1000 });
  return {
    adapter,
    async ping() {
      // Not through the offline queue: while Redis is away a queued PING would wait, not fail.
      if (!client.isReady) throw new Error('redis not connected');
      await client.ping();
    },
    async close() {
      // A polite QUIT waits behind the adapter's blocking read and, after a blip, may never be answered:
      // give it a second, then drop the connection, so shutdown cannot hang on Redis.
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), 1000);
      });
      const outcome = await Promise.race([client.quit().then(() => 'quit' as const, () => 'failed' as const), gaveUp]);
      clearTimeout(timer);
      if (outcome !== 'quit' && client.isOpen) client.destroy();
    },
  };
}
