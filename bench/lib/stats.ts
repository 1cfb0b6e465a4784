/** Percentiles, fixed-bucket latency histograms, result tables and the JSON written to bench/results/. */
import fs from 'node:fs';
import path from 'node:path';

export const RESULTS_DIR = path.resolve(import.meta.dirname, '../results');

/** Percentile of a sorted copy (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, p50: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { count: sorted.length, p50: at(50), p99: at(99), max: sorted[sorted.length - 1]!, mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

/**
 * Millisecond histogram: a console may receive a million samples in a run, far too many to keep;
 * Date.now() has 1 ms resolution anyway.
 */
export class Histogram {
  counts: number[];
  overflow = 0;
  max = 0;
  total = 0;
  sum = 0;

  constructor(readonly limitMs = 60_000) {
    this.counts = new Array<number>(limitMs + 1).fill(0);
  }

  record(ms: number): void {
    const v = Math.max(0, Math.round(ms));
    if (v > this.limitMs) this.overflow++;
    else this.counts[v]!++;
    if (v > this.max) this.max = v;
    this.total++;
    this.sum += v;
  }

  /** Sparse form for IPC. */
  toJSON(): HistogramData {
    const buckets: [number, number][] = [];
    this.counts.forEach((c, ms) => {
      if (c > 0) buckets.push([ms, c]);
    });
    return { buckets, overflow: this.overflow, max: this.max, total: this.total, sum: this.sum };
  }
}

export interface HistogramData {
  buckets: [number, number][];
  overflow: number;
  max: number;
  total: number;
  sum: number;
}

export function mergeHistograms(parts: readonly HistogramData[]): HistogramData {
  const map = new Map<number, number>();
  let overflow = 0;
  let max = 0;
  let total = 0;
  let sum = 0;
  for (const p of parts) {
    for (const [ms, c] of p.buckets) map.set(ms, (map.get(ms) ?? 0) + c);
    overflow += p.overflow;
    max = Math.max(max, p.max);
    total += p.total;
    sum += p.sum;
  }
  return { buckets: [...map].sort((a, b) => a[0] - b[0]), overflow, max, total, sum };
}

export function summarizeHistogram(h: HistogramData): Summary {
  if (h.total === 0) return { count: 0, p50: NaN, p99: NaN, max: NaN, mean: NaN };
  const at = (p: number) => {
    const rank = Math.ceil((p / 100) * h.total);
    let seen = 0;
    for (const [ms, c] of h.buckets) {
      seen += c;
      if (seen >= rank) return ms;
    }
    return h.max; // in the overflow
  };
  return { count: h.total, p50: at(50), p99: at(99), max: h.max, mean: h.sum / h.total };
}

export type Cell = string | number | boolean | null | undefined;

/** Plain-text table for the console. */
export function printTable(title: string, rows: Record<string, Cell>[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) {
    console.log('  (no rows)');
    return;
  }
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const text = (v: Cell) => (v === null || v === undefined ? '-' : typeof v === 'number' ? fmt(v) : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(cols));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => text(r[c]))));
}

export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(Math.abs(v) >= 1 ? 2 : 3);
}

export const round = (v: number, digits = 2): number => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : v);

/** Write bench/results/<name>.json with the machine it ran on. */
export async function writeResult(name: string, data: Record<string, unknown>): Promise<string> {
  const os = await import('node:os');
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`,
    // Other work on the machine (tests of other engineers, say) shows here: figures taken above ~2 are pessimistic.
    loadAverage1m5m: os.loadavg().slice(0, 2).map((v) => Math.round(v * 100) / 100) };
  fs.writeFileSync(file, JSON.stringify({ bench: name, ranAt: new Date().toISOString(), machine, ...data }, null, 2) + '\n');
  return file;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
