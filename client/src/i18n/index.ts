/**
 * i18next with one namespace per console (common, dispatch, hospital, command, admin). Every JSON file
 * under locales/<lang>/<namespace>.json is picked up, so each console owns its own files.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, mod] of Object.entries(files)) {
  const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!match?.[1] || !match[2]) continue;
  (resources[match[1]] ??= {})[match[2]] = mod.default;
}

/**
 * The screen's first language: the one chosen on this screen before, else the browser's first preference
 * we have (zh-*, en-*), else Chinese, the language of a 120 centre.
 */
export function initialLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

const initial = initialLanguage(
  typeof localStorage !== 'undefined' ? localStorage.getItem('lang') : null,
  typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [],
);

void i18n.use(initReactI18next).init({
  resources,
  lng: initial,
  fallbackLng: 'en',
  ns: Object.keys(resources.en ?? {}),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

if (typeof document !== 'undefined') document.documentElement.lang = initial;

export function setLanguage(lang: Language): void {
  void i18n.changeLanguage(lang);
  localStorage.setItem('lang', lang);
  document.documentElement.lang = lang;
}

export default i18n;
