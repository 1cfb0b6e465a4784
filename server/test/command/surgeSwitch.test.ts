/**
 * The demo's surge switch is a logged change: thrown at one command desk, every console sees the new position at
 * once (not at its next snapshot), the shared reducer keeps it in the live state, and the audit log names who threw it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, applySnapshot, type AuditEvent, type DemoState } from '@dispatch/shared';
import { startSimulator, type Simulator } from '../../src/demo/simulator.ts';
import { connectConsole, login, startTestServer, type Agent, type RecordingConsole, type TestServer } from '../harness.ts';

const heardSurge = (c: RecordingConsole, surge: boolean) => c.events.find((e) => e.name === 'demo.surgeChanged' && (e.data as DemoState | null)?.surge === surge);

describe('the surge switch is shared live between consoles', () => {
  let server: TestServer;
  let sim: Simulator;
  let command: Agent;
  let otherDesk: RecordingConsole;
  let wall: RecordingConsole;

  beforeAll(async () => {
    server = await startTestServer();
    // The real simulator, slow: this test is about the switch, not the traffic.
    sim = startSimulator({ baseUrl: server.url, env: server.ctx.env, log: server.app.log, seed: 7, speedup: 1, warmUp: { calls: 0, dispatched: 0 } });
    server.ctx.demo = sim;
    command = await login(server, 'command');
    otherDesk = connectConsole(server, await login(server, 'admin'));
    wall = connectConsole(server, await login(server, 'dispatcher'));
    await Promise.all([otherDesk.ready, wall.ready]);
  });
  afterAll(async () => {
    otherDesk?.close();
    wall?.close();
    await sim?.stop();
    await server?.close();
  });

  it('one desk throws it; the other consoles hear it at once and their live state follows', async () => {
    expect(otherDesk.snapshots[0]?.demo).toEqual({ surge: false });
    const res = await command.post<DemoState>('/api/demo/surge', { on: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ surge: true });
    expect(sim.get()).toEqual({ surge: true });

    const pushed = await otherDesk.waitFor(() => heardSurge(otherDesk, true));
    await wall.waitFor(() => heardSurge(wall, true));
    expect(pushed).toMatchObject({ entity: 'settings', actor: 'command' });

    // The console's copy, through the same reducer the browser uses: surge on, thresholds untouched.
    const snapshot = otherDesk.snapshots[0];
    if (!snapshot) throw new Error('no snapshot');
    const state = applySnapshot(snapshot);
    for (const e of otherDesk.events) applyEvent(state, e);
    expect(state.demo).toEqual({ surge: true });
    expect(state.thresholds).toEqual(snapshot.thresholds);

    // Throwing it to where it already is changes nothing and logs nothing.
    const count = otherDesk.events.length;
    expect((await command.post<DemoState>('/api/demo/surge', { on: true })).body).toEqual({ surge: true });
    await command.post('/api/demo/surge', { on: false });
    await otherDesk.waitFor(() => heardSurge(otherDesk, false));
    expect(otherDesk.events.slice(count).filter((e) => e.name === 'demo.surgeChanged').map((e) => (e.data as DemoState).surge)).toEqual([false]);

    // A console that connects now starts from a snapshot that already says off.
    const late = connectConsole(server, command);
    await late.ready;
    expect(late.snapshots[0]?.demo).toEqual({ surge: false });
    late.close();

    // The audit log names who threw it, each way.
    const admin = await login(server, 'admin');
    const audit = await admin.get<AuditEvent[]>('/api/admin/events?entity=settings&entityId=2&user=command');
    expect(audit.status).toBe(200);
    expect(audit.body.map((e) => [e.name, (e.after as DemoState).surge])).toEqual(expect.arrayContaining([['demo.surgeChanged', true], ['demo.surgeChanged', false]]));
    expect(audit.body).toHaveLength(2);
  });
});
