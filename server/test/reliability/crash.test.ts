/**
 * No lost writes: a real server process is killed with SIGKILL in the middle of a load of call
 * intakes and assignments, then restarted on the same database. Every change it acknowledged (2xx)
 * must be there, nothing half-written, and each in the event log.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBody, createTestDatabase, login, waitFor, type Agent } from '../harness.ts';
import { startServerProcess, type ServerProcess } from './processes.ts';

describe('SIGKILL under load', () => {
  let databaseUrl: string;
  let proc: ServerProcess | null = null;
  let sql: postgres.Sql;
  beforeAll(async () => {
    databaseUrl = (await createTestDatabase()).url;
    sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  });
  afterAll(async () => {
    proc?.child.kill('SIGKILL');
    await sql.end();
  });

  it('keeps every acknowledged call and assignment, whole, after a crash and restart', async () => {
    proc = await startServerProcess({ DATABASE_URL: databaseUrl });
    const dispatcher = await login(proc, 'dispatcher');
    const units = ((await dispatcher.get('/api/units')).body as { id: number; status: string }[]).filter((u) => u.status === 'available').map((u) => u.id);

    const ackedCalls = new Set<number>();
    const ackedAssignments: { callId: number; unitId: number; transportId: number }[] = [];
    let failures = 0;
    const stopAt = Date.now() + 15_000;
    let killed = false;
    // Six seats, each with its own units so every assignment may succeed.
    const seat = async (agent: Agent, myUnits: number[]) => {
      while (!killed && Date.now() < stopAt) {
        try {
          const created = await agent.post('/api/calls', callBody());
          if (created.status !== 201) throw new Error(`create ${created.status}`);
          ackedCalls.add(created.body.id);
          const unitId = myUnits.shift();
          if (unitId === undefined) continue;
          const assigned = await agent.post(`/api/calls/${created.body.id}/assign`, { unitId });
          if (assigned.status !== 201) throw new Error(`assign ${assigned.status}`);
          ackedAssignments.push({ callId: created.body.id, unitId, transportId: assigned.body.transport.id });
        } catch {
          failures++;
          if (killed) return;
        }
      }
    };
    const seats = Array.from({ length: 6 }, (_, i) => seat(dispatcher, units.filter((_, j) => j % 6 === i)));
    // Kill once the load is well under way (however busy the machine), with requests in flight.
    await waitFor(() => ackedCalls.size > 20 && ackedAssignments.length > 10, 8000, 'load under way');
    killed = true;
    proc.child.kill('SIGKILL');
    expect(await proc.exited).toBe('SIGKILL');
    await Promise.all(seats);
    expect(ackedCalls.size).toBeGreaterThan(20);
    expect(ackedAssignments.length).toBeGreaterThan(10);
    expect(failures).toBeGreaterThan(0);

    proc = await startServerProcess({ DATABASE_URL: databaseUrl });
    const after = await login(proc, 'dispatcher');
    for (const id of ackedCalls) {
      const res = await after.get(`/api/calls/${id}`);
      expect(res.status, `acknowledged call ${id}`).toBe(200);
    }
    for (const a of ackedAssignments) {
      const res = await after.get(`/api/calls/${a.callId}`);
      expect(res.body.call.status).toBe('unit_assigned');
      expect(res.body.transports.map((t: { id: number }) => t.id)).toContain(a.transportId);
      const unit = (await after.get(`/api/units/${a.unitId}`)).body;
      expect(unit).toMatchObject({ status: 'dispatched', callId: a.callId, transportId: a.transportId });
    }

    // Nothing half-written, acknowledged or not.
    const orphanCalls = await sql`select c.id from calls c where c.status = 'unit_assigned'
      and not exists (select 1 from transports t where t.call_id = c.id and t.closed_at is null)`;
    expect(orphanCalls).toEqual([]);
    const orphanUnits = await sql`select u.id from units u where u.status = 'dispatched'
      and not exists (select 1 from transports t where t.id = u.transport_id and t.unit_id = u.id and t.closed_at is null)`;
    expect(orphanUnits).toEqual([]);
    const callsWithoutEvent = await sql`select c.id from calls c where not exists
      (select 1 from events e where e.entity = 'call' and e.entity_id = c.id and e.name = 'call.created')`;
    expect(callsWithoutEvent).toEqual([]);
    const transportsWithoutEvent = await sql`select t.id from transports t where not exists
      (select 1 from events e where e.entity = 'transport' and e.entity_id = t.id and e.name = 'transport.assigned')`;
    expect(transportsWithoutEvent).toEqual([]);
  }, 40_000);
});
