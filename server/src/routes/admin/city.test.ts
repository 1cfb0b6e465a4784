/** POST /api/admin/city/import on the seeded demo database: the Cixi bundle matches the demo row for row. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityImportReport } from '@dispatch/shared';
import { login, startTestServer, type Agent, type TestServer } from '../../../test/harness.ts';
import { rowsOf } from '../../repositories/units.ts';
import { cixiFiles, setCell } from '../../../test/city/bundle.ts';

describe('POST /api/admin/city/import', () => {
  let server: TestServer;
  let admin: Agent;
  let dispatcher: Agent;

  beforeAll(async () => {
    server = await startTestServer();
    [admin, dispatcher] = await Promise.all([login(server, 'admin'), login(server, 'dispatcher')]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is for admins only', async () => {
    expect((await dispatcher.post('/api/admin/city/import', { files: cixiFiles() })).status).toBe(403);
  });

  it('answers 400 BUNDLE_INVALID with every error located, and imports nothing', async () => {
    const maxSeq = async () => rowsOf<{ n: number }>(await server.database.db.execute(sql`select coalesce(max(seq), 0)::int as n from events`))[0]?.n;
    const before = await maxSeq();
    const files = cixiFiles();
    files['stations.csv'] = setCell(files['stations.csv'] ?? '', 3, 'lon', 'east');
    delete files['units.csv'];
    const res = await admin.post('/api/admin/city/import', { files });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BUNDLE_INVALID');
    expect(res.body.errors).toEqual([
      { file: 'stations.csv', line: 3, column: 'lon', message: 'not a number' },
      { file: 'units.csv', line: null, column: null, message: 'file is missing' },
    ]);
    expect(await maxSeq()).toBe(before);
  });

  it('answers 200 with the report: the demo already holds every station, hospital and unit of the Cixi bundle', async () => {
    const res = await admin.post<CityImportReport>('/api/admin/city/import', { files: cixiFiles() });
    expect(res.status).toBe(200);
    expect(res.body.stations).toEqual({ created: 0, updated: 0, unchanged: 20 });
    expect(res.body.hospitals).toEqual({ created: 0, updated: 0, unchanged: 27 });
    expect(res.body.units).toEqual({ created: 0, updated: 0, unchanged: 64 });
    expect(res.body.places).toEqual({ replaced: 5 });
    // Only the city itself is new: one event, under the admin's name.
    expect(res.body.seq).not.toBeNull();
    expect(res.body.seq?.from).toBe(res.body.seq?.to);
  });
});
