/** An alert in the screen's language, from its kind and figures (the server's message is English, for logs and feeds). */
import type { TFunction } from 'i18next';
import type { Alert, Hospital } from '@dispatch/shared';
import { hospitalName } from './format.ts';

export function alertText(t: TFunction, alert: Alert, hospitals: ReadonlyMap<number, Hospital>, lang: string): string {
  const hospital = alert.hospitalId !== null ? hospitalName(hospitals.get(alert.hospitalId), lang) : '';
  const round = (x: number) => Math.round(x * 10) / 10;
  return t(`alertText.${alert.kind}`, {
    ns: 'common',
    hospital,
    value: round(alert.value),
    threshold: round(alert.threshold),
    defaultValue: alert.message,
  });
}
