/**
 * The demo's city: a bundle folder under server/cities/ (docs/city-bundle.md) read and validated as the
 * importer reads it, plus its optional demo.json, the demo extras that are no part of the bundle format
 * (starting occupancy, crews, the demo nurses' hospitals, where residents live). Read only by the demo
 * seed and simulator; the importer never opens demo.json.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '../env.ts';
import { readBundle } from '../city/readBundle.ts';
import { formatBundleError, type CityBundle } from '../city/validateBundle.ts';

/** Where the shipped bundles live; DEMO_CITY names one of its folders. */
export const CITIES_DIR = path.join(REPO_ROOT, 'server/cities');
export const DEMO_EXTRAS_FILE = 'demo.json';

const count = z.number().int().min(0).max(100_000);
const name = z.string().trim().min(1).max(40);

export const DemoExtras = z.strictObject({
  /** Per hospital code: how full it is when the demo opens (ED status `open` unless said). */
  hospitals: z
    .record(
      z.string(),
      z.strictObject({
        occupiedBeds: count,
        icuOccupied: count.default(0),
        edStatus: z.enum(['open', 'saturated']).default('open'),
        feverClinicWaitMin: z.number().int().min(0).max(1440).default(0),
      }),
    )
    .default({}),
  /** Per call sign: the crew on shift (an imported unit starts with an empty crew). */
  crews: z.record(z.string(), z.strictObject({ driver: name, doctor: name, nurse: name })).default({}),
  /** Per demo nurse account (`nurse`, `nurse2`): the code of the hospital it works at. */
  nurses: z.record(z.string(), z.string()).default({}),
  /** Per town or sub-district of places.csv: residents, which weight the simulated call locations. */
  residents: z.record(z.string(), z.number().int().positive()).default({}),
});
export type DemoExtras = z.infer<typeof DemoExtras>;

export interface DemoCity {
  id: string;
  folder: string;
  bundle: CityBundle;
  /** The validator's warnings (e.g. a fleet below the norm): listed in the import report. */
  warnings: string[];
  extras: DemoExtras;
}

/** Reads and checks server/cities/<id>/ and its demo.json; throws naming every mistake. */
export async function loadDemoCity(id: string, citiesDir = CITIES_DIR): Promise<DemoCity> {
  const folder = path.join(citiesDir, id);
  const checked = await readBundle(folder);
  if (!checked.ok) throw new Error(`demo city ${id} (${folder}) is not a valid bundle:\n${checked.errors.map(formatBundleError).join('\n')}`);
  const extras = await readExtras(path.join(folder, DEMO_EXTRAS_FILE));
  const problems = crossCheck(checked.bundle, extras);
  if (problems.length > 0) throw new Error(`${path.join(folder, DEMO_EXTRAS_FILE)}:\n${problems.join('\n')}`);
  return { id, folder, bundle: checked.bundle, warnings: checked.warnings, extras };
}

async function readExtras(file: string): Promise<DemoExtras> {
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) return DemoExtras.parse({});
  const parsed = DemoExtras.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file}:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return parsed.data;
}

/** Every code, call sign and town demo.json names must be the bundle's. */
function crossCheck(bundle: CityBundle, extras: DemoExtras): string[] {
  const problems: string[] = [];
  const hospitals = new Map(bundle.hospitals.map((h) => [h.code, h]));
  const callSigns = new Set(bundle.units.map((u) => u.call_sign));
  const towns = new Set(bundle.places.filter((p) => p.kind === 'town' || p.kind === 'subdistrict').map((p) => p.name));
  for (const [code, o] of Object.entries(extras.hospitals)) {
    const h = hospitals.get(code);
    if (!h) problems.push(`  hospitals.${code}: no such hospital in hospitals.csv`);
    else if (o.occupiedBeds > h.open_beds || o.icuOccupied > h.icu_beds) problems.push(`  hospitals.${code}: more beds occupied than hospitals.csv opens`);
  }
  for (const callSign of Object.keys(extras.crews)) if (!callSigns.has(callSign)) problems.push(`  crews.${callSign}: no such unit in units.csv`);
  for (const [user, code] of Object.entries(extras.nurses)) if (!hospitals.has(code)) problems.push(`  nurses.${user}: no hospital ${code} in hospitals.csv`);
  for (const town of Object.keys(extras.residents)) if (!towns.has(town)) problems.push(`  residents.${town}: not a town or sub-district of places.csv`);
  return problems;
}
