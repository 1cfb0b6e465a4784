/**
 * Two dispatchers at two seats send the same recommended unit at the same moment: exactly one wins,
 * the other sees the conflict at once and is offered the next best unit, which it then sends.
 */
import { describe, expect, it } from 'vitest';
import { openSeat, screenshot, useE2E } from './harness.ts';
import { callBody, login } from '../server/test/harness.ts';

describe('two seats race for the same unit', () => {
  const e2e = useE2E();

  it('one seat wins the unit; the other sees the conflict and sends the next best', async () => {
    const { server, browser } = e2e;
    const api = await login(server, 'dispatcher');
    const call = (await api.post('/api/calls', callBody({ clinicalClass: 'common', address: '浒山街道 孙塘北路 20号' }))).body as { id: number };
    const seats = await Promise.all([openSeat(browser, server, 'dispatcher'), openSeat(browser, server, 'dispatcher2')]);
    for (const { page } of seats) {
      await page.locator(`[data-testid="queue-row"][data-call-id="${call.id}"]`).click();
      await page.getByTestId('unit-choice').first().waitFor();
    }
    const [a, b] = seats.map((s) => s.page);
    if (!a || !b) throw new Error('two seats');
    const contested = await a.getByTestId('unit-choice').first().getAttribute('data-unit-id');
    expect(await b.getByTestId('unit-choice').first().getAttribute('data-unit-id')).toBe(contested);

    // Both press "send" at the same moment.
    await Promise.all([a.getByTestId('assign-button').click(), b.getByTestId('assign-button').click()]);
    const outcome = async (p: typeof a) => {
      await p.locator('[data-testid="assign-message"], [data-testid="assign-conflict"]').first().waitFor();
      return (await p.getByTestId('assign-conflict').count()) > 0 ? 'lost' : 'won';
    };
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

    // The call now has two different units, one from each seat.
    const detail = await api.get(`/api/calls/${call.id}`);
    const units = (detail.body.transports as { unitId: number }[]).map((t) => String(t.unitId));
    expect(units).toHaveLength(2);
    expect(new Set(units).size).toBe(2);
    expect(units).toContain(contested);
    // Both seats show both units on the call, live.
    for (const p of [a, b]) await p.getByTestId('on-call-row').nth(1).waitFor();
    for (const s of seats) await s.context.close();
  });
});
