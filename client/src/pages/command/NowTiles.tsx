/** The big numbers, coloured against the thresholds. */
import { useTranslation } from 'react-i18next';
import type { NowStats, Thresholds } from '@dispatch/shared';
import { tilesOf } from './model.ts';
import { useCityTime } from '../../ui/useCityTime.ts';

export function NowTiles({ stats, thresholds }: { stats: NowStats; thresholds: Thresholds }) {
  const { t } = useTranslation('command');
  const cityTime = useCityTime();
  return (
    <section aria-labelledby="now-title" className="cmd-panel">
      <h2 id="now-title" className="cmd-panel__title">
        {t('now.title')} <span className="hint">{cityTime(stats.at, 'seconds')}</span>
      </h2>
      <ul className="cmd-tiles">
        {tilesOf(stats, thresholds, (key, opts) => t(key, opts ?? {})).map((tile) => (
          <li key={tile.key} className={`cmd-tile cmd-tile--${tile.level}`} data-testid={`tile-${tile.key}`} data-level={tile.level} data-value={tile.raw ?? ''}>
            <span className="cmd-tile__label">{t(`tiles.${tile.key}`)}</span>
            <span className="cmd-tile__value">{tile.value}</span>
            <span className="cmd-tile__detail">{tile.detail}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
