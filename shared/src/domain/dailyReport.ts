/** The command group's daily report: one city day's calls, load peak, handovers, offload delay and declines, city-wide and per hospital. */
import { CALL_OUTCOMES, CLINICAL_CLASSES, DECLINE_REASONS, type Call, type CallOutcome, type ClinicalClass, type DeclineReason, type Hospital, type Transport } from '../model.ts';
import type { DayWindow } from './cityDay.ts';
import { loadMultiple } from './load.ts';
import { median, percentile } from './offload.ts';
import type { CentreFigures } from './telephony/centreFigures.ts';
import type { DispatcherFigure } from './telephony/dispatcherFigures.ts';

export interface OffloadSummary {
  handovers: number;
  offloadMedianMin: number | null;
  offloadP90Min: number | null;
  offloadMaxMin: number | null;
  /** Unit-hours spent held at ED doors within the day (running waits count up to the report time). */
  unitHoursLost: number;
}

export interface HospitalDayRow extends OffloadSummary {
  hospitalId: number;
  code: string;
  name: string;
  nameEn: string;
  declines: number;
  icuOpen: number;
  icuOccupied: number;
  icuPct: number | null;
  openBeds: number;
  occupiedBeds: number;
  bedsPct: number | null;
}

export interface DailyReport extends OffloadSummary {
  day: string;
  from: string;
  to: string;
  calls: {
    emergency: number;
    transfers: number;
    /** Outcome of every call received this day; `open` = still running at report time. */
    byOutcome: Record<CallOutcome | 'open', number>;
    byClass: Record<ClinicalClass, number>;
  };
  load: { baselinePerHour: number; peakCallsInHour: number; peakMultiple: number; peakAt: string | null };
  declines: number;
  declinesByReason: Record<DeclineReason, number>;
  hospitals: HospitalDayRow[];
  /** The centre's own figures of the day, hour by hour too. */
  centre: CentreFigures;
  /** Each dispatcher's day; null for a reader who may not see them (mayViewDispatcherFigures). */
  dispatchers: DispatcherFigure[] | null;
}

export interface DailyReportInput {
  window: DayWindow;
  /** min(window.to, now): running waits are counted up to here. */
  until: Date;
  baselinePerHour: number;
  /** Calls received within the window. */
  calls: readonly Pick<Call, 'kind' | 'outcome' | 'clinicalClass' | 'receivedAt'>[];
  /** Transports that arrived at or were handed over at a hospital within the window (or are still held). */
  transports: readonly Pick<Transport, 'hospitalId' | 'arrivedAt' | 'handedOverAt' | 'closedAt'>[];
  /** Declines logged within the window. */
  declines: readonly { hospitalId: number; reason: DeclineReason }[];
  /** Hospitals with their capacity at the end of the window (or now, for today). */
  hospitals: readonly Pick<Hospital, 'id' | 'code' | 'name' | 'nameEn' | 'icuOpen' | 'icuOccupied' | 'openBeds' | 'occupiedBeds'>[];
  /** Computed from the event log beside the report (centreFigures, dispatcherFigures). */
  phone: Pick<DailyReport, 'centre' | 'dispatchers'>;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const pct = (part: number, whole: number) => (whole > 0 ? round1((part / whole) * 100) : null);

/** The most calls received in any 60 minutes ending at a call of the day, and when. */
export function peakHour(receivedAt: readonly string[]): { count: number; at: string | null } {
  const times = receivedAt.map((t) => Date.parse(t)).sort((a, b) => a - b);
  let best = 0;
  let at: number | null = null;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    const t = times[hi] ?? 0;
    while ((times[lo] ?? 0) <= t - 3600_000) lo++;
    if (hi - lo + 1 > best) {
      best = hi - lo + 1;
      at = t;
    }
  }
  return { count: best, at: at === null ? null : new Date(at).toISOString() };
}

function offloadSummary(transports: DailyReportInput['transports'], from: number, until: number): OffloadSummary {
  const minutes: number[] = [];
  let lostMs = 0;
  for (const t of transports) {
    if (t.arrivedAt === null) continue;
    const arrived = Date.parse(t.arrivedAt);
    const handed = t.handedOverAt === null ? null : Date.parse(t.handedOverAt);
    if (handed !== null && handed >= from && handed < until + 1) minutes.push((handed - arrived) / 60_000);
    const end = Math.min(handed ?? (t.closedAt === null ? until : Date.parse(t.closedAt)), until);
    const start = Math.max(arrived, from);
    if (end > start) lostMs += end - start;
  }
  return {
    handovers: minutes.length,
    offloadMedianMin: round1(median(minutes)),
    offloadP90Min: round1(percentile(minutes, 90)),
    offloadMaxMin: round1(minutes.length ? Math.max(...minutes) : null),
    unitHoursLost: Math.round((lostMs / 3600_000) * 100) / 100,
  };
}

/** Summarise one city day. */
export function buildDailyReport(input: DailyReportInput): DailyReport {
  const from = input.window.from.getTime();
  const until = input.until.getTime();
  const emergency = input.calls.filter((c) => c.kind === 'emergency');
  const byOutcome = zeros([...CALL_OUTCOMES, 'open'] as const);
  const byClass = zeros(CLINICAL_CLASSES);
  for (const c of input.calls) {
    byOutcome[c.outcome ?? 'open']++;
    byClass[c.clinicalClass]++;
  }
  const peak = peakHour(emergency.map((c) => c.receivedAt));
  const declinesByReason = zeros(DECLINE_REASONS);
  for (const d of input.declines) declinesByReason[d.reason]++;
  return {
    day: input.window.day,
    from: input.window.from.toISOString(),
    to: input.window.to.toISOString(),
    calls: { emergency: emergency.length, transfers: input.calls.length - emergency.length, byOutcome, byClass },
    load: { baselinePerHour: input.baselinePerHour, peakCallsInHour: peak.count, peakMultiple: loadMultiple(peak.count, input.baselinePerHour), peakAt: peak.at },
    ...offloadSummary(input.transports, from, until),
    declines: input.declines.length,
    declinesByReason,
    hospitals: input.hospitals.map((h) => ({
      hospitalId: h.id,
      code: h.code,
      name: h.name,
      nameEn: h.nameEn,
      ...offloadSummary(
        input.transports.filter((t) => t.hospitalId === h.id),
        from,
        until,
      ),
      declines: input.declines.filter((d) => d.hospitalId === h.id).length,
      icuOpen: h.icuOpen,
      icuOccupied: h.icuOccupied,
      icuPct: pct(h.icuOccupied, h.icuOpen),
      openBeds: h.openBeds,
      occupiedBeds: h.occupiedBeds,
      bedsPct: pct(h.occupiedBeds, h.openBeds),
    })),
    centre: input.phone.centre,
    dispatchers: input.phone.dispatchers,
  };
}
