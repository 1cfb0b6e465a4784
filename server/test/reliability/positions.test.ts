/** AVL fixes arrive out of order over mobile networks: a late, older fix never moves a unit back. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PositionTuple } from '@dispatch/shared';
import { connectConsole, login, startTestServer, waitFor, type Agent, type RecordingConsole, type TestServer } from '../harness.ts';

describe('ordered positions', () => {
  let server: TestServer;
  let gateway: Agent;
  let dispatcher: Agent;
  let console1: RecordingConsole;
  beforeAll(async () => {
    server = await startTestServer();
    gateway = await login(server, 'avl-gateway');
    dispatcher = await login(server, 'dispatcher');
    console1 = connectConsole(server, dispatcher);
    await console1.ready;
  });
  afterAll(async () => {
    console1.close();
    await server.close();
  });

  const fix = (unitId: number, lon: number, at: number) => ({ unitId, lon, lat: 30.2, at });
  const fixesOf = (unitId: number): PositionTuple[] => console1.frames.flatMap((f) => f.fixes.filter((x) => x[0] === unitId));

  it('keeps the newer fix when an older one arrives in a later batch (database and pushed frames)', async () => {
    const t = Date.now();
    expect((await gateway.post('/api/units/positions', { fixes: [fix(5, 121.3, t)] })).body).toEqual({ received: 1, applied: 1 });
    await waitFor(() => fixesOf(5).length > 0, 3000, 'frame with the new fix');
    const late = await gateway.post('/api/units/positions', { fixes: [fix(5, 121.1, t - 30_000)] });
    expect(late.body).toEqual({ received: 1, applied: 0 });
    // A later, genuinely newer fix still gets through, so frames keep flowing.
    await gateway.post('/api/units/positions', { fixes: [fix(6, 121.2, t)] });
    await waitFor(() => fixesOf(6).length > 0, 3000, 'frame after the late fix');
    expect(fixesOf(5).map((x) => x[1])).toEqual([121.3]);
    const unit = (await dispatcher.get('/api/units/5')).body;
    expect(unit.lon).toBe(121.3);
    expect(new Date(unit.fixAt).getTime()).toBe(t);
  });

  it('keeps the newest fix of a unit within one batch whatever the order', async () => {
    const t = Date.now() + 1000;
    const res = await gateway.post('/api/units/positions', { fixes: [fix(7, 121.25, t), fix(7, 121.05, t - 5000), fix(7, 121.15, t - 1000)] });
    expect(res.body).toEqual({ received: 3, applied: 1 });
    await waitFor(() => fixesOf(7).length > 0, 3000, 'frame for unit 7');
    expect(fixesOf(7).map((x) => x[1])).toEqual([121.25]);
    expect((await dispatcher.get('/api/units/7')).body.lon).toBe(121.25);
  });

  it('applies concurrent batches in any order and ends on the newest fix', async () => {
    const t = Date.now() + 10_000;
    const batches = Array.from({ length: 20 }, (_, i) => ({ fixes: [fix(8, 121 + i / 100, t + i * 1000)] }));
    await Promise.all([...batches].reverse().map((b) => gateway.post('/api/units/positions', b)));
    expect((await dispatcher.get('/api/units/8')).body.lon).toBe(121.19);
    await waitFor(() => fixesOf(8).some((x) => x[1] === 121.19), 3000, 'newest fix of unit 8');
    const times = fixesOf(8).map((x) => x[5]);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
