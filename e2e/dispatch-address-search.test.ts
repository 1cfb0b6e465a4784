/** A dispatcher finds the caller's village by typing its pinyin in the address field and places the call with it, keyboard only. */
import { describe, expect, it } from 'vitest';
import { openSeat, screenshot, useE2E } from './harness.ts';
import { login } from '../server/test/harness.ts';

describe('address search in intake', () => {
  const e2e = useE2E();

  it('type "zhouxaing" (a typo), see 周巷镇 first, arrow through, Esc keeps the text, Enter picks it, Ctrl+Enter takes the call there', async () => {
    const { server, browser } = e2e;
    const { page, context, errors } = await openSeat(browser, server, 'dispatcher');
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
    await page.getByTestId('dispatch-page').waitFor();
    // The login page's "who am I?" answered 401 before signing in; only errors from here on count.
    errors.splice(0);
    const kb = page.keyboard;
    await kb.press('n');
    const form = page.getByTestId('intake-form');
    await form.waitFor();
    await kb.type('13905745555');
    await kb.press('Tab');
    await kb.press('Tab');
    const address = form.getByRole('combobox', { name: /^address/i });
    await expect(address.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await kb.type('zhouxaing');
    const options = form.getByRole('option');
    await options.first().waitFor();
    await expect(options.first().textContent()).resolves.toMatch(/周巷镇/);
    await expect(address.getAttribute('aria-expanded')).resolves.toBe('true');
    await screenshot(page, 'dispatch-address-search-list');

    // Esc closes the list only: the text stays and the form stays open.
    await kb.press('Escape');
    await expect(form.getByRole('listbox', { includeHidden: true }).isHidden()).resolves.toBe(true);
    await expect(address.inputValue()).resolves.toBe('zhouxaing');
    await expect(form.isVisible()).resolves.toBe(true);

    // Typing again reopens it; ↓ then ↑ comes back to the first; Enter picks.
    await kb.press('Backspace');
    await kb.type('g');
    await options.first().waitFor();
    await kb.press('ArrowDown');
    await kb.press('ArrowUp');
    const activeId = await address.getAttribute('aria-activedescendant');
    await expect(options.first().getAttribute('id')).resolves.toBe(activeId);
    await kb.press('Enter');
    await expect(address.inputValue()).resolves.toBe('周巷镇');
    await expect(form.getByLabel(/^location/i).inputValue()).resolves.toBe('121.14800, 30.18600');
    await form.getByText(/Location set to 周巷镇/).waitFor();

    // The rest of the form as before: Tab past the location to the complaint, class, Ctrl+Enter.
    await kb.press('Tab');
    await kb.press('Tab');
    await kb.type('胸痛 1 小时');
    await kb.press('Tab');
    await kb.press('ArrowRight');
    await kb.press('Control+Enter');
    const panel = page.getByTestId('call-panel');
    await panel.getByTestId('unit-choice').first().waitFor();
    const call = await (await login(server, 'dispatcher')).get(`/api/calls/${await panel.getAttribute('data-call-id')}`);
    expect(call.body.call).toMatchObject({ callerPhone: '13905745555', address: '周巷镇', lon: 121.148, lat: 30.186, status: 'awaiting_unit' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
