/**
 * Graceful shutdown: on SIGTERM the process stops taking work, finishes the request in flight,
 * tells consoles to reconnect elsewhere, closes its database connections and exits 0.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBody, connectConsole, createTestDatabase, login, waitFor } from '../harness.ts';
import { startServerProcess, type ServerProcess } from './processes.ts';

describe('SIGTERM', () => {
  let database: { url: string; name: string };
  let proc: ServerProcess | null = null;
  let sql: postgres.Sql;
  beforeAll(async () => {
    database = await createTestDatabase();
    sql = postgres(database.url, { max: 3, onnotice: () => {}, connection: { application_name: 'shutdown-test' } });
  });
  afterAll(async () => {
    proc?.child.kill('SIGKILL');
    await sql.end();
  });

  it('finishes the assignment in flight, refuses new work, tells consoles, closes the database and exits 0', async () => {
    proc = await startServerProcess({ DATABASE_URL: database.url });
    const dispatcher = await login(proc, 'dispatcher');
    const console1 = connectConsole(proc, dispatcher);
    await console1.ready;
    const shutdownNotice: { reconnectInMs: number }[] = [];
    console1.socket.on('server:shutdown', (info) => shutdownNotice.push(info));

    const callId = (await dispatcher.post('/api/calls', callBody())).body.id as number;
    const unitId = ((await dispatcher.get('/api/units')).body as { id: number; status: string }[]).find((u) => u.status === 'available')?.id;
    // Hold the unit's row so the assignment is provably still running when SIGTERM comes.
    const holder = await sql.reserve();
    await holder`begin`;
    await holder`select id from units where id = ${unitId ?? 0} for update`;
    const inFlight = dispatcher.post(`/api/calls/${callId}/assign`, { unitId });
    await new Promise((r) => setTimeout(r, 300));

    proc.child.kill('SIGTERM');
    await waitFor(() => shutdownNotice.length > 0, 3000, 'server:shutdown on the console');
    expect(shutdownNotice[0]?.reconnectInMs).toBeGreaterThan(0);

    const late = await fetch(`${proc.url}/api/calls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${dispatcher.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(callBody()),
    }).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(late === 503 || late === 'refused', `new work after SIGTERM got ${late}`).toBe(true);
    // Still alive: waiting for the assignment, not cutting it off.
    await new Promise((r) => setTimeout(r, 500));
    expect(proc.child.exitCode).toBeNull();

    await holder`rollback`;
    holder.release();
    const done = await inFlight;
    expect(done.status).toBe(201);
    expect(await proc.exited).toBe(0);

    const [row] = await sql`select status, transport_id from units where id = ${unitId ?? 0}`;
    expect(row).toMatchObject({ status: 'dispatched', transport_id: done.body.transport.id });
    // The server's pool is gone: only this test's own connections remain.
    const lingering = await sql`select pid from pg_stat_activity where datname = ${database.name} and application_name <> 'shutdown-test'`;
    expect(lingering).toEqual([]);
    expect(proc.output()).not.toMatch(/"level":(50|60)/);
    console1.close();
  }, 30_000);
});
