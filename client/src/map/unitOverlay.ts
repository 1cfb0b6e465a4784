/**
 * The fleet drawn on a 2D canvas over the map instead of as a map layer. Thousands of units gliding
 * through a GeoJSON source kept MapLibre re-tiling, re-placing and repainting the whole WebGL map
 * several times per update; with software GL every repaint blocks the page for 50–200 ms (the
 * browser reads the canvas back for its compositor). Here a glide step is a few milliseconds of
 * sprite blits and the map repaints only when the camera or the calls and hospitals change.
 * Same symbols as before: arrow (standard) or diamond (critical care) along the heading, filled with
 * the status colour, a halo, the call sign below where it fits, a ring round the chosen unit.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Unit } from '@dispatch/shared';
import { UNIT_STATUS_COLOUR } from './colours.ts';

export interface UnitOverlayOptions {
  dark: boolean;
  /** Symbol scale (wall display). */
  scale: number;
  font: string;
}

/** Above this many units, call signs show only from street zoom: thousands of labels are noise. */
export const LABEL_ALL_UNITS_MAX = 300;
export const LABEL_MIN_ZOOM_BIG_FLEET = 12;

type Kind = Unit['kind'];

/** Headings are drawn in steps of this many degrees: one pre-rotated sprite each, blitted unrotated. */
const HEADING_STEP = 10;

export class UnitOverlay {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private sprites = new Map<string, HTMLCanvasElement>();
  private ratio = 1;
  /** Where each unit was drawn last, in CSS pixels (hit testing). */
  private ids: number[] = [];
  private xs = new Float32Array(0);
  private ys = new Float32Array(0);
  private drawnLonLat = new Map<number, [number, number]>();

  constructor(
    private readonly map: MapLibreMap,
    private readonly opts: UnitOverlayOptions,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'city-map__units';
    this.canvas.setAttribute('aria-hidden', 'true');
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d canvas');
    this.ctx = ctx;
    map.getCanvasContainer().appendChild(this.canvas);
    this.resize();
  }

  remove(): void {
    this.canvas.remove();
  }

