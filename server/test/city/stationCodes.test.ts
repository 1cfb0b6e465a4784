/** Migration 0001 (hand-edited): stations that existed get 'ST' + id, and a station inserted without a code gets the same. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { createTestDatabase } from '../harness.ts';

const MIGRATIONS = path.resolve(import.meta.dirname, '../../../migrations');

describe('station codes', () => {
  it('existing stations are named from their id; later ones too, unless they bring a code', async () => {
    const { url } = await createTestDatabase({ seeded: false });
    // The database as it was before codes: only the first migration applied.
    const before = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-0000-'));
    fs.mkdirSync(path.join(before, 'meta'));
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const first = journal.entries[0];
    if (!first) throw new Error('no migrations');
    fs.writeFileSync(path.join(before, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: [first] }));
    fs.copyFileSync(path.join(MIGRATIONS, `${first.tag}.sql`), path.join(before, `${first.tag}.sql`));
    const client = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle(client), { migrationsFolder: before });
      await client`insert into stations (name, name_en, lon, lat) values ('甲', 'A', 121.2, 30.1), ('乙', 'B', 121.3, 30.2), ('丙', 'C', 121.4, 30.2)`;
    } finally {
      await client.end();
    }
    const database = await openDatabase({ url, dataDir: 'memory://', poolSize: 1 });
    await database.close();
    const after = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await after`insert into stations (name, name_en, lon, lat) values ('丁', 'D', 121.2, 30.1)`;
      await after`insert into stations (code, name, name_en, lon, lat) values ('NEW-1', '戊', 'E', 121.2, 30.1)`;
      const rows = await after`select id, code from stations order by id`;
      expect(rows.map((r) => r.code as string)).toEqual(['ST01', 'ST02', 'ST03', 'ST04', 'NEW-1']);
      await expect(after`insert into stations (code, name, name_en, lon, lat) values ('ST01', '己', 'F', 121.2, 30.1)`).rejects.toMatchObject({ code: '23505' });
    } finally {
      await after.end();
    }
  });
});
