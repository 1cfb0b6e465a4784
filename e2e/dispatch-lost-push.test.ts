/**
 * A dispatcher's console loses the pushes of a new call on the way (dropped on purpose between the server
 * and the browser); the next change reveals the gap in seq and the call appears in the queue within a
 * second, on the same WebSocket: no reconnect, no banner.
 */
import { describe, expect, it } from 'vitest';
import { openSeat, screenshot, useE2E } from './harness.ts';
import { callBody, login } from '../server/test/harness.ts';

const LOST_PHONE = '13955550001';

describe('a console that loses a push catches up without reconnecting', () => {
  const e2e = useE2E({ env: { LIVE_HEARTBEAT_MS: '0' } });

  it('the lost call shows up in the queue after the next change, on the same socket', async () => {
    const { server, browser } = e2e;
    const api = await login(server, 'dispatcher');
    const seat = await openSeat(browser, server, 'dispatcher');
    let sockets = 0;
    let lostCallId: number | null = null;
    const dropped: string[] = [];
    // Socket.IO frames pass through unchanged, except every event about the first call with LOST_PHONE.
    await seat.context.routeWebSocket(/\/socket\.io\//, (ws) => {
      sockets++;
      const upstream = ws.connectToServer();
      ws.onMessage((m) => upstream.send(m));
      upstream.onMessage((m) => {
        if (typeof m === 'string' && m.startsWith('42["events",')) {
          const [, list] = JSON.parse(m.slice(2)) as [string, { entity: string; id: number; name: string; data: { callerPhone?: string } | null }[]];
          const kept = list.filter((e) => {
            if (e.entity === 'call' && lostCallId === null && e.data?.callerPhone === LOST_PHONE) lostCallId = e.id;
            if (e.entity !== 'call' || e.id !== lostCallId) return true;
            dropped.push(e.name);
            return false;
          });
          if (kept.length === 0) return;
          if (kept.length < list.length) return void ws.send(`42${JSON.stringify(['events', kept])}`);
        }
        ws.send(m);
      });
    });
    // Reload so the console's socket goes through the route.
    await seat.page.reload();
    await seat.page.getByTestId('connection-status').and(seat.page.locator('[data-status="live"]')).waitFor();
    expect(sockets).toBe(1);
    // From here on the page must log no error (the login page's 401 for "who am I" came before).
    seat.errors.length = 0;

    const lost = (await api.post('/api/calls', callBody({ callerPhone: LOST_PHONE, address: '浒山街道 丢失路 1号' }))).body as { id: number };
    await expect.poll(() => dropped.length).toBe(2);
    await seat.page.waitForTimeout(1000);
    expect(await seat.page.locator(`[data-testid="queue-row"][data-call-id="${lost.id}"]`).count()).toBe(0);

    const next = (await api.post('/api/calls', callBody({ callerPhone: '13955550002' }))).body as { id: number };
    await seat.page.locator(`[data-testid="queue-row"][data-call-id="${next.id}"]`).waitFor();
    await seat.page.locator(`[data-testid="queue-row"][data-call-id="${lost.id}"]`).waitFor({ timeout: 3000 });
    await screenshot(seat.page, 'dispatch-lost-push-caught-up');
    // Same socket all along, never a reconnect banner.
    expect(sockets).toBe(1);
    expect(await seat.page.getByTestId('connection-banner').count()).toBe(0);
    expect(seat.errors).toEqual([]);
    await seat.context.close();
  });
});
