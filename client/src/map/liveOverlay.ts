/**
 * The fleet and every live label, drawn on a 2D canvas over the map instead of as map layers.
 * Thousands of units gliding through a GeoJSON source kept MapLibre re-tiling, re-placing and
 * repainting the whole WebGL map several times per update; with software GL every repaint blocks the
 * page for 50–200 ms. Here a glide step is a few milliseconds of sprite blits.
 *
 * The labels are here too (hospital names and figures, call signs, call ages, town names), so one
 * placement pass (declutter.ts) keeps every label off every other label and off every symbol: a call
 * sign can no longer be painted over a hospital's name, and a unit can no longer hide it. At city zoom,
 * units that would sit on one another are one bubble (clusters.ts) with their count, a ring by status
 * and a diamond badge counting the critical-care units inside.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Unit } from '@dispatch/shared';
import { CLASS_COLOUR, UNIT_STATUS_COLOUR } from './colours.ts';
import { clusterUnits, type CallCluster, type UnitClusters } from './clusters.ts';
import { placeLabels, symbolBox, type Box, type LabelRequest, type PlacedLabel } from './declutter.ts';
import type { ClinicalClass } from '@dispatch/shared';

export interface OverlayOptions {
  dark: boolean;
  /** Symbol scale (wall display). */
  scale: number;
  font: string;
}

/** Above this many units, call signs show only from street zoom: thousands of labels are noise. */
export const LABEL_ALL_UNITS_MAX = 300;
export const LABEL_MIN_ZOOM_BIG_FLEET = 12;
/** Unit bubbles are rebuilt at most this often while units glide (and at once on a zoom step). */
const RECLUSTER_MS = 500;

type Kind = Unit['kind'];

/** Headings are drawn in steps of this many degrees: one pre-rotated sprite each, blitted unrotated. */
const HEADING_STEP = 10;

export interface CallMark {
  id: number;
  lon: number;
  lat: number;
  clinicalClass: ClinicalClass;
  waitLabel: string;
}

export interface HospitalMark {
  id: number;
  lon: number;
  lat: number;
  name: string;
  gauge: string;
  major: boolean;
  diversion: boolean;
}

export interface TownMark {
  name: string;
  lon: number;
  lat: number;
  rank: number;
}

export interface OverlayScene {
  units: Iterable<Unit>;
  unitCount: number;
  /** Changes whenever a unit's status or the set of units changes (rebuild the bubbles). */
  unitsVersion: number;
  position: (u: Unit) => [number, number];
  selectedUnitId: number | null;
  /** The call being worked: its units are never in a bubble either. */
  selectedCallId: number | null;
  calls: { singles: CallMark[]; clusters: CallCluster[] };
  hospitals: HospitalMark[];
  towns: TownMark[];
}

export type OverlayHit = { kind: 'unit'; id: number } | { kind: 'unit-cluster'; lon: number; lat: number; zoom: number };

/** What the last frame drew, in CSS pixels of the map: tests and benchmarks read it from the element. */
export interface DrawnScene {
  units: { id: number; x: number; y: number }[];
  unitClusters: { clusterId: number; x: number; y: number; count: number; criticalCare: number; members: number[] }[];
  callClusters: { clusterId: number; x: number; y: number; count: number; critical: number; severe: number }[];
  labels: (PlacedLabel & { text: string })[];
  symbols: Box[];
}

/** Call circle radii as calls-circle draws them (layers.ts), and the call bubbles'. */
export const callRadius = (k: number) => 10 * k;
export const callClusterRadius = (count: number, k: number) => (count >= 50 ? 20 : count >= 10 ? 16 : 13) * k;
const unitClusterRadius = (k: number) => 13 * k;

export class LiveOverlay {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private sprites = new Map<string, HTMLCanvasElement>();
  private widths = new Map<string, number>();
  private ratio = 1;
  /** Where each unit or bubble was drawn last, in CSS pixels (hit testing). */
  private hits: { x: number; y: number; r: number; hit: OverlayHit }[] = [];
  private drawnLonLat = new Map<number, [number, number]>();
  private clusters: UnitClusters | null = null;
  private clusteredAt = { ms: -Infinity, zoom: NaN, version: -1, selected: '' };
  private last: DrawnScene = { units: [], unitClusters: [], callClusters: [], labels: [], symbols: [] };

