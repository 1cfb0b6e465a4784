/** The daily report as one CSV table: a `city` row with the day's totals, then one row per hospital. */
import { CALL_OUTCOMES, CLINICAL_CLASSES, DECLINE_REASONS, type DailyReport } from '@dispatch/shared';
import { toCsv, type CsvCell } from './csv.ts';

const OUTCOMES = [...CALL_OUTCOMES, 'open'] as const;

export const DAILY_CSV_HEADER = [
  'day',
  'scope',
  'hospital_code',
  'hospital_name',
  'calls_emergency',
  'calls_transfer',
  ...OUTCOMES.map((o) => `calls_outcome_${o}`),
  ...CLINICAL_CLASSES.map((c) => `calls_class_${c}`),
  'baseline_calls_per_hour',
  'peak_calls_in_hour',
  'peak_load_multiple',
  'peak_at',
  'handovers',
  'offload_median_min',
  'offload_p90_min',
  'offload_max_min',
  'unit_hours_lost',
  'declines',
  ...DECLINE_REASONS.map((r) => `declines_${r}`),
  'icu_open',
  'icu_occupied',
  'icu_pct',
  'beds_open',
  'beds_occupied',
  'beds_pct',
] as const;

/** City-only columns are left empty on hospital rows, hospital-only ones on the city row. */
export function dailyReportCsv(r: DailyReport): string {
  const city: CsvCell[] = [
    r.day,
    'city',
    '',
    '',
    r.calls.emergency,
    r.calls.transfers,
    ...OUTCOMES.map((o) => r.calls.byOutcome[o]),
    ...CLINICAL_CLASSES.map((c) => r.calls.byClass[c]),
    r.load.baselinePerHour,
    r.load.peakCallsInHour,
    r.load.peakMultiple,
    r.load.peakAt ?? '',
    r.handovers,
    r.offloadMedianMin,
    r.offloadP90Min,
    r.offloadMaxMin,
    r.unitHoursLost,
    r.declines,
    ...DECLINE_REASONS.map((d) => r.declinesByReason[d]),
    ...sums(r),
  ];
  const empty = (n: number) => Array<CsvCell>(n).fill('');
  const hospitals = r.hospitals.map((h): CsvCell[] => [
    r.day,
    'hospital',
    h.code,
    h.nameEn,
    ...empty(2 + OUTCOMES.length + CLINICAL_CLASSES.length + 4),
    h.handovers,
    h.offloadMedianMin,
    h.offloadP90Min,
    h.offloadMaxMin,
    h.unitHoursLost,
    h.declines,
    ...empty(DECLINE_REASONS.length),
    h.icuOpen,
    h.icuOccupied,
    h.icuPct,
    h.openBeds,
    h.occupiedBeds,
    h.bedsPct,
  ]);
  return toCsv(DAILY_CSV_HEADER, [city, ...hospitals]);
}

function sums(r: DailyReport): CsvCell[] {
  const total = (f: (h: DailyReport['hospitals'][number]) => number) => r.hospitals.reduce((a, h) => a + f(h), 0);
  const icuOpen = total((h) => h.icuOpen);
  const icuOccupied = total((h) => h.icuOccupied);
  const openBeds = total((h) => h.openBeds);
  const occupiedBeds = total((h) => h.occupiedBeds);
  const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);
  return [icuOpen, icuOccupied, pct(icuOccupied, icuOpen), openBeds, occupiedBeds, pct(occupiedBeds, openBeds)];
}
