/** Validate then import: the one path the CLI (`pnpm city:import`) and the admin upload share. */
import type { BundleError, CityImportReport } from '@dispatch/shared';
import type { Deps } from '../commands/deps.ts';
import { importCity } from '../commands/importCity.ts';
import type { Actor } from '../events/log.ts';
import { validateBundle, type BundleSource } from './validateBundle.ts';

export type ImportOutcome = { ok: true; report: CityImportReport } | { ok: false; errors: BundleError[]; warnings: string[] };

/** Nothing is written unless the whole bundle is valid; a refused import leaves the database as it was. */
export async function importBundle(deps: Deps, actor: Actor, sources: Partial<Record<string, BundleSource>>): Promise<ImportOutcome> {
  const checked = validateBundle(sources);
  if (!checked.ok) return { ok: false, errors: checked.errors, warnings: checked.warnings };
  return { ok: true, report: await importCity(deps, actor, checked.bundle, checked.warnings) };
}
