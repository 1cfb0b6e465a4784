/**
 * The demo's phone model, run for real against the server on PostgreSQL: its lines ring through the telephony
 * gateway API, its call takers answer at seats, its callers hang up, and the centre's figures
 * (GET /api/stats/centre) show it as a command desk would: calls offered, answered in 10 s, abandoned, and the
 * surge switch raising the offered rate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentreFigures, Seat } from '@dispatch/shared';
import { startSimulator, type Simulator } from '../../src/demo/simulator.ts';
import { sql } from 'drizzle-orm';
import { login, startTestServer, type Agent, type TestServer } from '../harness.ts';
import { rowsOf } from '../../src/repositories/units.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the demo phone model rings, answers and loses callers through the telephony API', () => {
  let server: TestServer;
  let sim: Simulator;
  let command: Agent;

  beforeAll(async () => {
    server = await startTestServer();
    // 20x: a simulated minute is 3 s; cixi's 40 calls an hour ring every 4.5 s, 200 in the surge. Two seats, so
    // the queue is real: a caller whose patience (20–90 s, 1–4.5 s here) runs out hangs up.
    sim = startSimulator({ baseUrl: server.url, env: server.ctx.env, log: server.app.log, seed: 42, speedup: 20, warmUp: { calls: 0, dispatched: 0 }, phones: { seats: { normal: 2, surge: 2 }, consoleTalkMinMs: 2000 } });
    server.ctx.demo = sim;
    command = await login(server, 'command');
  });
  afterAll(async () => {
    await sim?.stop();
    await server?.close();
  });

  const figures = async () => {
    const res = await command.get<CentreFigures>('/api/stats/centre');
    expect(res.status).toBe(200);
    return res.body;
  };

  it('offers calls, answers some within 10 s, loses some, and offers more of them in the surge', async () => {
    const start = Date.now();
    await sleep(25_000);
    const normal = await figures();
    const normalSec = (Date.now() - start) / 1000;
    expect(normal.offered).toBeGreaterThan(0);
    expect(normal.answeredWithin.count).toBeGreaterThan(0);

    // The call takers are at their seats, named by the answered events.
    const seats = await command.get<Seat[]>('/api/seats');
    expect(seats.body.filter((s) => s.holder?.displayName.startsWith('模拟接警席')).length).toBe(2);

    const res = await command.post('/api/demo/surge', { on: true });
    expect(res.status).toBe(200);
    const surgeStart = Date.now();
    await sleep(20_000);
    const surge = await figures();
    const surgeSec = (Date.now() - surgeStart) / 1000;
    const normalRate = normal.offered / normalSec;
    const surgeRate = (surge.offered - normal.offered) / surgeSec;
    server.app.log.info({ normal, surge, normalRate, surgeRate, phones: sim.stats().phones }, 'phone model figures');
    expect(surgeRate).toBeGreaterThan(2.5 * normalRate);
    // Two seats cannot take 200 calls an hour: callers hang up, and the centre's figures say so.
    expect(surge.abandoned.count).toBeGreaterThan(0);
    expect(surge.answeredWithin.count).toBeGreaterThan(normal.answeredWithin.count);
    // Every call the model rang reached the figures (none refused, none lost between model and server).
    const phones = sim.stats().phones;
    expect(phones?.postErrors).toBe(0);
    expect(surge.offered).toBeGreaterThanOrEqual((phones?.rung ?? 0) - 3);
    // Advice and repeat calls close at the phone; only the emergencies became incidents (their share is phoneDraws' test).
    expect(phones?.advice).toBeGreaterThan(0);
    expect(phones?.emergencies).toBeGreaterThan(0);
  }, 90_000);

  it('a caller a human answers with F4 is connected by the model (as the PBX): no hang-up, ended after the talk', async () => {
    const dispatcher = await login(server, 'dispatcher');
    expect((await dispatcher.post('/api/seats/sign-in', { seat: 1 })).status).toBe(200);
    let answered: { lineId: number; attempt: { callerNumber: string } } | null = null;
    for (const until = Date.now() + 30_000; !answered && Date.now() < until; await sleep(200)) {
      const res = await dispatcher.post('/api/seats/1/answer', {});
      if (res.status === 200) answered = res.body.line;
      else expect(res.body.code).toBe('NOTHING_RINGING');
    }
    if (!answered) throw new Error('nothing rang in 30 s');
    // The model ends the call after the (shortened) talk: the seat goes to wrap-up.
    for (const until = Date.now() + 15_000; Date.now() < until; await sleep(250)) {
      const seat = (await dispatcher.get<Seat[]>('/api/seats')).body.find((s) => s.seat === 1);
      if (seat?.state === 'wrap_up') break;
    }
    const kinds = rowsOf<{ kind: string }>(
      await server.database.db.execute(sql`select kind from line_events where line_id = ${answered.lineId} and caller_number = ${answered.attempt.callerNumber} order by at`),
    ).map((r) => r.kind);
    expect(kinds).toContain('ended');
    expect(kinds).not.toContain('abandoned');
    expect((await dispatcher.get<Seat[]>('/api/seats')).body.find((s) => s.seat === 1)?.state).toBe('wrap_up');
    await dispatcher.post('/api/seats/1/state', { state: 'ready' });
    await dispatcher.post('/api/seats/sign-out');
  }, 60_000);
});