  constructor(
    private readonly map: MapLibreMap,
    private readonly opts: OverlayOptions,
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

  draw(scene: OverlayScene): void {
    const { ctx, ratio, map } = this;
    const k = this.opts.scale;
    const w = this.canvas.width / ratio;
    const h = this.canvas.height / ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const margin = 40 * k;
    const onScreen = (x: number, y: number) => x >= -margin && y >= -margin && x <= w + margin && y <= h + margin;
    const zoom = map.getZoom();
    const byId = new Map<number, Unit>();
    for (const u of scene.units) byId.set(u.id, u);
    const clusters = this.unitClusters(scene, byId, zoom);

    const symbols: Box[] = [];
    const labels: LabelRequest[] = [];
    const texts = new Map<string, { lines: string[]; size: number; colour: string; town?: boolean }>();
    const hits: typeof this.hits = [];
    const drawn: DrawnScene = { units: [], unitClusters: [], callClusters: [], labels: [], symbols };
    this.drawnLonLat.clear();

    // Calls and hospitals are drawn by the map; here they are obstacles and carry labels.
    const ageSize = this.textSize(11);
    for (const c of scene.calls.singles) {
      const p = map.project([c.lon, c.lat]);
      if (!onScreen(p.x, p.y)) continue;
      const r = callRadius(k);
      symbols.push(symbolBox(p.x, p.y, r));
      const id = `call:${c.id}`;
      const priority = c.clinicalClass === 'critical' ? 5 : c.clinicalClass === 'severe' ? 20 : 45;
      labels.push(this.request(id, priority, p.x, p.y, r, [c.waitLabel], ageSize));
      texts.set(id, { lines: [c.waitLabel], size: ageSize, colour: CLASS_COLOUR[c.clinicalClass] });
    }
    for (const c of scene.calls.clusters) {
      const p = map.project([c.lon, c.lat]);
      if (!onScreen(p.x, p.y)) continue;
      const r = callClusterRadius(c.count, k);
      symbols.push(symbolBox(p.x, p.y, r + ((c.byClass.severe ?? 0) > 0 ? 5 * k : 0)));
      ctx.font = `700 ${(c.count >= 100 ? 10 : 11) * k}px ${this.opts.font}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = '#ffffff';
      ctx.fillText(String(c.count), p.x, p.y + 0.5);
      // How many severe patients wait inside (critical ones are never in a bubble).
      const severe = c.byClass.severe ?? 0;
      if (severe > 0) {
        this.drawBadge('disc', p.x + r * 0.8, p.y - r * 0.8, 6.5 * k, CLASS_COLOUR.severe, severe);
      }
      drawn.callClusters.push({ clusterId: c.clusterId, x: p.x, y: p.y, count: c.count, critical: c.byClass.critical ?? 0, severe: c.byClass.severe ?? 0 });
    }
    const nameSize = (major: boolean) => this.textSize(major ? 11 : 9.5);
    for (const hm of scene.hospitals) {
      const p = map.project([hm.lon, hm.lat]);
      if (!onScreen(p.x, p.y)) continue;
      const r = (hm.major ? 9 : 6) * k;
      symbols.push(symbolBox(p.x, p.y, r));
      const id = `hospital:${hm.id}`;
      const lines = [hm.name, hm.gauge];
      const size = nameSize(hm.major);
      labels.push({ ...this.request(id, hm.major ? 1 : 60, p.x, p.y, r, lines, size), keep: hm.major });
      texts.set(id, { lines, size, colour: hm.diversion ? '#b2182b' : this.textColour() });
    }
    const zoomedIn = zoom >= 11;
    for (const t of scene.towns) {
      const p = map.project([t.lon, t.lat]);
      if (p.x < 0 || p.y < 0 || p.x > w || p.y > h) continue;
      const id = `town:${t.name}:${t.lon}`;
      const size = this.textSize(t.rank <= 2 ? (zoomedIn ? 15 : 13) : zoomedIn ? 13 : 11);
      // A town's centre is where its station's bubble and its health centre sit: the name keeps clear of them.
      labels.push(this.request(id, t.rank <= 2 ? 35 : 70, p.x, p.y, 18 * k, [t.name], size));
      texts.set(id, { lines: [t.name], size, colour: '', town: true });
    }

    // The fleet: bubbles, then single units (the selected one last, on top).
    for (const c of clusters.clusters) {
      const p = map.project([c.lon, c.lat]);
      const members = clusters.members(c.clusterId);
      for (const id of members) this.drawnLonLat.set(id, [c.lon, c.lat]);
      if (!onScreen(p.x, p.y)) continue;
      const r = unitClusterRadius(k);
      this.drawUnitCluster(p.x, p.y, r, c.count, c.criticalCare, c.byStatus);
      symbols.push(symbolBox(p.x, p.y, r + (c.criticalCare > 0 ? 5 * k : 0)));
      hits.push({ x: p.x, y: p.y, r, hit: { kind: 'unit-cluster', lon: c.lon, lat: c.lat, zoom: Math.min(17, clusters.expansionZoom(c.clusterId)) } });
      drawn.unitClusters.push({ clusterId: c.clusterId, x: p.x, y: p.y, count: c.count, criticalCare: c.criticalCare, members });
    }
    const showSigns = scene.unitCount <= LABEL_ALL_UNITS_MAX || zoom >= LABEL_MIN_ZOOM_BIG_FLEET;
    const signSize = this.textSize(10);
    let selected: [number, number] | null = null;
    const singles: { u: Unit; p: { x: number; y: number } }[] = [];
    for (const id of clusters.singles) {
      const u = byId.get(id);
      if (!u) continue;
      const lonLat = scene.position(u);
      this.drawnLonLat.set(u.id, lonLat);
      const p = map.project(lonLat);
      if (onScreen(p.x, p.y)) singles.push({ u, p: { x: p.x, y: p.y } });
    }
    fanOut(singles, k);
    for (const { u, p } of singles) {
      const sprite = this.sprite(u.kind, u.status, u.heading || 0);
      const half = sprite.width / ratio / 2;
      ctx.drawImage(sprite, Math.round((p.x - half) * ratio) / ratio, Math.round((p.y - half) * ratio) / ratio, half * 2, half * 2);
      const r = (u.kind === 'critical_care' ? 9 : 8) * k;
      symbols.push(symbolBox(p.x, p.y, r));
      hits.push({ x: p.x, y: p.y, r: 10 * k, hit: { kind: 'unit', id: u.id } });
      drawn.units.push({ id: u.id, x: p.x, y: p.y });
      if (u.id === scene.selectedUnitId) selected = [p.x, p.y];
      if (showSigns) {
        const lid = `unit:${u.id}`;
        labels.push(this.request(lid, u.kind === 'critical_care' ? 30 : 50, p.x, p.y, r, [u.callSign], signSize));
        texts.set(lid, { lines: [u.callSign], size: signSize, colour: this.textColour() });
      }
    }

    // A critical call is never hidden under the fleet: its ring is drawn again above the units.
    for (const c of scene.calls.singles) {
      if (c.clinicalClass !== 'critical') continue;
      const p = map.project([c.lon, c.lat]);
      if (!onScreen(p.x, p.y)) continue;
      ctx.beginPath();
      ctx.arc(p.x, p.y, callRadius(k) - 1, 0, Math.PI * 2);
      ctx.lineWidth = 3 * k;
      ctx.strokeStyle = this.opts.dark ? '#0b1220' : '#ffffff';
      ctx.stroke();
      ctx.lineWidth = 2 * k;
      ctx.strokeStyle = CLASS_COLOUR.critical;
      ctx.stroke();
    }

    const placed = placeLabels(labels, symbols, { minX: 0, minY: 0, maxX: w, maxY: h });
    for (const l of placed) {
      const t = texts.get(l.id);
      if (!t) continue;
      // A name set apart from its symbol is tied to it by a thin line (to the nearest point of its box).
      if (l.far && !t.town) this.drawLeader(l);
      this.drawText(t.lines, l.cx, l.cy, t.size, t.town ? this.townColour() : t.colour, Boolean(t.town));
      drawn.labels.push({ ...l, text: t.lines.join(' ') });
    }
    if (selected) {
      ctx.beginPath();
      ctx.arc(selected[0], selected[1], 16 * k, 0, Math.PI * 2);
      ctx.lineWidth = 3;
      ctx.strokeStyle = this.opts.dark ? '#ffffff' : '#1f5fbf';
      ctx.stroke();
    }
    this.hits = hits;
    this.last = drawn;
  }

  /** The unit or unit bubble under a point of the map (CSS pixels), if any; the nearest wins. */
  hit(x: number, y: number): OverlayHit | null {
    let best: OverlayHit | null = null;
    let bestD = Infinity;
    for (const h of this.hits) {
      const d = Math.hypot(h.x - x, h.y - y);
      if (d <= h.r && d < bestD) {
        bestD = d;
        best = h.hit;
      }
    }
    return best;
  }

  /** Where a unit was drawn last: its own position, or its bubble's (tests, benchmarks). */
  drawnAt(id: number): [number, number] | null {
    return this.drawnLonLat.get(id) ?? null;
  }

  drawnScene(): DrawnScene {
    return this.last;
  }

  private unitClusters(scene: OverlayScene, byId: Map<number, Unit>, zoom: number): UnitClusters {
    const now = performance.now();
    const at = this.clusteredAt;
    const selected = `${scene.selectedUnitId}:${scene.selectedCallId}`;
    const stale = !this.clusters || Math.floor(zoom) !== Math.floor(at.zoom) || at.version !== scene.unitsVersion || at.selected !== selected || now - at.ms >= RECLUSTER_MS;
    if (stale || !this.clusters) {
      const points = [...byId.values()].map((u) => {
        const [lon, lat] = scene.position(u);
        return { id: u.id, kind: u.kind, status: u.status, lon, lat };
      });
      const apart = (id: number) => id === scene.selectedUnitId || (scene.selectedCallId !== null && byId.get(id)?.callId === scene.selectedCallId);
      this.clusters = clusterUnits(points, zoom, apart, this.opts.scale);
      this.clusteredAt = { ms: now, zoom, version: scene.unitsVersion, selected };
    }
    return this.clusters;
  }

  private textSize(base: number): number {
    const k = this.opts.scale;
    // A wall (scale above 1) is read from metres away: no map text under 12 px before scaling.
    return k > 1 ? Math.max(base, 12) * k : base;
  }

  private textColour(): string {
    return this.opts.dark ? '#e8eef7' : '#1d2733';
  }

  private townColour(): string {
    return this.opts.dark ? 'rgba(200, 214, 235, 0.75)' : 'rgba(60, 56, 50, 0.75)';
  }

  private request(id: string, priority: number, x: number, y: number, radius: number, lines: string[], size: number): LabelRequest {
    const width = Math.max(...lines.map((l) => this.measure(l, size))) + 4;
    return { id, priority, x, y, radius, width, height: lines.length * size * 1.2 + 2 };
  }

  private measure(text: string, size: number): number {
    const key = `${size}:${text}`;
    const known = this.widths.get(key);
    if (known !== undefined) return known;
    this.ctx.font = `${size}px ${this.opts.font}`;
    const width = this.ctx.measureText(text).width;
    this.widths.set(key, width);
    return width;
  }

  private drawLeader(l: PlacedLabel): void {
    const { ctx } = this;
    const x = Math.min(Math.max(l.ax, l.box.minX), l.box.maxX);
    const y = Math.min(Math.max(l.ay, l.box.minY), l.box.maxY);
    ctx.beginPath();
    ctx.moveTo(l.ax, l.ay);
    ctx.lineTo(x, y);
    ctx.lineWidth = 1.5 * this.opts.scale;
    ctx.strokeStyle = this.opts.dark ? 'rgba(232, 238, 247, 0.7)' : 'rgba(29, 39, 51, 0.6)';
    ctx.stroke();
  }

  private drawText(lines: string[], cx: number, cy: number, size: number, colour: string, town: boolean): void {
    const { ctx } = this;
    ctx.font = `${town ? '' : lines.length > 1 ? '600 ' : ''}${size}px ${this.opts.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    ctx.lineWidth = town ? 2 : 3;
    ctx.strokeStyle = this.opts.dark ? 'rgba(11, 18, 32, 0.85)' : 'rgba(255, 255, 255, 0.9)';
    ctx.fillStyle = colour;
    const lineHeight = size * 1.2;
    const top = cy - ((lines.length - 1) * lineHeight) / 2;
    lines.forEach((line, i) => {
      if (i > 0) ctx.font = `${size * 0.9}px ${this.opts.font}`;
      ctx.strokeText(line, cx, top + i * lineHeight);
      ctx.fillText(line, cx, top + i * lineHeight);
    });
  }

  /** A bubble of units: the count inside, a ring split by status, a diamond badge for critical care. */
  private drawUnitCluster(x: number, y: number, r: number, count: number, criticalCare: number, byStatus: Partial<Record<Unit['status'], number>>): void {
    const { ctx } = this;
    const k = this.opts.scale;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.fillStyle = this.opts.dark ? '#1b2638' : '#ffffff';
    ctx.fill();
    let start = -Math.PI / 2;
    for (const [status, n] of Object.entries(byStatus) as [Unit['status'], number][]) {
      const end = start + (n / count) * Math.PI * 2;
      ctx.beginPath();
      ctx.arc(x, y, r - 2 * k, start, end);
      ctx.lineWidth = 4 * k;
      ctx.strokeStyle = UNIT_STATUS_COLOUR[status];
      ctx.stroke();
      start = end;
    }
    ctx.font = `700 ${11 * k}px ${this.opts.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = this.textColour();
    ctx.fillText(String(count), x, y + 0.5);
    if (criticalCare > 0) this.drawBadge('diamond', x + r * 0.8, y - r * 0.8, 7 * k, '#7b3294', criticalCare);
  }

  /** A small count on a bubble's shoulder: a diamond for critical-care units, a disc for severe calls. */
  private drawBadge(shape: 'diamond' | 'disc', x: number, y: number, size: number, colour: string, count: number): void {
    const { ctx } = this;
    ctx.beginPath();
    if (shape === 'disc') ctx.arc(x, y, size, 0, Math.PI * 2);
    else {
      ctx.moveTo(x, y - size);
      ctx.lineTo(x + size, y);
      ctx.lineTo(x, y + size);
      ctx.lineTo(x - size, y);
      ctx.closePath();
    }
    ctx.fillStyle = colour;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = this.opts.dark ? '#0b1220' : '#ffffff';
    ctx.stroke();
    ctx.font = `700 ${8 * this.opts.scale}px ${this.opts.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = '#ffffff';
    ctx.fillText(String(count), x, y + 0.5);
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

/**
 * Units standing on the same spot (a station's crews at street zoom, where nothing is clustered) are
 * spread on a small ring round it, so each one can be seen and clicked.
 */
function fanOut(units: { u: Unit; p: { x: number; y: number } }[], k: number): void {
  const cell = 6 * k;
  const spots = new Map<string, { p: { x: number; y: number } }[]>();
  for (const item of units) {
    const key = `${Math.round(item.p.x / cell)}:${Math.round(item.p.y / cell)}`;
    const spot = spots.get(key);
    if (spot) spot.push(item);
    else spots.set(key, [item]);
  }
  for (const spot of spots.values()) {
    if (spot.length < 2) continue;
    const first = spot[0];
    if (!first) continue;
    const { x, y } = first.p;
    const ring = (11 + spot.length * 1.5) * k;
    spot.forEach((item, i) => {
      const a = -Math.PI / 2 + (i * 2 * Math.PI) / spot.length;
      item.p = { x: x + ring * Math.cos(a), y: y + ring * Math.sin(a) };
    });
  }
}
