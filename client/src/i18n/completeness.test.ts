import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialLanguage } from './index.ts';

const LOCALES = path.resolve(import.meta.dirname, 'locales');
const NAMESPACES = fs.readdirSync(path.join(LOCALES, 'en')).filter((f) => f.endsWith('.json'));

/** Every leaf key of a nested translation object, dotted; plural forms (_one, _other) folded together. */
function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function leaves(o: unknown): string[] {
  if (typeof o === 'string') return [o];
  return o && typeof o === 'object' ? Object.values(o).flatMap(leaves) : [];
}

const read = (lang: string, ns: string): unknown => JSON.parse(fs.readFileSync(path.join(LOCALES, lang, ns), 'utf8'));

describe('zh-CN and en are complete', () => {
  it.each(NAMESPACES)('%s has the same keys in both languages, and no empty text', (ns) => {
    const en = [...new Set(keys(read('en', ns)))].sort();
    const zh = [...new Set(keys(read('zh-CN', ns)))].sort();
    expect(zh).toEqual(en);
    for (const lang of ['en', 'zh-CN']) expect(leaves(read(lang, ns)).filter((s) => s.trim() === ''), `${lang}/${ns} empty texts`).toEqual([]);
  });

  it('Chinese text is Chinese: most zh-CN strings contain CJK characters', () => {
    for (const ns of NAMESPACES) {
      const texts = leaves(read('zh-CN', ns));
      const chinese = texts.filter((s) => /[\u4e00-\u9fff]/.test(s)).length;
      // Some strings are symbols, units or call-sign formats; the bulk must be translated.
      expect(chinese / texts.length, `${ns}: share of zh-CN strings in Chinese`).toBeGreaterThan(0.8);
    }
  });
});

describe('the first language of a screen', () => {
  it('is the one chosen before, else the browser\'s first we have, else Chinese', () => {
    expect(initialLanguage('en', ['zh-CN'])).toBe('en');
    expect(initialLanguage(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(initialLanguage(null, ['fr-FR', 'zh-TW', 'en'])).toBe('zh-CN');
    expect(initialLanguage(null, ['fr-FR', 'de'])).toBe('zh-CN');
    expect(initialLanguage('klingon', [])).toBe('zh-CN');
  });
});
