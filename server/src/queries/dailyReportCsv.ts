/**
 * The daily report as one CSV table: a `city` row with the day's totals, one row per hospital, one per hour of
 * the city day (the centre's figures hour by hour) and, for the command group, one per dispatcher. A column that
 * does not apply to a row's scope is left empty.
 */
import { CALL_OUTCOMES, CLINICAL_CLASSES, DECLINE_REASONS, type DailyReport, type HourFigure } from '@dispatch/shared';
import { toCsv, type CsvCell } from './csv.ts';

const OUTCOMES = [...CALL_OUTCOMES, 'open'] as const;

export const DAILY_CSV_HEADER = [
  'day',
  'scope',
  'hospital_code',
  'hospital_name',
  'hour_from',
  'dispatcher',
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
  'calls_offered',
  'offered_load_multiple',
  'offered_peak_multiple',
  'answered_within_10s_pct',
  'abandoned_calls',
  'abandoned_pct',
  'left_within_3min_pct',
  'response_urban_avg_min',
  'response_urban_p90_min',
  'response_rural_avg_min',
  'response_rural_p90_min',
  'handover_within_30min_pct',
  'seats',
  'signed_in_min',
  'answered',
  'avg_ring_s',
  'avg_talk_s',
  'incidents_created',
  'advice_closed',
] as const;

type Column = (typeof DAILY_CSV_HEADER)[number];
type Row = Partial<Record<Column, CsvCell>>;

const line = (r: Row): CsvCell[] => DAILY_CSV_HEADER.map((c) => r[c] ?? '');

function hourRow(day: string, h: HourFigure): Row {
  return {
    day,
    scope: 'hour',
    hour_from: h.from,
    calls_offered: h.offered,
    offered_load_multiple: h.multiple,
    answered_within_10s_pct: h.answeredWithinPct,
    abandoned_calls: h.abandoned,
    left_within_3min_pct: h.leftWithinPct,
    response_urban_avg_min: h.responseUrbanMin,
    response_rural_avg_min: h.responseRuralMin,
    handover_within_30min_pct: h.handoverWithinPct,
  };
}

export function dailyReportCsv(r: DailyReport): string {
  const c = r.centre;
  const city: Row = {
    day: r.day,
    scope: 'city',
    calls_emergency: r.calls.emergency,
    calls_transfer: r.calls.transfers,
    ...Object.fromEntries(OUTCOMES.map((o) => [`calls_outcome_${o}`, r.calls.byOutcome[o]])),
    ...Object.fromEntries(CLINICAL_CLASSES.map((k) => [`calls_class_${k}`, r.calls.byClass[k]])),
    baseline_calls_per_hour: r.load.baselinePerHour,
    peak_calls_in_hour: r.load.peakCallsInHour,
    peak_load_multiple: r.load.peakMultiple,
    peak_at: r.load.peakAt ?? '',
    handovers: r.handovers,
    offload_median_min: r.offloadMedianMin,
    offload_p90_min: r.offloadP90Min,
    offload_max_min: r.offloadMaxMin,
    unit_hours_lost: r.unitHoursLost,
    declines: r.declines,
    ...Object.fromEntries(DECLINE_REASONS.map((d) => [`declines_${d}`, r.declinesByReason[d]])),
    ...sums(r),
    calls_offered: c.offered,
    offered_peak_multiple: c.peakHour?.multiple ?? 0,
    answered_within_10s_pct: c.answeredWithin.pct,
    abandoned_calls: c.abandoned.count,
    abandoned_pct: c.abandoned.pct,
    left_within_3min_pct: c.leftWithin.pct,
    response_urban_avg_min: c.response.urban.averageMin,
    response_urban_p90_min: c.response.urban.p90Min,
    response_rural_avg_min: c.response.rural.averageMin,
    response_rural_p90_min: c.response.rural.p90Min,
    handover_within_30min_pct: c.handoverWithin.pct,
  };
  const hospitals = r.hospitals.map((h): Row => ({
    day: r.day,
    scope: 'hospital',
    hospital_code: h.code,
    hospital_name: h.nameEn,
    handovers: h.handovers,
    offload_median_min: h.offloadMedianMin,
    offload_p90_min: h.offloadP90Min,
    offload_max_min: h.offloadMaxMin,
    unit_hours_lost: h.unitHoursLost,
    declines: h.declines,
    icu_open: h.icuOpen,
    icu_occupied: h.icuOccupied,
    icu_pct: h.icuPct,
    beds_open: h.openBeds,
    beds_occupied: h.occupiedBeds,
    beds_pct: h.bedsPct,
  }));
  const dispatchers = (r.dispatchers ?? []).map((d): Row => ({
    day: r.day,
    scope: 'dispatcher',
    dispatcher: d.displayName,
    seats: d.seats.join(' '),
    signed_in_min: d.signedInMin,
    answered: d.answered,
    answered_within_10s_pct: d.answeredWithin.pct,
    avg_ring_s: d.averageRingSec,
    avg_talk_s: d.averageTalkSec,
    incidents_created: d.incidents,
    advice_closed: d.adviceClosed,
  }));
  return toCsv(DAILY_CSV_HEADER, [city, ...hospitals, ...c.hours.map((h) => hourRow(r.day, h)), ...dispatchers].map(line));
}

function sums(r: DailyReport): Row {
  const total = (f: (h: DailyReport['hospitals'][number]) => number) => r.hospitals.reduce((a, h) => a + f(h), 0);
  const icuOpen = total((h) => h.icuOpen);
  const icuOccupied = total((h) => h.icuOccupied);
  const openBeds = total((h) => h.openBeds);
  const occupiedBeds = total((h) => h.occupiedBeds);
  const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);
  return { icu_open: icuOpen, icu_occupied: icuOccupied, icu_pct: pct(icuOccupied, icuOpen), beds_open: openBeds, beds_occupied: occupiedBeds, beds_pct: pct(occupiedBeds, openBeds) };
}
