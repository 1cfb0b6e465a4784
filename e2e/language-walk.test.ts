/**
 * A walk of every screen and its main states in zh-CN and in en: in Chinese no English word is shown
 * (codes, call signs, units of measure and key names aside), in English no Chinese in the product's own
 * words (buttons, headings, column heads, labels, tabs, options, tooltips; callers' addresses and
 * complaints, and person and place names, are data), and in both no raw translation key or placeholder.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Hospital } from '@dispatch/shared';
import { openSeat, useE2E } from './harness.ts';
import { callBody, login } from '../server/test/harness.ts';

type Lang = 'zh-CN' | 'en';

/** What the screen shows now: visible text nodes (with whether they are product words) and visible attributes. */
async function shownText(page: Page): Promise<{ text: string; chrome: boolean; where: string }[]> {
  return page.evaluate(() => {
    const out: { text: string; chrome: boolean; where: string }[] = [];
    const CHROME = 'button, h1, h2, h3, h4, th, label, [role="tab"], option, legend, summary, dt, nav a, .chip, .badge, kbd';
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const where = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim() ?? '';
      const el = n.parentElement;
      if (!text || !el || el.closest('script, style, [aria-hidden="true"], [translate="no"]')) continue;
      // Marked as another language on purpose (a language's own name, the English-name column).
      const marked = el.closest('[lang]')?.getAttribute('lang');
      if (marked && marked !== document.documentElement.lang && el.closest('[lang]') !== document.documentElement) continue;
      if (el.tagName !== 'OPTION' && !visible(el)) continue;
      out.push({ text, chrome: el.matches(CHROME), where: where(el) });
    }
    for (const el of Array.from(document.querySelectorAll('[placeholder], [aria-label], [title], [alt]'))) {
      if (!visible(el) && el.tagName !== 'SECTION') continue;
      for (const a of ['placeholder', 'aria-label', 'title', 'alt']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push({ text: v, chrome: true, where: `${where(el)}@${a}` });
      }
    }
    return out;
  });
}

