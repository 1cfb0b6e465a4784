/**
 * One snapshot build for every console of a view that is waiting for one. After an instance restart a
 * thousand consoles ask at once; reading and compressing the state a thousand times took a minute.
 *
 * A console must get a state read after it joined its rooms: then every change committed after the read
 * reaches it as a push. So a request never takes a build already under way (it may have read before the
 * console joined); it waits for the next build, which starts as soon as the current one ends and serves
 * every request that came in meanwhile. Correct whatever changed in between (events or only positions,
 * which are not logged): at most one build per view is running and one queued.
 */
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { roomOf, type Audience, type SnapshotBody } from '@dispatch/shared';

const gzipAsync = promisify(gzip);

/** The body's wire form (snapshotWire.ts decodes it). Level 6: 1.7 MB of 5,000 units to ~210 KB in ~30 ms, off the event loop (zlib's thread pool). */
export function encodeSnapshotBody(body: SnapshotBody): Promise<Buffer> {
  return gzipAsync(JSON.stringify(body), { level: 6 });
}

export interface SharedSnapshot {
  seq: number;
  /** gzip of the body's JSON, sent as is to every socket of the view. */
  body: Buffer;
}

interface Waiting {
  promise: Promise<SharedSnapshot>;
  resolve: (s: SharedSnapshot) => void;
  reject: (e: unknown) => void;
}

interface View {
  audience: Audience;
  running: boolean;
  next: Waiting | null;
}

export class SnapshotShare {
  private readonly views = new Map<string, View>();
  /** Bench only (the reconnect-storm bench's same-run baseline): one build per request, as before issue 18. */
  unshared = false;

  constructor(
    /** Read a view's state (one repeatable-read transaction). */
    private readonly read: (audience: Audience) => Promise<SnapshotBody>,
    private readonly onBuilt?: (audience: Audience, bytes: number) => void,
  ) {}

  /** A snapshot of the audience's view (the nurses of one hospital share one) whose read began after this call. */
  get(audience: Audience): Promise<SharedSnapshot> {
    if (this.unshared) return this.build(audience);
    const view = roomOf(audience);
    let v = this.views.get(view);
    if (!v) this.views.set(view, (v = { audience, running: false, next: null }));
    if (!v.next) {
      let resolve!: (s: SharedSnapshot) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<SharedSnapshot>((res, rej) => ((resolve = res), (reject = rej)));
      v.next = { promise, resolve, reject };
    }
    const waiting = v.next;
    if (!v.running) this.run(view, v);
    return waiting.promise;
  }

  private run(view: string, v: View): void {
    const group = v.next;
    if (!group) {
      this.views.delete(view);
      return;
    }
    v.next = null;
    v.running = true;
    void this.build(v.audience).then(group.resolve, group.reject).finally(() => {
      v.running = false;
      this.run(view, v);
    });
  }

  private async build(audience: Audience): Promise<SharedSnapshot> {
    const state = await this.read(audience);
    const body = await encodeSnapshotBody(state);
    this.onBuilt?.(audience, body.byteLength);
    return { seq: state.seq, body };
  }
}
