/** Reads a bundle folder's files for validateBundle: a file over the size limit is refused from its size alone. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ALL_BUNDLE_FILES } from '@dispatch/shared';
import { MAX_BUNDLE_FILE_BYTES, validateBundle, type BundleResult, type BundleSource } from './validateBundle.ts';

export async function readBundleFolder(folder: string): Promise<Partial<Record<string, BundleSource>>> {
  const sources: Partial<Record<string, BundleSource>> = {};
  for (const file of ALL_BUNDLE_FILES) {
    const where = path.join(folder, file);
    const stat = await fs.stat(where).catch(() => null);
    if (!stat?.isFile()) continue;
    sources[file] = stat.size > MAX_BUNDLE_FILE_BYTES ? { tooLarge: stat.size } : new Uint8Array(await fs.readFile(where));
  }
  return sources;
}

/** The folder's bundle, or every mistake in it. */
export async function readBundle(folder: string): Promise<BundleResult> {
  const stat = await fs.stat(folder).catch(() => null);
  if (!stat?.isDirectory()) return { ok: false, errors: [{ file: folder, line: null, column: null, message: 'not a folder' }], warnings: [] };
  return validateBundle(await readBundleFolder(folder));
}