  resize(): void {
    const { clientWidth: w, clientHeight: h } = this.map.getCanvas();
    this.ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, Math.round(w * this.ratio));
    this.canvas.height = Math.max(1, Math.round(h * this.ratio));
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    this.sprites.clear();
  }

  /** Draw every unit at `position(u)`; returns nothing, remembers where each one went. */
  draw(units: Iterable<Unit>, count: number, position: (u: Unit) => [number, number], selectedId: number | null): void {
    const { ctx, ratio, map } = this;
    const w = this.canvas.width / ratio;
    const h = this.canvas.height / ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (this.ids.length < count) {
      this.xs = new Float32Array(count);
      this.ys = new Float32Array(count);
    }
    this.ids.length = 0;
    this.drawnLonLat.clear();
    const k = this.opts.scale;
    const labels = count <= LABEL_ALL_UNITS_MAX || map.getZoom() >= LABEL_MIN_ZOOM_BIG_FLEET;
    const margin = 40 * k;
    const placed: number[] = [];
    let selected: [number, number] | null = null;
    const labelled: [Unit, number, number][] = [];
    let n = 0;
    for (const u of units) {
      const lonLat = position(u);
      this.drawnLonLat.set(u.id, lonLat);
      const p = map.project(lonLat);
      if (p.x < -margin || p.y < -margin || p.x > w + margin || p.y > h + margin) continue;
      this.ids.push(u.id);
      this.xs[n] = p.x;
      this.ys[n] = p.y;
      n++;
      const sprite = this.sprite(u.kind, u.status, u.heading || 0);
      const half = sprite.width / ratio / 2;
      ctx.drawImage(sprite, Math.round((p.x - half) * ratio) / ratio, Math.round((p.y - half) * ratio) / ratio, half * 2, half * 2);
      if (u.id === selectedId) selected = [p.x, p.y];
      if (labels) labelled.push([u, p.x, p.y]);
    }
    if (labels) this.drawLabels(labelled, placed);
    if (selected) {
      ctx.beginPath();
      ctx.arc(selected[0], selected[1], 16, 0, Math.PI * 2);
      ctx.lineWidth = 3;
      ctx.strokeStyle = this.opts.dark ? '#ffffff' : '#1f5fbf';
      ctx.stroke();
    }
  }

  /** The unit under a point of the map (CSS pixels), if any. */
  hit(x: number, y: number): number | null {
    const r = 10 * this.opts.scale;
    let best: number | null = null;
    let bestD = r * r;
    for (let i = 0; i < this.ids.length; i++) {
      const dx = (this.xs[i] ?? 0) - x;
      const dy = (this.ys[i] ?? 0) - y;
      const d = dx * dx + dy * dy;
      if (d <= bestD) {
        bestD = d;
        best = this.ids[i] ?? null;
      }
    }
    return best;
  }

  /** Where a unit was drawn last (tests, benchmarks). */
  drawnAt(id: number): [number, number] | null {
    return this.drawnLonLat.get(id) ?? null;
  }

  /** Call signs under their symbols, skipping any that would overlap one already placed. */
  private drawLabels(units: [Unit, number, number][], placed: number[]): void {
    const { ctx } = this;
    const k = this.opts.scale;
    const size = 10 * k;
    ctx.font = `${size}px ${this.opts.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.lineJoin = 'round';
    ctx.lineWidth = 2.4;
    ctx.strokeStyle = this.opts.dark ? '#0b1220' : '#ffffff';
    ctx.fillStyle = this.opts.dark ? '#e8eef7' : '#1d2733';
    for (const [u, x, y] of units) {
      const top = y + size * 1.1 - 1;
      const half = (u.callSign.length * size * 0.62) / 2 + 1;
      const box = [x - half, top, x + half, top + size + 2] as const;
      let free = true;
      for (let i = 0; i < placed.length && free; i += 4) {
        const x0 = placed[i] ?? 0, y0 = placed[i + 1] ?? 0, x1 = placed[i + 2] ?? 0, y1 = placed[i + 3] ?? 0;
        if (box[0] < x1 && box[2] > x0 && box[1] < y1 && box[3] > y0) free = false;
      }
      if (!free) continue;
      placed.push(...box);
      ctx.strokeText(u.callSign, x, top);
      ctx.fillText(u.callSign, x, top);
    }
  }

  /** A unit symbol, drawn once per kind, status and heading step at this pixel ratio. */
  private sprite(kind: Kind, status: Unit['status'], heading: number): HTMLCanvasElement {
    const step = Math.round((((heading % 360) + 360) % 360) / HEADING_STEP) % (360 / HEADING_STEP);
    const key = `${kind}:${status}:${step}`;
    const cached = this.sprites.get(key);
    if (cached) return cached;
    const critical = kind === 'critical_care';
    // As the map symbols were: a 24 px icon at 0.55 (0.62 critical care), halo 1 px (2.5 px).
    const icon = 24 * (critical ? 0.62 : 0.55) * this.opts.scale;
    const halo = critical ? 2.5 : 1;
    // Room for the halo at any rotation (the diagonal of the icon's box).
    const box = icon * Math.SQRT2 + 2 * (halo + 1);
    const c = document.createElement('canvas');
    c.width = c.height = Math.ceil(box * this.ratio);
    const g = c.getContext('2d');
    if (!g) return c;
    g.scale(this.ratio, this.ratio);
    g.translate(box / 2, box / 2);
    g.rotate((step * HEADING_STEP * Math.PI) / 180);
    g.scale(icon / 48, icon / 48);
    g.translate(-24, -24);
    // The shapes of icons.ts, in its 48-unit box.
    g.beginPath();
    if (critical) {
      g.moveTo(24, 2);
      g.lineTo(44, 26);
      g.lineTo(24, 46);
      g.lineTo(4, 26);
    } else {
      g.moveTo(24, 4);
      g.lineTo(40, 42);
      g.lineTo(24, 33);
      g.lineTo(8, 42);
    }
    g.closePath();
    g.lineJoin = 'round';
    g.lineWidth = (2 * halo * 48) / icon;
    g.strokeStyle = this.opts.dark ? '#0b1220' : '#ffffff';
    g.stroke();
    g.fillStyle = UNIT_STATUS_COLOUR[status];
    g.fill();
    this.sprites.set(key, c);
    return c;
  }
}
