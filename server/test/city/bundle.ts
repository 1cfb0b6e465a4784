/** The Cixi bundle plus the fixture gazetteer, as text to break in tests, and a folder to import from. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLE_FILES } from '@dispatch/shared';

export const CIXI_DIR = path.resolve(import.meta.dirname, '../../cities/cixi');
export const FIXTURE_PLACES = path.resolve(import.meta.dirname, 'fixtures/places.csv');

/** Each bundle file's text: Cixi's, with places.csv from the fixture. */
export function cixiFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of BUNDLE_FILES) files[f] = fs.readFileSync(f === 'places.csv' ? FIXTURE_PLACES : path.join(CIXI_DIR, f), 'utf8');
  return files;
}

/** The text with its 1-based line `n` passed through `edit`. */
export function editLine(text: string, n: number, edit: (line: string) => string): string {
  const lines = text.split('\n');
  const line = lines[n - 1];
  if (line === undefined) throw new Error(`no line ${n}`);
  lines[n - 1] = edit(line);
  return lines.join('\n');
}

/** The text with cell `column` (by header name) of line `n` set to `value`. */
export function setCell(text: string, n: number, column: string, value: string): string {
  const header = (text.split('\n')[0] ?? '').split(',');
  const i = header.indexOf(column);
  if (i < 0) throw new Error(`no column ${column}`);
  return editLine(text, n, (line) => {
    const cells = line.split(',');
    cells[i] = value;
    return cells.join(',');
  });
}

/** A temporary folder holding these files (Cixi + fixture places by default). */
export function bundleFolder(files: Record<string, string | Uint8Array> = cixiFiles()): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'city-bundle-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}
