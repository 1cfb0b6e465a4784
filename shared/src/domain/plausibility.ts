/**
 * Plausibility limits of input at the door: ids, seqs, dates, fix times and coordinates. One module,
 * used by every request schema (ids, dates) and by the server for what depends on its clock and its
 * city (fix times, coordinates). Anything outside these limits is refused with a 400 naming the field,
 * before it can reach a column that cannot hold it or a presenter that cannot show it.
 */

/** Largest value of a PostgreSQL `integer` (serial) column: every entity id lives in one. */
export const MAX_DB_ID = 2_147_483_647;

/**
 * Largest event-log seq: `events.seq` is a bigserial read as a JavaScript number, so the safe-integer
 * limit, not bigint's, is what a seq can be compared with without losing precision.
 */
export const MAX_SEQ = Number.MAX_SAFE_INTEGER;

/** True for an id a serial column can hold: an integer from 1 to 2^31 - 1. */
export function isDbId(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= MAX_DB_ID;
}

/**
 * Dates a query or a stored deadline may name. PostgreSQL holds 4713 BC to 294276 AD and a JavaScript
 * Date ±275,760 years, but neither range means anything here: the centre's records start this century,
 * and a year-0001 or year-99999 bound only ever comes from a typo or an attack. 2000–2100 keeps every
 * date well inside both ranges (and inside a four-digit ISO year), with room for any real use.
 */
export const MIN_PLAUSIBLE_DATE = Date.UTC(2000, 0, 1);
/** First instant after the plausible window (exclusive upper bound): 2101-01-01T00:00Z. */
export const MAX_PLAUSIBLE_DATE = Date.UTC(2101, 0, 1);

/** True for a time (ms since epoch) inside the plausible window, 2000-01-01 up to the end of 2100. */
export function isPlausibleTime(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_PLAUSIBLE_DATE && ms < MAX_PLAUSIBLE_DATE;
}

/** True for an ISO date or date-time string that parses to a time inside the plausible window. */
export function isPlausibleIsoDate(value: string): boolean {
  return isPlausibleTime(Date.parse(value));
}

/** How far from server time an AVL fix may be dated. */
export interface FixWindow {
  /** Clocks drift and GPS units lag a little: a fix slightly ahead of the server is real. */
  maxAheadMs: number;
  /** A fix buffered in a tunnel or a dead zone comes late, but not days late. */
  maxBehindMs: number;
}

/** 10 minutes ahead, 24 hours behind: the figures, overridable by configuration. */
export const DEFAULT_FIX_WINDOW: FixWindow = { maxAheadMs: 10 * 60_000, maxBehindMs: 24 * 3600_000 };

/** Why a fix time is refused ('ahead' of or 'behind' the window around `now`), or null when it is fine. */
export function fixTimeProblem(at: number, now: number, window: FixWindow = DEFAULT_FIX_WINDOW): 'ahead' | 'behind' | null {
  if (!Number.isFinite(at) || at > now + window.maxAheadMs) return 'ahead';
  if (at < now - window.maxBehindMs) return 'behind';
  return null;
}

/** A lon/lat bounding box, as GeoJSON orders it: [minLon, minLat, maxLon, maxLat]. */
export type BBox = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];

const KM_PER_DEGREE_LAT = 111.195;

/** The box grown by `marginKm` on every side (longitude degrees widened for the box's widest latitude). */
export function expandBBox(bbox: BBox, marginKm: number): BBox {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const dLat = marginKm / KM_PER_DEGREE_LAT;
  const widest = Math.min(89, Math.max(Math.abs(minLat), Math.abs(maxLat)) + dLat);
  const dLon = marginKm / (KM_PER_DEGREE_LAT * Math.cos((widest * Math.PI) / 180));
  return [minLon - dLon, Math.max(-90, minLat - dLat), maxLon + dLon, Math.min(90, maxLat + dLat)];
}

/**
 * Which coordinate of a point lies outside the box (grown by `marginKm`), or null when inside. Each axis
 * is checked on its own, so a partial update carrying only `lat` is checked too. Non-finite is outside.
 */
export function outsideBounds(point: { lon?: number; lat?: number }, bbox: BBox, marginKm: number): 'lon' | 'lat' | null {
  const [minLon, minLat, maxLon, maxLat] = expandBBox(bbox, marginKm);
  const { lon, lat } = point;
  if (lon !== undefined && !(lon >= minLon && lon <= maxLon)) return 'lon';
  if (lat !== undefined && !(lat >= minLat && lat <= maxLat)) return 'lat';
  return null;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// String.prototype.isWellFormed (Node 20, ES2024) is much faster than the pattern; older engines get the pattern.
const nativeWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** True when `s` has no lone UTF-16 surrogate (which PostgreSQL text, being UTF-8, cannot store). */
export function isWellFormedText(s: string): boolean {
  return nativeWellFormed ? nativeWellFormed.call(s) : !LONE_SURROGATE.test(s);
}
