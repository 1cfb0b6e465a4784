import { describe, expect, it } from 'vitest';
import i18n from '../i18n/index.ts';
import { buildHospital } from '@dispatch/shared/domain/testFactories';
import type { Alert } from '@dispatch/shared';
import { alertText } from './alertText.ts';

const alert: Alert = {
  id: 1,
  kind: 'icu_occupancy',
  level: 'warning',
  subject: 'icu:1',
  message: 'ICU 36/40 (90%) at Cixi People\'s Hospital; alert at 90%',
  value: 90,
  threshold: 90,
  hospitalId: 1,
  raisedAt: '2026-01-01T00:00:00Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  clearedAt: null,
  version: 1,
};
const hospitals = new Map([[1, buildHospital({ id: 1, name: '慈溪市人民医院', nameEn: "Cixi People's Hospital" })]]);

describe('alert text in the screen language', () => {
  it('says the same alert in Chinese and in English, with the hospital named in that language', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(alertText(i18n.t, alert, hospitals, 'zh-CN')).toBe('慈溪市人民医院：ICU 占用率 90%（预警线 90%）');
    await i18n.changeLanguage('en');
    expect(alertText(i18n.t, alert, hospitals, 'en')).toBe("Cixi People's Hospital: ICU 90% full (alert at 90%)");
  });

  it('falls back to the server message for a kind it has no words for', async () => {
    await i18n.changeLanguage('en');
    expect(alertText(i18n.t, { ...alert, kind: 'declined' }, hospitals, 'en')).toBe(alert.message);
  });
});
