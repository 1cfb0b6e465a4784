/**
 * A city is data, not code (issue 11): no name, coordinate or figure of the demo city may sit in the product's
 * code. The demo city lives in its bundle (server/cities/cixi); tests may use it as a fixture, code may not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CODE = ['server/src', 'client/src', 'shared/src'];
const SOURCE = /\.(ts|tsx|json|css|html)$/;
/** Test files and test fixtures (testFactories.ts, testPlaces.ts) may speak of any city. */
const TEST_FILE = /(\.test\.tsx?$|(^|\/)test[A-Z]\w*\.ts$)/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : SOURCE.test(e.name) && !TEST_FILE.test(p) ? [p] : [];
  });
}

const cixi = (file: string) => parse(fs.readFileSync(path.join(ROOT, 'server/cities/cixi', file), 'utf8'), { columns: true }) as Record<string, string>[];
const towns = cixi('places.csv').filter((p) => p.kind === 'town' || p.kind === 'subdistrict').map((p) => p.name ?? '');
const hospitals = cixi('hospitals.csv').map((h) => h.name_zh ?? '');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'server/cities/cixi/city.json'), 'utf8')) as { population: number; adcode: string };

/** What gives the demo city away, each with a name for the failure message. */
const TELLS: { what: string; pattern: RegExp }[] = [
  { what: 'city name', pattern: /慈溪|宁波|\bCixi\b|\bNingbo\b/i },
  ...[...towns, ...hospitals].filter((n) => n.length >= 3).map((n) => ({ what: `place ${n}`, pattern: new RegExp(n) })),
  // A coordinate inside the demo city's bounds, to two decimals or more.
  { what: 'longitude in the city', pattern: /(?<![\d.])121\.[0-6]\d+/ },
  { what: 'latitude in the city', pattern: /(?<![\d.])30\.[0-5]\d+(?!\d*\s*(?:px|rem|em|%|ms|s\b))/ },
  { what: 'population', pattern: new RegExp(`${manifest.population}|${String(manifest.population).replace(/(\d)(?=(\d{3})+$)/g, '$1_')}|185万`) },
  { what: 'administrative code', pattern: new RegExp(`\\b${manifest.adcode}\\b`) },
];

describe('no city in the code', () => {
  it('finds the demo city only in its bundle and in tests', () => {
    const found: string[] = [];
    for (const dir of CODE) {
      for (const file of files(path.join(ROOT, dir))) {
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        lines.forEach((line, i) => {
          // The environment's default names the demo bundle's folder: marked, and the only exception.
          if (line.includes('// city-check: allowed')) return;
          for (const tell of TELLS) if (tell.pattern.test(line)) found.push(`${path.relative(ROOT, file)}:${i + 1}: ${tell.what}: ${line.trim().slice(0, 120)}`);
        });
      }
    }
    expect(found).toEqual([]);
  });

  it('would notice: the check finds the city in a line that names it', () => {
    expect(TELLS.some((t) => t.pattern.test("const BOUNDS = [121.04, 30.03, 121.64, 30.51]; // Cixi"))).toBe(true);
    expect(TELLS.some((t) => t.pattern.test('population: 1_850_000'))).toBe(true);
    expect(TELLS.some((t) => t.pattern.test('周巷镇'))).toBe(true);
    expect(TELLS.some((t) => t.pattern.test('const huairen = 113.11;'))).toBe(false);
  });
});
