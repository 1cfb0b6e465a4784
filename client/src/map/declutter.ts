/**
 * One placement pass for every live label on the map (hospital names, call signs, call ages, town
 * names): in priority order, each label takes the first of its candidate positions round its symbol
 * that overlaps no symbol and no label already placed; a label with no free position is left out,
 * except a `keep` label (a major hospital's name), which takes its first position free of other labels
 * and is drawn above the symbols so no unit can cover it. Pure: the caller measures the text.
 */
import RBush from 'rbush';

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface LabelRequest {
  id: string;
  /** Lower first. */
  priority: number;
  /** The symbol the label belongs to: its centre and the radius the label keeps clear of. */
  x: number;
  y: number;
  radius: number;
  width: number;
  height: number;
  /** Placed even when every position touches a symbol (never when it would touch another label). */
  keep?: boolean;
}

export interface PlacedLabel {
  id: string;
  box: Box;
  /** The box's centre: where the text is drawn (centred). */
  cx: number;
  cy: number;
  /** Placed over a symbol because it had to be (`keep`). */
  overSymbol: boolean;
  /** Placed on the outer ring, apart from its symbol: the caller draws a leader line to (ax, ay). */
  far: boolean;
  ax: number;
  ay: number;
}

const GAP = 2;
/** Positions per ring round a symbol. */
const RING = 8;

/** Below, above, right, left of the symbol, then the four corners; then the same ring further out. */
function candidates(r: LabelRequest): Box[] {
  const { x, y, width: w, height: h } = r;
  const at = (cx: number, cy: number): Box => ({ minX: cx - w / 2, minY: cy - h / 2, maxX: cx + w / 2, maxY: cy + h / 2 });
  const ring = (d: number): Box[] => [
    at(x, y + d + h / 2),
    at(x, y - d - h / 2),
    at(x + d + w / 2, y),
    at(x - d - w / 2, y),
    at(x + d + w / 2, y + d + h / 2),
    at(x - d - w / 2, y + d + h / 2),
    at(x + d + w / 2, y - d - h / 2),
    at(x - d - w / 2, y - d - h / 2),
  ];
  const d = r.radius + GAP;
  return [...ring(d), ...ring(d + h)];
}

const inside = (b: Box, v: Box) => b.minX >= v.minX && b.minY >= v.minY && b.maxX <= v.maxX && b.maxY <= v.maxY;

export function placeLabels(requests: readonly LabelRequest[], symbols: readonly Box[], viewport: Box): PlacedLabel[] {
  const obstacles = new RBush<Box>();
  obstacles.load(symbols.map((s) => ({ ...s })));
  const labels = new RBush<Box>();
  const placed: PlacedLabel[] = [];
  const order = [...requests].sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
  for (const r of order) {
    const all = candidates(r);
    const options = all.filter((b) => inside(b, viewport));
    let chosen = options.find((b) => !labels.collides(b) && !obstacles.collides(b));
    let overSymbol = false;
    if (!chosen && r.keep) {
      chosen = options.find((b) => !labels.collides(b));
      overSymbol = chosen !== undefined;
    }
    if (!chosen) continue;
    labels.insert(chosen);
    const far = all.indexOf(chosen) >= RING;
    placed.push({ id: r.id, box: chosen, cx: (chosen.minX + chosen.maxX) / 2, cy: (chosen.minY + chosen.maxY) / 2, overSymbol, far, ax: r.x, ay: r.y });
  }
  return placed;
}

/** A symbol's box: a square of half-size `r` round its centre. */
export const symbolBox = (x: number, y: number, r: number): Box => ({ minX: x - r, minY: y - r, maxX: x + r, maxY: y + r });

export const overlaps = (a: Box, b: Box) => a.minX < b.maxX && a.maxX > b.minX && a.minY < b.maxY && a.maxY > b.minY;
