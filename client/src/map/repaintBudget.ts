/**
 * How often the live layers may be redrawn. A map repaint is cheap on a GPU but costs 50–200 ms
 * of blocked main thread with software GL (the browser reads the WebGL canvas back for its software
 * compositor and waits for it), so redrawing the glide 20 times a second froze the console. This
 * measures what a repaint costs here (frames with a map render against frames without) and spaces
 * live redraws so the map takes at most `share` of the main thread: 20 Hz on a GPU, a few Hz on
 * SwiftShader, and the rest of the console stays responsive either way.
 */
export interface RepaintBudgetOptions {
  /** Share of the main thread live redraws may use. */
  share?: number;
  minIntervalMs?: number;
  maxIntervalMs?: number;
}

const FRAME_MS = 1000 / 60;
// Weight of the newest sample: adapts within a few repaints, one slow frame does not swing it.
const ALPHA = 0.25;

export class RepaintBudget {
  private readonly share: number;
  private readonly minMs: number;
  private readonly maxMs: number;
  private renderFrameMs = FRAME_MS;
  private plainFrameMs = FRAME_MS;
  private lastRenderAt = -Infinity;
  private prevFrameAt: number | null = null;

  constructor(opts: RepaintBudgetOptions = {}) {
    this.share = opts.share ?? 0.3;
    this.minMs = opts.minIntervalMs ?? 50;
    this.maxMs = opts.maxIntervalMs ?? 800;
  }

  /** The map rendered (its 'render' event). */
  rendered(at: number): void {
    this.lastRenderAt = at;
  }

  /** Start of an animation frame (its requestAnimationFrame timestamp): closes the previous frame. */
  frame(at: number): void {
    const prev = this.prevFrameAt;
    this.prevFrameAt = at;
    if (prev === null) return;
    const ms = at - prev;
    // A gap of seconds is a hidden tab or a paused page, not a repaint.
    if (ms <= 0 || ms > 5000) return;
    if (this.lastRenderAt >= prev && this.lastRenderAt < at) this.renderFrameMs += ALPHA * (ms - this.renderFrameMs);
    else this.plainFrameMs += ALPHA * (ms - this.plainFrameMs);
  }

  /**
   * What one map repaint costs the main thread, beyond a plain frame. Against the nominal frame when
   * the map has been repainting every frame (no plain frames lately to compare with).
   */
  costMs(): number {
    return Math.max(0, this.renderFrameMs - Math.min(this.plainFrameMs, FRAME_MS * 2));
  }

  /** Least time between two live redraws. */
  intervalMs(): number {
    return Math.min(this.maxMs, Math.max(this.minMs, this.costMs() / this.share));
  }
}
