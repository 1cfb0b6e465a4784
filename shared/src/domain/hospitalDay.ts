/** One hospital's day at the ED door: handovers, offload delay, declines, patients by class (issue 4, "Today"). */
import { CLINICAL_CLASSES, DECLINE_REASONS, type ClinicalClass, type DeclineReason, type Transport } from '../model.ts';
import type { DayWindow } from './cityDay.ts';
import { median, percentile } from './offload.ts';

export interface HospitalDay {
  /** The local day, YYYY-MM-DD, and its bounds as instants [from, to). */
  day: string;
  from: string;
  to: string;
  /** Patients handed over today. */
  handovers: number;
  /** Offload minutes (arrival to handover) of today's handovers; null without any. */
  offloadMedianMin: number | null;
  offloadP90Min: number | null;
  /** Declines this hospital made today (a declined patient usually went on to another hospital). */
  declines: number;
  declinesByReason: Record<DeclineReason, number>;
  /** Patients who arrived at this ED today, by clinical class. */
  patientsByClass: Record<ClinicalClass, number>;
  /** Units at the door right now: arrived, not handed over, whatever the day they came. */
  atDoorNow: number;
}

export interface HospitalDayInput {
  hospitalId: number;
  transports: readonly Pick<Transport, 'callId' | 'hospitalId' | 'arrivedAt' | 'handedOverAt' | 'closedAt'>[];
  /** Clinical class per call id. */
  classOf: ReadonlyMap<number, ClinicalClass>;
  /** This hospital's declines (from the event log: a rerouted transport no longer names it). */
  declines: readonly { at: string; reason: DeclineReason }[];
  /** The city day (cityDayOf). */
  bounds: DayWindow;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Summarise one hospital's day from its transports and declines. */
export function summarizeHospitalDay(input: HospitalDayInput): HospitalDay {
  const { bounds } = input;
  const within = (iso: string | null) => {
    if (iso === null) return false;
    const t = Date.parse(iso);
    return t >= bounds.from.getTime() && t < bounds.to.getTime();
  };
  const own = input.transports.filter((t) => t.hospitalId === input.hospitalId);
  const handedOver = own.filter((t) => within(t.handedOverAt) && t.arrivedAt !== null);
  const offloads = handedOver.map((t) => (Date.parse(t.handedOverAt ?? '') - Date.parse(t.arrivedAt ?? '')) / 60_000);
  const patientsByClass = zeros(CLINICAL_CLASSES);
  for (const t of own) {
    const cls = input.classOf.get(t.callId);
    // A patient who arrived before midnight and was handed over after it was still seen today.
    if (cls && (within(t.arrivedAt) || within(t.handedOverAt))) patientsByClass[cls]++;
  }
  const declinesByReason = zeros(DECLINE_REASONS);
  const declines = input.declines.filter((d) => within(d.at));
  for (const d of declines) declinesByReason[d.reason]++;
  return {
    day: bounds.day,
    from: bounds.from.toISOString(),
    to: bounds.to.toISOString(),
    handovers: handedOver.length,
    offloadMedianMin: median(offloads),
    offloadP90Min: percentile(offloads, 90),
    declines: declines.length,
    declinesByReason,
    patientsByClass,
    atDoorNow: own.filter((t) => t.arrivedAt !== null && t.handedOverAt === null && t.closedAt === null).length,
  };
}
