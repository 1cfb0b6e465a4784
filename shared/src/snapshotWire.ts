/**
 * The wire form of a snapshot. A console's starting state for 5,000 units is ~1.7 MB of JSON; after an
 * instance restart every console asks for one at once. So the server builds each view's state once for all
 * the consoles waiting for it and sends it as gzip-compressed JSON (~210 KB for 5,000 units), one binary
 * attachment that every socket shares; only the small envelope (who asks, the server's clock) is per socket.
 *
 * gzip of the JSON, not a binary layout of our own: it is lossless (the state decoded is the state built,
 * to the last digit of a coordinate), it already meets the size target, and every browser and Node read it.
 * Decoding is synchronous (fflate) so a console applies the snapshot in the order its events arrive.
 */
import { gunzipSync } from 'fflate';
import type { ReplayResult, Snapshot } from './realtime.ts';
import type { SessionUser } from './model.ts';

/** What every console of a view shares: the snapshot less its envelope. */
export type SnapshotBody = Omit<Snapshot, 'user' | 'serverTime'>;

export const SNAPSHOT_ENCODING = 'json+gzip';

export interface SnapshotWire {
  protocol: number;
  seq: number;
  /** When this socket was sent it (not when the shared body was built): the console sets its clock from it. */
  serverTime: string;
  user: SessionUser;
  encoding: typeof SNAPSHOT_ENCODING;
  /** gzip of the JSON of a SnapshotBody (ArrayBuffer in browsers, Buffer in Node). */
  body: Uint8Array | ArrayBuffer;
}

export type ReplayWire = Exclude<ReplayResult, { kind: 'snapshot' }> | { kind: 'snapshot'; snapshot: SnapshotWire };

const utf8 = new TextDecoder();

/** Unpack a snapshot received from the socket. */
export function decodeSnapshot(wire: SnapshotWire): Snapshot {
  const encoding: unknown = wire.encoding;
  if (encoding !== SNAPSHOT_ENCODING) throw new Error(`snapshot encoding ${String(encoding)} is not ${SNAPSHOT_ENCODING}`);
  const bytes = wire.body instanceof Uint8Array ? wire.body : new Uint8Array(wire.body);
  const body = JSON.parse(utf8.decode(gunzipSync(bytes))) as SnapshotBody;
  return { ...body, user: wire.user, serverTime: wire.serverTime };
}

/** A replay as it came, with its snapshot (if any) unpacked. */
export function decodeReplay(wire: ReplayWire): ReplayResult {
  return wire.kind === 'snapshot' ? { kind: 'snapshot', snapshot: decodeSnapshot(wire.snapshot) } : wire;
}
