/**
 * The Prometheus series of one app instance. Each buildApp makes its own Registry (tests run several
 * servers in one process; the global default registry would collide on names). Code that records
 * takes this object as an optional dependency, so the hub and plugins stay usable without metrics.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Where a resync came from: the handshake's lastSeq, or the client's 'resync' request after a gap. */
export type ResyncTrigger = 'connect' | 'request';

export interface PoolStats {
  /** Connections configured at most. */
  max: number;
  /** Queries and transactions under way (each holds, or waits for, a connection). */
  inFlight: number;
}

export interface MetricsSources {
  isDegraded: () => boolean;
  /** Connected sockets per room on this instance (socket-id, user: and session: rooms left out). */
  socketsByRoom: () => Map<string, number>;
  /** null for the embedded PGlite: one in-process connection, no pool to watch (its gauges stay 0). */
  pool: () => PoolStats | null;
}

const PUSH_LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const FRAME_BYTES_BUCKETS = [20, 100, 400, 1_000, 4_000, 10_000, 40_000, 100_000];

export function createMetrics() {
  const registry = new Registry();
  // Process CPU, memory, handles, GC and event-loop lag (nodejs_eventloop_lag_*), prefixed like ours.
  collectDefaultMetrics({ register: registry, prefix: 'dispatch_' });
  let sources: MetricsSources | null = null;

  const m = {
    registry,
    httpRequests: new Counter({
      name: 'dispatch_http_requests_total',
      help: 'HTTP requests answered, by route pattern (not the raw URL), method and status',
      labelNames: ['route', 'method', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'dispatch_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern and method',
      labelNames: ['route', 'method'] as const,
      buckets: HTTP_BUCKETS,
      registers: [registry],
    }),
    pushLag: new Histogram({
      name: 'dispatch_push_lag_seconds',
      help: "From an event's time in the log (written by its committing transaction) to its emit to the rooms",
      buckets: PUSH_LAG_BUCKETS,
      registers: [registry],
    }),
    positionFrames: new Counter({
      name: 'dispatch_position_frames_total',
      help: 'Position frames emitted (one per room per flush)',
      labelNames: ['room_kind'] as const,
      registers: [registry],
    }),
    positionFrameBytes: new Histogram({
      name: 'dispatch_position_frame_bytes',
      help: 'Size of an emitted position frame (binary, 20 bytes a fix)',
      buckets: FRAME_BYTES_BUCKETS,
      registers: [registry],
    }),
    slowConsumersDropped: new Counter({
      name: 'dispatch_slow_consumers_dropped_total',
      help: 'Consoles cut because their unsent backlog passed SLOW_CONSUMER_MAX_BYTES or _PACKETS',
      registers: [registry],
    }),
    resyncs: new Counter({
      name: 'dispatch_resyncs_total',
      help: 'Console syncs, by trigger (connect, request) and outcome (replay of what was missed, or a full snapshot)',
      labelNames: ['trigger', 'outcome'] as const,
      registers: [registry],
    }),
    snapshotBuilds: new Counter({
      name: 'dispatch_snapshot_builds_total',
      help: 'Snapshot bodies read and compressed; each is shared by every console of its view that asked while the one before was being built',
      labelNames: ['view_kind'] as const,
      registers: [registry],
    }),
    snapshotBytes: new Histogram({
      name: 'dispatch_snapshot_bytes',
      help: 'Size on the wire of a built snapshot body (gzip-compressed JSON)',
      buckets: [4096, 16384, 65536, 131072, 262144, 524288, 1048576, 4194304],
      registers: [registry],
    }),
    alertMonitorRuns: new Counter({
      name: 'dispatch_alert_monitor_runs_total',
      help: 'Surge alert monitor checks, by outcome (ok, failed)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    idempotencyReplays: new Counter({
      name: 'dispatch_idempotency_replays_total',
      help: 'Retried writes answered from their stored result instead of running again',
      registers: [registry],
    }),
    /** Tell the collected gauges where to read; set once the app's parts exist. */
    setSources(s: MetricsSources) {
      sources = s;
    },
  };

  new Gauge({
    name: 'dispatch_degraded',
    help: '1 while this instance is degraded (database not answering its pings: writes get 503), else 0',
    registers: [registry],
    collect() {
      this.set(sources?.isDegraded() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'dispatch_sockets_connected',
    help: 'Consoles connected to this instance, by room',
    labelNames: ['room'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [room, n] of sources?.socketsByRoom() ?? []) this.set({ room }, n);
    },
  });
  // postgres.js exposes no pool counts; the wrapper in db/client.ts counts what is under way, and what
  // passes the pool size is waiting (queued or pipelined behind another query on a busy connection).
  new Gauge({
    name: 'dispatch_db_pool_in_use',
    help: 'Database connections busy with a query or transaction (PostgreSQL only)',
    registers: [registry],
    collect() {
      const p = sources?.pool();
      if (p) this.set(Math.min(p.inFlight, p.max));
    },
  });
  new Gauge({
    name: 'dispatch_db_pool_waiting',
    help: 'Queries and transactions waiting for a database connection (PostgreSQL only)',
    registers: [registry],
    collect() {
      const p = sources?.pool();
      if (p) this.set(Math.max(0, p.inFlight - p.max));
    },
  });
  new Gauge({
    name: 'dispatch_db_pool_max',
    help: 'Database connections this instance may open (PostgreSQL only)',
    registers: [registry],
    collect() {
      const p = sources?.pool();
      if (p) this.set(p.max);
    },
  });
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** A room name as a label of bounded cardinality: hospital:<id> rooms are few (one per hospital). */
export function roomKind(room: string): string {
  return room.startsWith('hospital:') ? 'hospital' : room;
}
