/** Hospital by hospital: ICU and beds against the targets, the wait at the ED door, diversion. */
import { useTranslation } from 'react-i18next';
import type { HospitalPressure } from '@dispatch/shared';
import { pressureOrder } from './model.ts';

export function PressureTable({ rows }: { rows: readonly HospitalPressure[] }) {
  const { t, i18n } = useTranslation('command');
  const { t: tc } = useTranslation();
  const name = (h: HospitalPressure) => (i18n.language === 'en' ? h.nameEn : h.name);
  const ratio = (h: HospitalPressure) => {
    if (h.icu.targetPct === null) return '—';
    const mark = h.icu.meetsIcu ? '✓' : '✗';
    // A city's target may count severe-care beds or ICU beds: say which.
    const what = h.icu.measure === 'severe_beds' ? ` ${t('pressure.severeBeds')}` : '';
    return `${h.icu.icuRatioPct.toFixed(1)}% / ${h.icu.targetPct}%${what} ${mark}`;
  };
  return (
    <section aria-labelledby="pressure-title" className="cmd-panel">
      <h2 id="pressure-title" className="cmd-panel__title">{t('pressure.title')}</h2>
      <div className="cmd-scroll" tabIndex={0} role="region" aria-labelledby="pressure-title">
        <table className="cmd-table cmd-table--pressure" data-testid="pressure-table">
          <thead>
            <tr>
              <th scope="col">{t('pressure.hospital')}</th>
              <th scope="col">{t('pressure.icu')}</th>
              <th scope="col">{t('pressure.beds')}</th>
              <th scope="col">{t('pressure.icuRatio')}</th>
              <th scope="col">{t('pressure.convertible')}</th>
              <th scope="col">{t('pressure.atDoor')}</th>
              <th scope="col">{t('pressure.medianToday')}</th>
              <th scope="col">{t('pressure.ed')}</th>
            </tr>
          </thead>
          <tbody>
            {pressureOrder(rows).map((h) => (
              <tr key={h.hospitalId} className={`cmd-row--${h.level}`} data-testid={`pressure-${h.code}`} data-level={h.level}>
                <th scope="row">
                  <span className={`cmd-dot cmd-dot--${h.level}`} role="img" aria-label={t(`level.${h.level}`)} /> {name(h)}
                  <span className="hint"> {tc(`hospitalKind.${h.kind}`)}</span>
                </th>
                <td>{h.icuOpen > 0 ? `${h.icuOccupied}/${h.icuOpen} (${h.icuPct ?? 0}%)` : '—'}</td>
                <td>{h.bedsPct === null ? '—' : `${h.bedsPct}%`}</td>
                <td className={h.icu.meetsIcu === false ? 'cmd-miss' : undefined}>{ratio(h)}</td>
                <td>{h.icuConvertibleClosed || '—'}</td>
                <td>{h.heldNow > 0 ? t('pressure.held', { count: h.heldNow, minutes: Math.round(h.longestHeldMin ?? 0) }) : '—'}</td>
                <td>{h.offloadMedianTodayMin === null ? '—' : t('pressure.minutes', { value: h.offloadMedianTodayMin })}</td>
                <td>{tc(`edStatus.${h.edStatus}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
