/** What the map's colours and shapes mean, in the corner of the map; collapsible so it never hides a call. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLINICAL_CLASSES, UNIT_STATUSES } from '@dispatch/shared';
import { CLASS_COLOUR, UNIT_STATUS_COLOUR, pressureColour } from './colours.ts';

/** `fixed`: always open, nothing to click, laid out by the page beside the map rather than over it (wall). */
export function MapLegend({ initiallyOpen = true, fixed = false }: { initiallyOpen?: boolean; fixed?: boolean }) {
  const { t } = useTranslation();
  const [toggled, setOpen] = useState(initiallyOpen);
  const open = fixed || toggled;
  return (
    <section className={`map-legend ${fixed ? 'map-legend--fixed' : ''} ${open ? '' : 'map-legend--closed'}`} aria-label={t('dispatch:legend.title')} data-testid="map-legend">
      {!fixed && (
        <button type="button" className="map-legend__toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('dispatch:legend.title')}
        </button>
      )}
      {open && (
        <div className="map-legend__body">
          <h3>{t('map.units')}</h3>
          <ul>
            <li>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2 L20 21 L12 16.5 L4 21 Z" /></svg>
              {t('unitKind.standard')}
            </li>
            <li>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 1 L22 13 L12 23 L2 13 Z" /></svg>
              {t('unitKind.critical_care')}
            </li>
            {UNIT_STATUSES.map((s) => (
              <li key={s}>
                <span className="map-legend__swatch" style={{ background: UNIT_STATUS_COLOUR[s] }} />
                {t(`unitStatus.${s}`)}
              </li>
            ))}
            <li>
              <span className="map-legend__bubble" aria-hidden="true">3</span>
              {t('dispatch:legend.unitCluster')}
            </li>
          </ul>
          <h3>{t('map.calls')}</h3>
          <ul>
            {CLINICAL_CLASSES.map((c) => (
              <li key={c}>
                <span className="map-legend__dot" style={{ background: CLASS_COLOUR[c] }} />
                {t(`class.${c}`)}
              </li>
            ))}
            <li>
              <span className="map-legend__dot map-legend__dot--overdue" />
              {t('dispatch:legend.overdue')}
            </li>
            <li>
              <span className="map-legend__bubble map-legend__bubble--calls" aria-hidden="true" style={{ background: CLASS_COLOUR.severe }}>
                12
              </span>
              {t('dispatch:legend.callCluster')}
            </li>
          </ul>
          <h3>{t('map.hospitals')}</h3>
          <ul>
            {[0.5, 0.8, 0.9, 1].map((p) => (
              <li key={p}>
                <span className="map-legend__swatch" style={{ background: pressureColour(p) }} />
                {t(`dispatch:legend.pressure${Math.round(p * 100)}`)}
              </li>
            ))}
            <li>
              <span className="map-legend__swatch map-legend__swatch--diversion" />
              {t('edStatus.diversion')}
            </li>
            <li>⚠N {t('dispatch:legend.offload')}</li>
          </ul>
        </div>
      )}
    </section>
  );
}