/** Latin words a Chinese screen may show: codes, call signs, units, key names, demo user names. */
const LATIN_OK = /^(?:[A-Z]{1,3}-?\d+[A-Z]?|CX|HR|ICU|SpO2|AVPU|GCS|CSV|XML|EDXL|HAVE|NEMSIS|API|JSON|ID|Alt|Shift|Esc|Enter|Tab|Ctrl|km|h|min|bpm|mmHg|kPa|AM|PM|[A-Z]|dispatcher\d*|nurse\d*|command|admin|crew|avl|gateway|telephony|seed|system|sim|id|Cixi|Huairen|OK|GeoJSON|UTF|BOM|CRLF|cixi|huairen|Redis|PostgreSQL|WebSocket|AVL|CTI|cti|ETA|ED|Lat|Lon|lon|lat)$/;
const RAW_KEY = /^[a-z]+(?::[a-zA-Z]+)?(?:\.[a-zA-Z0-9_]+)+$|\{\{|\$t\(/;
const CJK = /[\u3400-\u9fff]/;

function problems(lang: Lang, shown: { text: string; chrome: boolean; where: string }[]): string[] {
  const out = new Set<string>();
  for (const s of shown) {
    if (RAW_KEY.test(s.text)) out.add(`raw key "${s.text}" (${s.where})`);
    if (lang === 'zh-CN') {
      // File names and lower-case identifiers (user names such as sim-h01) are not words of a language.
      const words = s.text.replace(/[\w-]+\.(?:json|geojson|csv)\b/g, '').match(/[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*/g) ?? [];
      const bad = words.filter((w) => !LATIN_OK.test(w) && !/^[A-Z]+-[A-Z0-9-]+$/.test(w) && !/^[a-z]+(?:-[a-z0-9]+)+$/.test(w));
      if (bad.length > 0) out.add(`English "${bad.join(' ')}" in "${s.text.slice(0, 60)}" (${s.where})`);
    } else if (s.chrome && CJK.test(s.text)) {
      out.add(`Chinese "${s.text.slice(0, 60)}" (${s.where})`);
    }
  }
  return [...out];
}

describe('every screen in one language', () => {
  const e2e = useE2E();

  it('zh-CN and en: no word of the other language, no raw key', async () => {
    const { server, browser } = e2e;
    const api = await login(server, 'dispatcher');
    // Something on every screen: waiting calls, one sent to the People's Hospital (inbound for its ED).
    for (const [i, clinicalClass] of (['critical', 'severe', 'common'] as const).entries()) {
      expect((await api.post('/api/calls', callBody({ clinicalClass, complaint: '发热 39.5℃，气促', callerPhone: `1390000010${i}`, address: `浒山街道 孙塘北路 ${60 + i}号` }))).status).toBe(201);
    }
    const sent = await api.post('/api/calls', callBody({ clinicalClass: 'severe', complaint: '发热 39.5℃，气促', callerPhone: '13900000199' }));
    const hospitals = (await api.get('/api/hospitals')).body as Hospital[];
    const designated = hospitals.find((h) => h.kind === 'designated');
    expect((await api.post(`/api/calls/${sent.body.id}/assign`, { unitId: 1, hospitalId: designated?.id })).status).toBe(201);

    const found: string[] = [];
    for (const lang of ['zh-CN', 'en'] as const) {
      const look = async (page: Page, state: string) => {
        await page.waitForTimeout(300);
        for (const p of problems(lang, await shownText(page))) found.push(`${lang} ${state}: ${p}`);
      };
      // The sign-in page, as a seat first sees it, and its refusal.
      const signIn = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      await signIn.addInitScript((l) => localStorage.setItem('lang', l), lang);
      const loginPage = await signIn.newPage();
      await loginPage.goto(`${server.url}/login`);
      await loginPage.getByRole('button').first().waitFor();
      await look(loginPage, 'sign-in');
      await loginPage.getByLabel(/username|用户名/i).fill('dispatcher');
      await loginPage.getByLabel(/password|密码/i).fill('not-the-password');
      await loginPage.getByRole('button', { name: /sign in|登录/i }).click();
      await loginPage.getByRole('alert').first().waitFor();
      await look(loginPage, 'sign-in refused');
      await signIn.close();

      const dispatcher = await openSeat(browser, server, 'dispatcher', { lang });
      const d = dispatcher.page;
      await d.getByTestId('dispatch-page').waitFor();
      await d.getByTestId('queue-row').first().waitFor();
      await look(d, 'dispatch');
      await d.getByTestId('queue-row').first().click();
      await d.getByTestId('assign-button').first().waitFor();
      await look(d, 'dispatch call panel');
      await d.keyboard.press('Escape');
      await d.locator('.dispatch__queue-head button.btn--ghost').click();
      await d.getByRole('dialog').waitFor();
      await look(d, 'dispatch help');
      await d.keyboard.press('Escape');
      await d.getByTestId('new-call').click();
      await d.getByTestId('intake-submit').waitFor();
      await look(d, 'dispatch intake');
      await d.getByTestId('intake-submit').click();
      await look(d, 'dispatch intake refused');
      await d.keyboard.press('Escape');
      await d.keyboard.press('u');
      await look(d, 'dispatch units');
      await d.goto(`${server.url}/wall`);
      await d.getByTestId('wall-page').waitFor();
      await look(d, 'wall');
      await dispatcher.context.close();

      const nurse = await openSeat(browser, server, 'nurse', { lang });
      await nurse.page.getByTestId('inbound-row').first().waitFor();
      await look(nurse.page, 'hospital');
      await nurse.context.close();

      const command = await openSeat(browser, server, 'command', { lang });
      await command.page.getByTestId('command-page').waitFor();
      await command.page.waitForTimeout(1500);
      await look(command.page, 'command');
      await command.page.goto(`${server.url}/command/report`);
      await command.page.getByRole('heading').first().waitFor();
      await command.page.waitForTimeout(1000);
      await look(command.page, 'daily report');
      await command.context.close();

      const admin = await openSeat(browser, server, 'admin', { lang });
      const tabs = admin.page.getByRole('tab');
      await tabs.first().waitFor();
      const count = await tabs.count();
      for (let i = 0; i < count; i++) {
        await tabs.nth(i).click();
        await admin.page.waitForTimeout(500);
        await look(admin.page, `admin tab ${i + 1}`);
      }
      await admin.context.close();
    }
    expect(found).toEqual([]);
  });
});
