/** One palette for every screen, legend and test. Status colours stay distinguishable in greyscale order too. */
import type { ClinicalClass, UnitStatus } from '@dispatch/shared';

export const UNIT_STATUS_COLOUR: Record<UnitStatus, string> = {
  available: '#1a9850',
  dispatched: '#f0a30a',
  en_route: '#e66101',
  on_scene: '#d7191c',
  transporting: '#7b3294',
  at_hospital: '#c51b7d',
  returning: '#4393c3',
  out_of_service: '#8c8c8c',
};

export const CLASS_COLOUR: Record<ClinicalClass, string> = {
  critical: '#b2182b',
  severe: '#ef6548',
  common: '#f0a30a',
  mild: '#2c7fb8',
  asymptomatic: '#7f8c8d',
};

/** Hospital pressure 0..1 to green → amber → red. */
export function pressureColour(p: number): string {
  if (p >= 0.95) return '#b2182b';
  if (p >= 0.85) return '#ef6548';
  if (p >= 0.7) return '#f0a30a';
  return '#1a9850';
}
