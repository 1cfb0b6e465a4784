/**
 * CSV exports open in spreadsheets: a name an admin typed must never run as a formula there.
 * Cells starting with = + - @ (or a tab or carriage return) get a leading single quote; figures stay numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../src/queries/csv.ts';
import { callBody, login, startTestServer, type Agent, type TestServer } from '../harness.ts';
import { parseCsv } from './csv.ts';

const DAY = '2025-03-04';

describe('formula injection in the CSV exports', () => {
  let server: TestServer;
  let command: Agent;

  beforeAll(async () => {
    server = await startTestServer({ clock: () => new Date(`${DAY}T10:00:00+08:00`) });
    const admin = await login(server, 'admin');
    // Hospital 3 renamed with a formula; unit 5 given a call sign a spreadsheet would compute (-2-1 = -3).
    expect((await admin.patch('/api/admin/hospitals/3', { nameEn: '=HYPERLINK("http://evil.example","open me")' })).status).toBe(200);
    expect((await admin.patch('/api/admin/units/5', { callSign: '-2-1' })).status).toBe(200);
    const dispatcher = await login(server, 'dispatcher');
    const call = await dispatcher.post<{ id: number }>('/api/calls', callBody());
    expect((await dispatcher.post(`/api/calls/${call.body.id}/assign`, { unitId: 5, hospitalId: 3 })).status).toBeLessThan(300);
    command = await login(server, 'command');
  });
  afterAll(() => server?.close());

  it('the daily report CSV opens the hospital name as text', async () => {
    const res = await command.get<string>(`/api/reports/daily.csv?day=${DAY}`);
    expect(res.status).toBe(200);
    const h03 = parseCsv(res.body).find((r) => r.hospital_code === 'H03');
    expect(h03?.hospital_name).toBe(`'=HYPERLINK("http://evil.example","open me")`);
    expect(res.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('the NEMSIS CSV opens the unit call sign as text', async () => {
    const res = await command.get<string>(`/api/interop/nemsis.csv?day=${DAY}`);
    expect(res.status).toBe(200);
    const rows = parseCsv(res.body);
    expect(rows.map((r) => [r['eResponse.14'], r['eDisposition.02']])).toEqual([["'-2-1", 'H03']]);
  });

  it('every dangerous first character, and only text: numbers (negative ones too) are left alone', () => {
    const text = toCsv(['v'], [['=1+1'], ['+1'], ['-1'], ['@SUM(A1)'], ['\tx'], ['\rx'], ['a=b'], [-3], [2.5], ['H01']]);
    expect(parseCsv(text).map((r) => r.v)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", 'a=b', '-3', '2.5', 'H01']);
  });
});
