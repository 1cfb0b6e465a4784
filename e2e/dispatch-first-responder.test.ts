/**
 * A surge with every critical-care unit busy or out of service: the dispatcher opens a severe call, is told
 * no critical-care unit is free, sees the earliest one to expect, and sends a standard unit ahead as first
 * responder (no destination); the call then shows that unit on it.
 */
import { describe, expect, it } from 'vitest';
import { openSeat, screenshot, seriousA11yViolations, useE2E } from './harness.ts';
import { callBody, login } from '../server/test/harness.ts';

interface UnitRow {
  id: number;
  kind: string;
  status: string;
}

describe('no critical-care unit free for a severe call', () => {
  const e2e = useE2E();

  it('the dispatcher is told so, sees the earliest critical-care unit, and sends a standard unit as first responder', async () => {
    const { server, browser } = e2e;
    const api = await login(server, 'dispatcher');
    const critical = ((await api.get('/api/units')).body as UnitRow[]).filter((u) => u.kind === 'critical_care' && u.status === 'available');
    const [busy, ...rest] = critical;
    const job = (await api.post('/api/calls', callBody({ clinicalClass: 'critical' }))).body as { id: number };
    expect((await api.post(`/api/calls/${job.id}/assign`, { unitId: busy?.id })).status).toBe(201);
    for (const u of rest) expect((await api.post(`/api/units/${u.id}/status`, { status: 'out_of_service' })).status).toBe(200);
    const call = (await api.post('/api/calls', callBody({ clinicalClass: 'severe', address: '浒山街道 孙塘北路 20号' }))).body as { id: number };

    const { page, context, errors } = await openSeat(browser, server, 'dispatcher');
    errors.splice(0);
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
    await page.locator(`[data-testid="queue-row"][data-call-id="${call.id}"]`).click();
    const panel = page.getByTestId('call-panel');
    const notice = panel.getByTestId('no-critical-care');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('No critical-care unit is free');
    await expect(panel.getByTestId('first-responder').textContent()).resolves.toMatch(/first responder.*does not transport/);
    expect(await panel.getByTestId('earliest-critical-care').getAttribute('data-unit-id')).toBe(String(busy?.id));
    expect(await panel.getByTestId('unit-choice').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dispatch-first-responder');

    const responderId = Number(await panel.getByTestId('first-responder').getAttribute('data-unit-id'));
    await panel.getByTestId('send-first-responder').click();
    await expect(panel.getByTestId('assign-message').textContent()).resolves.toMatch(/sent as first responder/);
    await panel.getByTestId('on-call-row').waitFor();
    const transports = (await api.get(`/api/calls/${call.id}`)).body.transports as { unitId: number; hospitalId: number | null }[];
    expect(transports.map((t) => [t.unitId, t.hospitalId])).toEqual([[responderId, null]]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
