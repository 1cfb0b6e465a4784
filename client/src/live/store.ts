/**
 * The console's live state: fed by the socket, read by React through useLive() / useLiveEntities().
 * Position frames (4 a second with a big fleet) update the state in place and notify map listeners
 * directly; React hears of them only through the all-changes channel, so panels that show no
 * positions subscribe to entity changes alone and do not re-render on every frame.
 */
import {
  applyEvent,
  applyPositions,
  applySnapshot,
  createLiveState,
  type LiveEvent,
  type LiveState,
  type PositionFrame,
  type ReplayResult,
  type SessionUser,
  type Snapshot,
} from '@dispatch/shared';

/** `reloading` / `outdated`: the server speaks a newer protocol; the page reloads (or, right after a reload, asks to). */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'reloading' | 'outdated';

export interface ConnectionInfo {
  status: ConnectionStatus;
  degraded: boolean;
  /** Server clock minus ours, so timers count from the server's times. */
  clockOffsetMs: number;
  since: number;
}

type Listener = () => void;

class LiveStore {
  state: LiveState = createLiveState();
  user: SessionUser | null = null;
  demo: Snapshot['demo'] = null;
  connection: ConnectionInfo = { status: 'connecting', degraded: false, clockOffsetMs: 0, since: Date.now() };
  /** Bumped on every change, positions included. */
  version = 0;
  /** Bumped on changes other than positions: entities (events, snapshot, replay) and the connection. */
  entityVersion = 0;
  private listeners = new Set<Listener>();
  private entityListeners = new Set<Listener>();
  private eventListeners = new Set<(e: LiveEvent) => void>();
  private positionListeners = new Set<(f: PositionFrame) => void>();
  private scheduled = false;
  private entitiesChanged = false;

  subscribe = (listener: Listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = () => this.version;

  /** Like subscribe, but not called for position frames. */
  subscribeEntities = (listener: Listener) => {
    this.entityListeners.add(listener);
    return () => this.entityListeners.delete(listener);
  };

  getEntityVersion = () => this.entityVersion;

  onEvent(listener: (e: LiveEvent) => void) {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onPositions(listener: (f: PositionFrame) => void) {
    this.positionListeners.add(listener);
    return () => this.positionListeners.delete(listener);
  }

  snapshot(s: Snapshot) {
    this.state = applySnapshot(s);
    this.user = s.user;
    this.demo = s.demo;
    this.connection = { ...this.connection, degraded: s.degraded, clockOffsetMs: Date.parse(s.serverTime) - Date.now() };
    this.changed();
  }

  replay(r: ReplayResult) {
    if (r.kind === 'snapshot') return this.snapshot(r.snapshot);
    // A replay overlaps what we already hold; only what is new may ring a bell or raise an alert.
    for (const e of r.events) if (applyEvent(this.state, e)) this.emitEvent(e);
    if (r.toSeq > this.state.seq) this.state.seq = r.toSeq;
    this.changed();
  }

  event(e: LiveEvent) {
    if (applyEvent(this.state, e)) {
      this.emitEvent(e);
      this.changed();
    }
  }

  positions(f: PositionFrame) {
    applyPositions(this.state, f);
    for (const l of this.positionListeners) l(f);
    this.changed(false);
  }

  setConnection(patch: Partial<ConnectionInfo>) {
    const status = patch.status ?? this.connection.status;
    this.connection = { ...this.connection, ...patch, since: status !== this.connection.status ? Date.now() : this.connection.since };
    this.changed();
  }

  reset() {
    this.state = createLiveState();
    this.user = null;
    this.changed();
  }

  /** Server-aligned now. */
  now(): number {
    return Date.now() + this.connection.clockOffsetMs;
  }

  private emitEvent(e: LiveEvent) {
    for (const l of this.eventListeners) l(e);
  }

  /** Coalesce notifications to one per animation frame: a burst of events renders once. */
  private changed(entities = true) {
    this.version++;
    if (entities) {
      this.entityVersion++;
      this.entitiesChanged = true;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    const flush = () => {
      this.scheduled = false;
      const entitiesToo = this.entitiesChanged;
      this.entitiesChanged = false;
      for (const l of this.listeners) l();
      if (entitiesToo) for (const l of this.entityListeners) l();
    };
    if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(flush);
    else setTimeout(flush, 16);
  }
}

export const liveStore = new LiveStore();
export type { LiveStore };
