/**
 * A TCP relay on 127.0.0.1 in front of one server that counts what the server sends (HTTP responses
 * apart from WebSocket traffic) and can play a slower line: a shared downstream rate and a one-way
 * latency each way. Counting here sees every request the page makes, the map's worker and what the
 * worker fetches included, which the page's DevTools session does not.
 */
import net from 'node:net';

export interface LinkOptions {
  /** Downstream bytes per second, shared by all connections (one seat's line); null: unlimited. */
  bytesPerSecond: number | null;
  /** Added to each chunk, each way. */
  latencyMs: number;
}

export interface ShapedLink {
  url: string;
  /** Bytes sent by the server over HTTP (headers and bodies as sent) since the last reset. */
  httpBytes(): number;
  /** Bytes sent by the server on connections upgraded to WebSocket. */
  socketBytes(): number;
  reset(options: LinkOptions): void;
  close(): Promise<void>;
}

export async function startShapedLink(target: string): Promise<ShapedLink> {
  const { hostname, port } = new URL(target);
  let options: LinkOptions = { bytesPerSecond: null, latencyMs: 0 };
  let http = 0;
  let socket = 0;
  // When the shared downstream line is next free (ms, performance.now()).
  let lineFreeAt = 0;
  const open = new Set<net.Socket>();

  // Half-open both ways: a side's end is passed on only after the chunks still delayed for it.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const upstream = net.connect({ port: Number(port), host: hostname, allowHalfOpen: true });
    open.add(client).add(upstream);
    let upgraded = false;
    let first = true;
    // When the last downstream chunk of this connection is due: its end must not overtake it.
    let lastDue = 0;
    const at = (due: number, fn: () => void) => {
      const ms = due - performance.now();
      if (ms <= 0) fn();
      else setTimeout(fn, ms);
    };
    client.on('data', (chunk) => at(performance.now() + options.latencyMs, () => upstream.writable && upstream.write(chunk)));
    upstream.on('data', (chunk: Buffer) => {
      if (first) upgraded = chunk.subarray(0, 12).toString('latin1') === 'HTTP/1.1 101';
      first = false;
      if (upgraded) socket += chunk.length;
      else http += chunk.length;
      const now = performance.now();
      let sent = now;
      if (options.bytesPerSecond) {
        lineFreeAt = Math.max(now, lineFreeAt) + (chunk.length / options.bytesPerSecond) * 1000;
        sent = lineFreeAt;
      }
      lastDue = Math.max(lastDue, sent + options.latencyMs);
      at(lastDue, () => client.writable && client.write(chunk));
    });
    client.on('end', () => at(performance.now() + options.latencyMs, () => upstream.writable && upstream.end()));
    upstream.on('end', () => at(lastDue, () => client.writable && client.end()));
    const destroy = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', destroy).on('close', () => open.delete(client));
    upstream.on('error', destroy).on('close', () => open.delete(upstream));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    httpBytes: () => http,
    socketBytes: () => socket,
    reset(next) {
      options = next;
      http = 0;
      socket = 0;
      lineFreeAt = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
