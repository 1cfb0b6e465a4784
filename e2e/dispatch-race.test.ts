/**
 * Two dispatchers at two seats send the same recommended unit at the same moment: exactly one wins.
 * Working two different calls, the loser sees the conflict at once and is offered the next best unit,
 * which it then sends. Working the same call, the loser is told the call already has its ambulance and
 * is offered no "send next best" (that would be the stray second ambulance).
 *
 * "The same moment" is made exact: both seats' assign requests are held in the browser until both have
 * been sent, so neither seat's click can land after the other's result has already reached its screen.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSeat, screenshot, useE2E } from './harness.ts';
import { callBody, login } from '../server/test/harness.ts';

/** Holds each page's first assign request until every page has sent one, then lets them all go. */
async function holdAssignsUntilAllSent(pages: Page[]): Promise<void> {
  let release: () => void = () => {};
  const allSent = new Promise<void>((resolve) => (release = resolve));
  let sent = 0;
  for (const page of pages) {
    let held = false;
    await page.route('**/api/calls/*/assign', async (route) => {
      if (held) return route.continue();
      held = true;
      sent += 1;
      if (sent === pages.length) release();
      await allSent;
      await route.continue();
    });
  }
}

async function outcome(p: Page): Promise<'won' | 'lost'> {
  await p.locator('[data-testid="assign-message"], [data-testid="assign-conflict"]').first().waitFor();
  return (await p.getByTestId('assign-conflict').count()) > 0 ? 'lost' : 'won';
}

describe('two seats race for the same unit', () => {
  const e2e = useE2E();

  it('on two calls: one seat wins the unit; the other sees the conflict and sends the next best', async () => {
    const { server, browser } = e2e;
    const api = await login(server, 'dispatcher');
    const calls = [] as { id: number }[];
    for (const address of ['浒山街道 孙塘北路 20号', '浒山街道 孙塘北路 22号']) {
      calls.push((await api.post('/api/calls', callBody({ clinicalClass: 'common', address }))).body as { id: number });
    }
    const seats = await Promise.all([openSeat(browser, server, 'dispatcher'), openSeat(browser, server, 'dispatcher2')]);
    const [a, b] = seats.map((s) => s.page);
    if (!a || !b || !calls[0] || !calls[1]) throw new Error('two seats, two calls');
    await a.locator(`[data-testid="queue-row"][data-call-id="${calls[0].id}"]`).click();
    await b.locator(`[data-testid="queue-row"][data-call-id="${calls[1].id}"]`).click();
    for (const p of [a, b]) await p.getByTestId('unit-choice').first().waitFor();
    const contested = await a.getByTestId('unit-choice').first().getAttribute('data-unit-id');
    expect(await b.getByTestId('unit-choice').first().getAttribute('data-unit-id')).toBe(contested);

    await holdAssignsUntilAllSent([a, b]);
    await Promise.all([a.getByTestId('assign-button').click(), b.getByTestId('assign-button').click()]);
    const results = await Promise.all([outcome(a), outcome(b)]);
    expect([...results].sort()).toEqual(['lost', 'won']);
    const loser = results[0] === 'lost' ? a : b;
    const winner = loser === a ? b : a;
    await expect(winner.getByTestId('assign-message').textContent()).resolves.toMatch(/sent/);

    // The loser is told which unit was taken and offered another, already focused.
    const conflict = loser.getByTestId('assign-conflict');
    await expect(conflict.textContent()).resolves.toMatch(/just taken by another seat/);
    const next = loser.getByTestId('assign-next-best');
    await next.waitFor();
    expect(await next.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(loser, 'dispatch-race-conflict');
    await loser.keyboard.press('Enter');
    await loser.getByTestId('assign-message').waitFor();

    // Each call has one unit, and they differ; the contested one went to the winner's call.
    const unitsOf = async (id: number) => ((await api.get(`/api/calls/${id}`)).body.transports as { unitId: number }[]).map((t) => String(t.unitId));
    const [first, second] = [await unitsOf(calls[0].id), await unitsOf(calls[1].id)];
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(first[0]).not.toBe(second[0]);
    expect((winner === a ? first : second)[0]).toBe(contested);
    for (const s of seats) await s.context.close();
  });

  it('on the same call: one seat wins; the other is told the call has its ambulance and sends no second', async () => {
    const { server, browser } = e2e;
    const api = await login(server, 'dispatcher');
    const call = (await api.post('/api/calls', callBody({ clinicalClass: 'common', address: '浒山街道 孙塘北路 24号' }))).body as { id: number };
    const seats = await Promise.all([openSeat(browser, server, 'dispatcher'), openSeat(browser, server, 'dispatcher2')]);
    const [a, b] = seats.map((s) => s.page);
    if (!a || !b) throw new Error('two seats');
    for (const p of [a, b]) {
      await p.locator(`[data-testid="queue-row"][data-call-id="${call.id}"]`).click();
      await p.getByTestId('unit-choice').first().waitFor();
    }
    const contested = await a.getByTestId('unit-choice').first().getAttribute('data-unit-id');

    await holdAssignsUntilAllSent([a, b]);
    await Promise.all([a.getByTestId('assign-button').click(), b.getByTestId('assign-button').click()]);
    const results = await Promise.all([outcome(a), outcome(b)]);
    expect([...results].sort()).toEqual(['lost', 'won']);
    const loser = results[0] === 'lost' ? a : b;

    await expect(loser.getByTestId('assign-conflict').textContent()).resolves.toMatch(/sent to this call by another seat/);
    expect(await loser.getByTestId('assign-next-best').count()).toBe(0);
    // Enter on the loser's panel does not send another unit either (the call has one now).
    await loser.getByTestId('on-call-row').first().waitFor();
    await loser.keyboard.press('Enter');
    await screenshot(loser, 'dispatch-race-same-call');

    const detail = await api.get(`/api/calls/${call.id}`);
    const units = (detail.body.transports as { unitId: number }[]).map((t) => String(t.unitId));
    expect(units).toEqual([contested]);
    // Both seats show the one unit on the call, live, and no second.
    for (const p of [a, b]) {
      await p.getByTestId('on-call-row').first().waitFor();
      expect(await p.getByTestId('on-call-row').count()).toBe(1);
    }
    for (const s of seats) await s.context.close();
  });
});
