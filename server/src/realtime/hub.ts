/** Socket.IO on the server's port: authenticated consoles, rooms by role, logged events fanned out. */
import type { Server as HttpServer } from 'node:http';
import { encodePositions, PROTOCOL_VERSION, pushTargets, roomsOf, SNAPSHOT_ENCODING, type CityProfile, type LiveEvent } from '@dispatch/shared';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  HandshakeAuth,
  ReplayWire,
  ServerToClientEvents,
  SocketData,
  Snapshot,
} from '@dispatch/shared';
import type { Db } from '../db/client.ts';
import type { LoggedEvent } from '../events/log.ts';
import { audienceOf, type Audience } from '../presenters/audience.ts';
import type { SessionStore } from '../auth/sessions.ts';
import { buildSnapshotBody } from './snapshot.ts';
import { SnapshotShare } from './snapshotShare.ts';
import { eventsAfter, MAX_REPLAY, REPLAY_OVERLAP, toLiveEvent } from './replay.ts';
import { PositionCoalescer } from './positions.ts';
import { HEARTBEAT_MS, startHeartbeat } from './heartbeat.ts';
import { DEFAULT_INBOUND_LIMIT, InboundThrottle, type InboundLimit } from './throttle.ts';
import type { Logger } from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { roomKind, type Metrics, type ResyncTrigger } from '../metrics/registry.ts';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface HubOptions {
  db: Db;
  sessions: SessionStore;
  clock: () => Date;
  log: FastifyBaseLogger | Logger;
  isOriginAllowed: (origin: string | undefined, host: string | undefined) => boolean;
  isDegraded: () => boolean;
  demo: () => Snapshot['demo'];
  /** The loaded city's rule profile, for the consoles' ICU targets and destination checks. */
  city: () => CityProfile;
  /** The shortest time between two position frames (POSITION_FRAME_MIN_MS). */
  positionFrameMinMs?: number;
  /** Per-socket limit on inbound events (resync, ping). */
  inboundLimit?: InboundLimit;
  /** Socket.IO adapter shared by several instances (Redis); the in-memory default otherwise. */
  adapter?: ServerOptions['adapter'];
  /** Past either limit a console's unsent backlog is dropped with its connection; it resyncs by lastSeq. */
  slowConsumer?: { maxBytes: number; maxPackets: number; checkMs?: number };
  /** How often consoles hear the log's newest seq (GapWatch); 0 turns the heartbeat off. */
  heartbeatMs?: number;
  /** The instance's Prometheus series; absent in tests of the hub alone. */
  metrics?: Metrics;
}

export class RealtimeHub {
  readonly io: IoServer;
  readonly positions: PositionCoalescer;
  readonly snapshots: SnapshotShare;

