/**
 * One local day for the whole system: the city's (UTC+8), not the zone of the machine the server runs on.
 * The server here plays a container set to UTC, where "today" would otherwise start at 08:00 in Cixi.
 */
process.env.TZ = 'UTC';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HospitalDay } from '@dispatch/shared';
import { callBody, login, startTestServer, type TestServer } from '../harness.ts';

// 07:30 on 15 January in Cixi is still 14 January in UTC.
const NOW = new Date('2025-01-15T07:30:00+08:00');

describe('the local day is the city day whatever the server machine zone', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: () => NOW });
  });
  afterAll(() => server?.close());

  it("a call received at 07:30 in Cixi is numbered with Cixi's date, and the hospital's today began at Cixi midnight", async () => {
    expect(NOW.getUTCDate()).toBe(14);
    const dispatcher = await login(server, 'dispatcher');
    const created = await dispatcher.post<{ number: string }>('/api/calls', callBody());
    expect(created.status).toBe(201);
    expect(created.body.number).toMatch(/^0115-\d{4}$/);

    const nurse = await login(server, 'nurse');
    const today = await nurse.get<HospitalDay>('/api/hospitals/1/today');
    expect(today.status).toBe(200);
    expect(today.body).toMatchObject({ day: '2025-01-15', from: '2025-01-14T16:00:00.000Z', to: '2025-01-15T16:00:00.000Z' });

    const command = await login(server, 'command');
    expect((await command.get<{ day: string }>('/api/stats/now')).body.day).toBe('2025-01-15');
  });
});
