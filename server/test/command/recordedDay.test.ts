/**
 * The command group's figures against a recorded morning (recordedDay.ts), on real PostgreSQL.
 * Every expected number is worked out by hand from the script; the working is in the comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import type { DailyReport, NowStats, TrendResult } from '@dispatch/shared';
import { login, startTestServer, type Agent, type TestServer } from '../harness.ts';
import { parseCsv } from './csv.ts';
import { DAY, DayClock, H01, H02, H04, recordDay, type RecordedDay } from './recordedDay.ts';

const local = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`).toISOString();
/** Index of the 15-minute bucket starting at HH:MM on DAY, counted from midnight. */
const bucket = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return ((h ?? 0) * 60 + (m ?? 0)) / 15;
};

describe('command group figures over a recorded morning (2025-01-15, now 10:00)', () => {
  const clock = new DayClock();
  let server: TestServer;
  let day: RecordedDay;
  let command: Agent;

  beforeAll(async () => {
    server = await startTestServer({ clock: clock.now });
    day = await recordDay(server, clock);
    command = day.command;
  });
  afterAll(() => server?.close());

  it('"Now": queue, load against the plan, units, offload and hospital pressure', async () => {
    const res = await command.get<NowStats>('/api/stats/now');
    expect(res.status).toBe(200);
    const s = res.body;
    // C5 (08:50) is the only call without a unit: 70 minutes at 10:00.
    expect(s.queue).toEqual({ waiting: 1, longestWaitMin: 70 });
    // Received 09:00–10:00: C6 09:05, C7 09:20 → 2 against a baseline of 1/h = 2.0x; today C1–C7, C3 advice only.
    expect(s.load).toMatchObject({ callsLastHour: 2, adviceLastHour: 0, transfersLastHour: 0, baselinePerHour: 1, multiple: 2, planMultiple: 5, callsToday: 7, adviceToday: 1 });
    // 64 units; only CX-10 (at H04's door) is busy: 1/64 = 0.015625.
    expect(s.units).toMatchObject({ total: 64, inService: 64, busy: 1, free: 63, busyShare: 0.016, criticalCareTotal: 16, criticalCareFree: 16 });
    expect(s.units.byStatus.at_hospital).toBe(1);
    // Handovers 12, 35, 20 min → median 20; p90 = 20 + 0.8 × (35 − 20) = 32.
    // Lost: 12 + 35 + 20 + CX-10's running 10 min = 77 min = 1.28 h.
    expect(s.offload).toMatchObject({ heldNow: 1, longestHeldMin: 10, handoversToday: 3, medianTodayMin: 20, p90TodayMin: 32, unitHoursLostToday: 1.28 });
    // The longest wait at a door first (H04), then by today's median: H02 (12, 35 → 23.5), H01 (20).
    expect(s.offload.worstHospitals.map((h) => [h.code, h.heldNow, h.longestHeldMin, h.medianTodayMin])).toEqual([
      ['H04', 1, 10, null],
      ['H02', 0, null, 23.5],
      ['H01', 0, null, 20],
    ]);
    const h01 = s.hospitals.find((h) => h.hospitalId === H01);
    // ICU 38 of 40 after the 09:00 update = 95% ≥ the 90% line: red. 40 ICU of 1,500 beds = 2.7% < 4%; 60 convertible = 4%.
    expect(h01).toMatchObject({ icuOccupied: 38, icuOpen: 40, icuPct: 95, level: 'red', handoversToday: 1, offloadMedianTodayMin: 20, heldNow: 0, icuConvertibleClosed: 60 });
    expect(h01?.icu).toMatchObject({ targetPct: 4, meetsIcu: false, convertibleTargetPct: 4, meetsConvertible: true });
    expect(s.hospitals.find((h) => h.hospitalId === H02)).toMatchObject({ heldNow: 0, handoversToday: 2, offloadMedianTodayMin: 23.5, level: 'ok' });
    expect(s.hospitals.find((h) => h.hospitalId === H04)).toMatchObject({ heldNow: 1, longestHeldMin: 10, level: 'ok' });
    // City ICU: open 40+12+10+9+6+7 = 84, occupied 38+9+8+6+3+5 = 69 → 82.1%; convertible 60+12+10+8+4+6 = 100.
    expect(s.city).toMatchObject({ icuOpen: 84, icuOccupied: 69, icuPct: 82.1, icuConvertibleClosed: 100 });
    expect(s.diversion).toEqual([]);
    // 1,850,000 / 30,000 = 61.7 → 62 required; 64 on the books.
    expect(s.fleet).toMatchObject({ population: 1_850_000, required: 62, actual: 64, meets: true });
  });

  let dayTrends: TrendResult;
  it('Trends for the day come from the event log, bucket by bucket', async () => {
    const res = await command.get<TrendResult>(`/api/stats/trends?day=${DAY}`);
    expect(res.status).toBe(200);
    dayTrends = res.body;
    const b = dayTrends.buckets;
    expect(b).toHaveLength(40); // midnight to 10:00
    expect(b[0]).toMatchObject({ from: local('00:00'), callsReceived: 0, queueLength: 0, unitsBusy: 0, icuOccupancyPct: 79.8 });
    // 08:00–08:15: C1, C2 received; each waited briefly (max 1 in the queue), both had units by 08:15; CX-07 and CX-08 out.
    expect(b[bucket('08:00')]).toMatchObject({ callsReceived: 2, queueLength: 0, queueMax: 1, unitsBusy: 2, utilisationPct: 3.1, handovers: 0, unitsHeld: 0 });
    // 08:15–08:30: C3 (advice, closed in the same instant: never counted as waiting) and C4 (waiting).
    expect(b[bucket('08:15')]).toMatchObject({ callsReceived: 2, queueLength: 1, queueMax: 1 });
    // 08:30–08:45: C1 handed over after 12 min; CX-08 at the door since 08:40; CX-07, CX-08, CX-01 busy.
    expect(b[bucket('08:30')]).toMatchObject({ callsReceived: 0, queueLength: 0, handovers: 1, offloadMedianMin: 12, unitsHeld: 1, unitsBusy: 3, utilisationPct: 4.7 });
    expect(b[bucket('08:45')]).toMatchObject({ icuOccupancyPct: 79.8 });
    expect(b[bucket('09:00')]).toMatchObject({ callsReceived: 1, icuOccupancyPct: 82.1 });
    expect(b[bucket('09:15')]).toMatchObject({ callsReceived: 1, handovers: 1, offloadMedianMin: 35 });
    expect(b[bucket('09:30')]).toMatchObject({ handovers: 1, offloadMedianMin: 20 });
    expect(b[bucket('09:45')]).toMatchObject({ callsReceived: 0, queueLength: 1, unitsHeld: 1, unitsBusy: 1, utilisationPct: 1.6 });
  });

  it('Trends default to the last 24 hours on quarter-hour buckets', async () => {
    const res = await command.get<TrendResult>('/api/stats/trends');
    expect(res.status).toBe(200);
    expect(res.body.buckets).toHaveLength(96);
    expect(res.body.from).toBe(new Date(Date.parse(local('10:00')) - 24 * 3600_000).toISOString());
    expect(res.body.buckets.reduce((n, x) => n + x.callsReceived, 0)).toBe(7);
  });

  it('The daily report counts calls by outcome and class, the load peak, handovers and declines', async () => {
    const res = await command.get<DailyReport>(`/api/reports/daily?day=${DAY}`);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.calls.emergency).toBe(7);
    // Transported C1, C2, C4; advice C3; treated on scene C6; still open C5, C7.
    expect(r.calls.byOutcome).toMatchObject({ transported: 3, advice: 1, treated_on_scene: 1, open: 2, cancelled: 0 });
    expect(r.calls.byClass).toMatchObject({ common: 5, severe: 1, mild: 1, critical: 0 });
    // The 60 minutes up to 08:50 hold C1 08:00, C2 08:05, C3 08:20, C4 08:25, C5 08:50 = 5 → 5.0x.
    expect(r.load).toEqual({ baselinePerHour: 1, peakCallsInHour: 5, peakMultiple: 5, peakAt: local('08:50') });
    expect(r).toMatchObject({ handovers: 3, offloadMedianMin: 20, offloadP90Min: 32, offloadMaxMin: 35, unitHoursLost: 1.28, declines: 1 });
    expect(r.declinesByReason.no_icu_bed).toBe(1);
    // H01: C4, 20 min = 0.33 h. H02: 12 + 35 = 47 min = 0.78 h, and it declined C4. H04: CX-10 at its door 10 min = 0.17 h.
    expect(r.hospitals.find((h) => h.hospitalId === H01)).toMatchObject({ handovers: 1, offloadMedianMin: 20, unitHoursLost: 0.33, declines: 0, icuOccupied: 38, icuPct: 95 });
    expect(r.hospitals.find((h) => h.hospitalId === H02)).toMatchObject({ handovers: 2, offloadMedianMin: 23.5, offloadMaxMin: 35, unitHoursLost: 0.78, declines: 1 });
    expect(r.hospitals.find((h) => h.hospitalId === H04)).toMatchObject({ handovers: 0, offloadMedianMin: null, unitHoursLost: 0.17, declines: 0 });
  });

  it('The daily CSV has a header row, a city row and one row per hospital with the same figures', async () => {
    const res = await command.get<string>(`/api/reports/daily.csv?day=${DAY}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain(`cixi-120-daily-${DAY}.csv`);
    const rows = parseCsv(res.body);
    // The city, 27 hospitals and the 24 hours of the city day (no seats were staffed: no dispatcher rows).
    expect(rows).toHaveLength(1 + 27 + 24);
    expect(rows.filter((r) => r.scope === 'hour').map((r) => r.hour_from)[8]).toBe(local('08:00'));
    const city = rows[0];
    expect(city).toMatchObject({ day: DAY, scope: 'city', calls_emergency: '7', calls_outcome_transported: '3', calls_outcome_advice: '1', calls_class_severe: '1' });
    expect(city).toMatchObject({ peak_calls_in_hour: '5', peak_load_multiple: '5', handovers: '3', offload_median_min: '20', offload_p90_min: '32', unit_hours_lost: '1.28', declines_no_icu_bed: '1' });
    expect(rows.find((r) => r.hospital_code === 'H01')).toMatchObject({ scope: 'hospital', handovers: '1', icu_pct: '95', calls_emergency: '' });
    expect(rows.find((r) => r.hospital_code === 'H02')).toMatchObject({ handovers: '2', offload_median_min: '23.5', offload_max_min: '35', declines: '1' });
    // A name with a comma survives quoting.
    expect(rows.find((r) => r.hospital_code === 'H07')?.hospital_name).toBe('Cixi Sub-designated Hospital (Zonghan, 2 wards)');
  });

  it('NEMSIS times: one row per job, each time the moment the change was logged', async () => {
    const res = await command.get<string>(`/api/interop/nemsis.csv?day=${DAY}`);
    expect(res.status).toBe(200);
    const rows = parseCsv(res.body);
    expect(rows.map((r) => r['eResponse.14'])).toEqual(['CX-07', 'CX-08', 'CX-01', 'CX-09', 'CX-10']);
    const t = (hhmm: string) => `${DAY}T${hhmm}:00+08:00`;
    expect(rows[0]).toMatchObject({
      'eDisposition.02': 'H02',
      'eTimes.01': t('08:00'),
      'eTimes.03': t('08:02'),
      'eTimes.05': t('08:03'),
      'eTimes.06': t('08:10'),
      'eTimes.09': t('08:20'),
      'eTimes.11': t('08:30'),
      'eTimes.12': t('08:42'),
      'eTimes.13': t('09:00'),
    });
    // C4: declined by H02, rerouted to H01 before arrival.
    expect(rows[2]).toMatchObject({ 'eDisposition.02': 'H01', 'eTimes.01': t('08:25'), 'eTimes.03': t('08:40'), 'eTimes.11': t('09:10'), 'eTimes.12': t('09:30'), 'eTimes.13': t('09:45') });
    // C6, treated on scene: never left with a patient, back in service 09:35.
    expect(rows[3]).toMatchObject({ 'eTimes.06': t('09:15'), 'eTimes.09': '', 'eTimes.11': '', 'eTimes.12': '', 'eTimes.13': t('09:35') });
    // C7: still at the door.
    expect(rows[4]).toMatchObject({ 'eDisposition.02': 'H04', 'eTimes.11': t('09:50'), 'eTimes.12': '', 'eTimes.13': '' });
  });

  it('EDXL-HAVE 2.0: every hospital with its bed services, ED traffic, ambulance offload and colour, under 2.0 names', async () => {
    const gateway = await login(server, 'avl-gateway');
    const res = await gateway.get<string>('/api/interop/have');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const doc = create(res.body).end({ format: 'object' }) as unknown as { HAVE: Record<string, any> & { '@xmlns': string; facility: Record<string, any>[] } };
    expect(doc.HAVE['@xmlns']).toBe('urn:oasis:names:tc:emergency:edxl:have:2.0');
    expect(doc.HAVE.organizationInformation['xnl:OrganisationName']['xnl:NameElement']).toBe('Cixi 120 Emergency Medical Dispatch Centre');
    const facilities = doc.HAVE.facility;
    expect(facilities).toHaveLength(27);
    const byCode = (code: string) => facilities.find((f) => f.facilityInformation.facilityID === code);
    const [h01, h02, h04, h05] = ['H01', 'H02', 'H04', 'H05'].map(byCode);
    // 2.0 counts beds per service (serviceList/serviceListItem/serviceBedCapacity), not per 1.0 BedCapacity/BedType.
    const service = (f: Record<string, any> | undefined, key: string) => (f?.serviceList.serviceListItem as Record<string, any>[]).find((s) => s.serviceTaxonomyKeyValue === key);
    expect(h01?.serviceList.taxonomyURI).toBe('urn:cixi-120:have:bed-service');
    // ICU 40 open, 38 occupied → 2 free; 60 convertible within 24 h. Wards: (1500 − 40) − (1278 − 38) = 220 free of 1,460.
    expect(service(h01, 'AdultICU')).toMatchObject({ serviceStatus: { isAvailable: 'true' }, serviceBedCapacity: { availableCount: '2', baselineCount: '40', availability: 'Open' } });
    expect(service(h01, 'AdultICU')?.serviceBedCapacity.capacityNote).toBe(`beds reported by the hospital at ${local('09:00')}; 60 convertible beds can be opened as ICU within 24 h`);
    expect(service(h01, 'MedicalSurgical')?.serviceBedCapacity).toMatchObject({ availableCount: '220', baselineCount: '1460', availability: 'Open' });
    // ED status lives in facilityInformation in 2.0.
    const ed = (f: Record<string, any> | undefined) => f?.facilityInformation.emergencyDepartmentStatus;
    expect(ed(h01).emsTraffic).toEqual({ emsTrafficStatus: 'Normal' });
    // Offload: H01's median 20 min and H02's 23.5 are at or past the 15-minute amber line → Delayed. H04 has no
    // handover yet: CX-10's 10 minutes at the door, under the line → Normal, and the waiting unit in commentText.
    expect(ed(h01).emsAmbulanceStatus).toEqual({ emsOffloadStatus: 'Delayed', emsOffloadMinutes: '20' });
    expect(ed(h02).emsAmbulanceStatus).toEqual({ emsOffloadStatus: 'Delayed', emsOffloadMinutes: '24' });
    expect(ed(h04).emsAmbulanceStatus).toEqual({ emsOffloadStatus: 'Normal', emsOffloadMinutes: '10' });
    expect(h04?.commentText).toBe('EMS offload: 1 unit(s) waiting at the ED door now, longest 10 min');
    // No ambulance there today: nothing to report, and 2.0 requires the minutes inside emsAmbulanceStatus.
    expect(ed(h05).emsAmbulanceStatus).toBeUndefined();
    expect(h01?.commentText).toBeUndefined();
    // H01's ICU is at 95%: red on HAVE 2.0's own default colour list.
    expect(h01?.facilityColourStatus.colourCodeDefault).toEqual({ 'ct:ValueListURI': 'urn:oasis:names:tc:emergency:EDXL:HAVE:2.0:Defaults:ColourCode', 'ct:Value': 'red' });
    expect(h01?.facilityInformation.facilityGeoLocation['ct:EDXLGeoLocation']['gml:Point']['gml:pos']).toBe('30.1872 121.2726');
    // The 1.0 names guessed into 2.0 casing and the made-up offload element are gone.
    for (const old of ['bedCapacityStatus', 'bedType', 'emsOffload>', 'lastUpdateTime', 'additionalCapacityCount24Hr']) expect(res.body).not.toContain(`<${old}`);
  });

  it('Exports are for the command group, admin and (HAVE) the regional gateway only', async () => {
    expect((await day.nurse.get('/api/interop/have')).status).toBe(403);
    expect((await day.dispatcher.get(`/api/reports/daily.csv?day=${DAY}`)).status).toBe(403);
    const gateway = await login(server, 'avl-gateway');
    expect((await gateway.get(`/api/interop/nemsis.csv?day=${DAY}`)).status).toBe(403);
    const bad = await command.get('/api/reports/daily?day=15-01-2025');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION', field: 'day' });
  });

  it('History survives a restart: a new server on the same database draws the same trends', async () => {
    const databaseUrl = server.databaseUrl;
    await server.close();
    server = await startTestServer({ clock: clock.now, databaseUrl });
    const again = await login(server, 'command');
    const res = await again.get<TrendResult>(`/api/stats/trends?day=${DAY}`);
    expect(res.body).toEqual(dayTrends);
  });
});