  constructor(
    httpServer: HttpServer,
    private readonly opts: HubOptions,
  ) {
    this.snapshots = new SnapshotShare(
      (audience) => buildSnapshotBody(opts.db, audience, opts.clock(), { degraded: opts.isDegraded(), demo: opts.demo(), city: opts.city() }),
      (audience, bytes) => {
        opts.metrics?.snapshotBuilds.inc({ view_kind: audience.kind });
        opts.metrics?.snapshotBytes.observe(bytes);
      },
    );
    this.io = new Server(httpServer, {
      serveClient: false,
      // Small frames, many consoles: compression costs more CPU than it saves on a LAN.
      perMessageDeflate: false,
      maxHttpBufferSize: 64 * 1024,
      allowRequest: (req, callback) => callback(null, opts.isOriginAllowed(req.headers.origin, req.headers.host)),
      ...(opts.adapter ? { adapter: opts.adapter } : {}),
    });
    this.positions = new PositionCoalescer(
      {
        emit: (room, frame) => {
          const wire = encodePositions(frame);
          opts.metrics?.positionFrames.inc({ room_kind: roomKind(room) });
          // The fix bytes; the envelope (the frame time, the binary attachment header) adds a few dozen.
          opts.metrics?.positionFrameBytes.observe(wire.fixes.byteLength);
          this.io.to(room).emit('positions', wire);
        },
      },
      opts.positionFrameMinMs,
    );
    this.io.use((socket, next) => {
      void this.authenticate(socket).then(
        (ok) => next(ok ? undefined : Object.assign(new Error('unauthenticated'), { data: { code: 'UNAUTHENTICATED' } })),
        (error: unknown) => next(error instanceof Error ? error : new Error('handshake failed')),
      );
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
    this.positions.start();
    if (opts.slowConsumer) this.slowConsumers = startSlowConsumerWatch(this.io, opts.slowConsumer, opts.log, () => opts.metrics?.slowConsumersDropped.inc());
    const heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_MS;
    if (heartbeatMs > 0) this.stopHeartbeat = startHeartbeat(this.io, opts.db, heartbeatMs, (err) => opts.log.debug({ err }, 'heartbeat skipped: log not readable'));
  }

  private slowConsumers: NodeJS.Timeout | null = null;
  private stopHeartbeat: (() => void) | null = null;

  private async authenticate(socket: IoSocket): Promise<boolean> {
    const auth = (socket.handshake.auth ?? {}) as HandshakeAuth;
    const token = typeof auth.token === 'string' ? auth.token : readCookie(socket.handshake.headers.cookie, 'sid');
    if (!token) return false;
    const session = await this.opts.sessions.resolve(token);
    if (!session || !audienceOf(session.user)) return false;
    socket.data.user = session.user;
    socket.data.sessionId = session.sessionId;
    return true;
  }

  private onConnection(socket: IoSocket): void {
    // A console built for another protocol is told to reload (as tldraw's sync-core does), before it joins
    // any room or gets a snapshot it could misread. The handshake succeeded, so it can hear the event.
    const protocol = (socket.handshake.auth as HandshakeAuth | undefined)?.protocol;
    if (protocol !== PROTOCOL_VERSION) {
      socket.emit('reload', { protocol: PROTOCOL_VERSION, reason: protocol === undefined ? 'no protocol version in the handshake' : `protocol ${String(protocol)} is not ${PROTOCOL_VERSION}` });
      socket.disconnect(true);
      return;
    }
    const user = socket.data.user;
    const audience = audienceOf(user);
    if (!audience) {
      socket.disconnect(true);
      return;
    }
    const throttle = new InboundThrottle(this.opts.inboundLimit ?? DEFAULT_INBOUND_LIMIT, Date.now());
    socket.use((_packet, next) => {
      const verdict = throttle.take(Date.now());
      if (verdict === 'pass') return next();
      if (verdict === 'disconnect') {
        this.opts.log.warn({ user: user.username }, 'socket flooding: disconnected');
        socket.disconnect(true);
      }
      // A dropped event gets no ack: the client's own timeout tells it to slow down.
    });
    // Only the server joins rooms; clients have no event that names one.
    void socket.join([...roomsOf(user), `user:${user.id}`, `session:${socket.data.sessionId}`]);
    const auth = (socket.handshake.auth ?? {}) as HandshakeAuth;
    const lastSeq = seqOrNull(auth.lastSeq);
    void this.sync(socket, audience, lastSeq, 'connect').then(
      (result) => {
        if (result.kind === 'snapshot') socket.emit('snapshot', result.snapshot);
        else socket.emit('replay', result);
      },
      (error: unknown) => {
        this.opts.log.warn({ err: error }, 'initial sync failed');
        socket.emit('server:status', { degraded: true, reason: 'sync failed' });
      },
    );
    onRequest(socket, 'resync', (request, ack) => {
      const seq = seqOrNull((request as { lastSeq?: unknown } | null | undefined)?.lastSeq);
      this.sync(socket, audience, seq, 'request').then(
        (value) => ack({ ok: true, value }),
        () => ack({ ok: false, code: 'UNAVAILABLE', message: 'resync failed; try again' }),
      );
    });
    onRequest(socket, 'ping', (_sentAt, ack) => ack(Date.now()));
  }

  /** Exactly what was missed after `lastSeq`, or a snapshot when that is unknown or too much. */
  async sync(socket: IoSocket, audience: Audience, lastSeq: number | null, trigger: ResyncTrigger = 'request'): Promise<ReplayWire> {
    const result = await this.syncResult(socket, audience, lastSeq);
    this.opts.metrics?.resyncs.inc({ trigger, outcome: result.kind });
    return result;
  }

  private async syncResult(socket: IoSocket, audience: Audience, lastSeq: number | null): Promise<ReplayWire> {
    if (lastSeq !== null && lastSeq >= 0) {
      // Pushes from concurrent commits (or from another instance through Redis) can arrive a little
      // out of order, so a console at seq N may still lack a few events just below N. Replaying a short
      // overlap costs little: the reducer drops what it already has, per entity.
      const fromSeq = Math.max(0, lastSeq - REPLAY_OVERLAP);
      const missed = await eventsAfter(this.opts.db, audience, fromSeq);
      if (missed.length <= MAX_REPLAY) {
        const events = missed.map((e) => toLiveEvent(audience, e));
        return { kind: 'replay', fromSeq, toSeq: events.at(-1)?.seq ?? lastSeq, events };
      }
    }
    const shared = await this.snapshots.get(audience);
    return {
      kind: 'snapshot',
      snapshot: { protocol: PROTOCOL_VERSION, seq: shared.seq, serverTime: this.opts.clock().toISOString(), user: socket.data.user, encoding: SNAPSHOT_ENCODING, body: shared.body },
    };
  }

  /**
   * Fan out committed events in sequence order, each presented for the audience of its room (the visibility
   * policy). One packet per room for the whole commit: a batch of 10 line events to 500 consoles was 5,000
   * writes, each its own frame and system call, and the fan-out fell behind a ringing storm (bench/ringing.ts).
   */
  publish(events: LoggedEvent[]): void {
    const now = Date.now();
    const byRoom = new Map<string, LiveEvent[]>();
    for (const e of events) {
      // A test clock may date events anywhere; a negative lag would only mean that.
      this.opts.metrics?.pushLag.observe(Math.max(0, now - e.at.getTime()) / 1000);
      for (const { room, audience } of pushTargets(e)) {
        const list = byRoom.get(room) ?? [];
        list.push(toLiveEvent(audience, e));
        byRoom.set(room, list);
      }
    }
    for (const [room, list] of byRoom) this.io.to(room).emit('events', list);
  }

  /** Sockets connected here per named room; the per-socket, user: and session: rooms are left out (unbounded). */
  socketsByRoom(): Map<string, number> {
    const counts = new Map<string, number>();
    const { rooms, sids } = this.io.of('/').adapter;
    for (const [room, members] of rooms) {
      if (sids.has(room) || room.startsWith('user:') || room.startsWith('session:')) continue;
      counts.set(room, members.size);
    }
    return counts;
  }

  /** A revoked session or disabled user loses its sockets at once. */
  endSessions(room: `session:${string}` | `user:${number}`, reason: string): void {
    this.io.to(room).emit('session:ended', { reason });
    this.io.in(room).disconnectSockets(true);
  }

  /** This instance's own state: only its own consoles hear it, even with a shared adapter. */
  setDegraded(degraded: boolean, reason: string | null): void {
    this.io.local.emit('server:status', { degraded, reason });
  }

  async close(reconnectInMs = 1000): Promise<void> {
    this.positions.stop();
    if (this.slowConsumers) clearInterval(this.slowConsumers);
    this.stopHeartbeat?.();
    this.io.local.emit('server:shutdown', { reconnectInMs });
    await new Promise<void>((resolve) => {
      void this.io.close(() => resolve());
      setTimeout(resolve, 2000).unref();
    });
  }
}

/**
 * Listen for a client request. Clients are untrusted: the ack is whatever function came last (none:
 * ignored), the payload whatever came first, so a missing or extra argument still gets an answer.
 */
function onRequest(socket: IoSocket, event: keyof ClientToServerEvents, handle: (payload: unknown, ack: (answer: unknown) => void) => void): void {
  (socket as unknown as NodeJS.EventEmitter).on(event, (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    handle(args.length > 1 ? args[0] : undefined, ack as (answer: unknown) => void);
  });
}

/** A sequence number from the client, or null: anything else (NaN, 1e300, "5", {}) means "send a snapshot". */
function seqOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Bytes and packets a console has not taken yet: engine.io's queue plus what the WebSocket still holds. */
export function backlogOf(socket: IoSocket): { bytes: number; packets: number } {
  const conn = socket.conn as unknown as { writeBuffer?: unknown[]; transport?: { socket?: { bufferedAmount?: number } } };
  return { packets: conn.writeBuffer?.length ?? 0, bytes: conn.transport?.socket?.bufferedAmount ?? 0 };
}

/**
 * A console on a slow link must not hold the others back or grow the server's memory: once its
 * backlog passes a limit the connection is cut (the backlog goes with it) and the client resyncs
 * from its lastSeq, which costs one replay instead of an ever-growing queue.
 */
function startSlowConsumerWatch(io: IoServer, limits: { maxBytes: number; maxPackets: number; checkMs?: number }, log: HubOptions['log'], onDrop: () => void): NodeJS.Timeout {
  const timer = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) {
      const backlog = backlogOf(socket);
      if (backlog.bytes <= limits.maxBytes && backlog.packets <= limits.maxPackets) continue;
      log.warn({ user: socket.data.user?.username, ...backlog }, 'slow consumer: dropping its backlog and connection; it will resync');
      const ws = (socket.conn as unknown as { transport?: { socket?: { terminate?: () => void } } }).transport?.socket;
      // close(true) discards engine.io's queue; terminate frees the bytes the WebSocket still holds.
      socket.conn.close(true);
      ws?.terminate?.();
      onDrop();
    }
  }, limits.checkMs ?? 250);
  timer.unref();
  return timer;
}
