import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n/index.ts';

const LABEL: Record<Language, string> = { 'zh-CN': '中文', en: 'EN' };

/** zh-CN / en toggle, each language named in itself (and marked `lang`); the choice is remembered on this screen. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('language')}>
      {LANGUAGES.map((lang) => (
        <button key={lang} type="button" className="btn btn--ghost" lang={lang} aria-pressed={i18n.language === lang} onClick={() => setLanguage(lang)}>
          {LABEL[lang]}
        </button>
      ))}
    </div>
  );
}
