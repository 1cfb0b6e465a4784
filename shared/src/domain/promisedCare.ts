/**
 * Critical care already promised: the ICU beds (severe and critical patients) and ventilators (critical)
 * that patients sent to a hospital will take, but that the hospital's last capacity figure cannot count
 * yet because it was entered before they were sent. Without this, two dispatchers a minute apart both
 * see the designated hospital's "1 ICU bed free" and send two patients to it.
 */
import type { ClinicalClass } from '../model.ts';
import { needsCriticalCare } from './capability.ts';

export interface PromisedCare {
  icu: number;
  ventilators: number;
}

/** One patient sent to a hospital: when the destination was set and how sick. Declined or cancelled ones are left out by the caller. */
export interface SentPatient {
  hospitalId: number;
  clinicalClass: ClinicalClass;
  sentAt: string;
}

/**
 * Per hospital, the care promised after its figure was entered. A patient sent before the figure is
 * taken as counted in it (the charge nurse holds the bed for an accepted patient); a hospital whose
 * figure time cannot be read counts every patient given. Unreadable times count as sent now.
 */
export function promisedCare(sent: Iterable<SentPatient>, figureAt: ReadonlyMap<number, string>): Map<number, PromisedCare> {
  const out = new Map<number, PromisedCare>();
  for (const p of sent) {
    if (!needsCriticalCare(p.clinicalClass)) continue;
    const figure = Date.parse(figureAt.get(p.hospitalId) ?? '');
    const at = Date.parse(p.sentAt);
    if (Number.isFinite(figure) && Number.isFinite(at) && at <= figure) continue;
    const care = out.get(p.hospitalId) ?? { icu: 0, ventilators: 0 };
    care.icu += 1;
    if (p.clinicalClass === 'critical') care.ventilators += 1;
    out.set(p.hospitalId, care);
  }
  return out;
}
