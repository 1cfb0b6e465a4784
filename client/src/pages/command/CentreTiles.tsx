/** The 120 centre's own figures of today against the national targets; a missed target is red. */
import { useTranslation } from 'react-i18next';
import type { CentreFigures } from '@dispatch/shared';
import { centreTilesOf } from './model.ts';

export function CentreTiles({ figures }: { figures: CentreFigures }) {
  const { t } = useTranslation('command');
  return (
    <section aria-labelledby="centre-title" className="cmd-panel" data-testid="centre-figures">
      <h2 id="centre-title" className="cmd-panel__title">
        {t('centre.title')} <span className="hint">{figures.day}</span>
      </h2>
      <ul className="cmd-tiles">
        {centreTilesOf(figures, (key, opts) => t(key, opts ?? {})).map((tile) => (
          <li key={tile.key} className={`cmd-tile cmd-tile--${tile.level}`} data-testid={`centre-${tile.key}`} data-level={tile.level} data-value={tile.raw ?? ''}>
            <span className="cmd-tile__label">{t(`centre.tiles.${tile.key}`)}</span>
            <span className="cmd-tile__value">{tile.value}</span>
            <span className="cmd-tile__detail">{tile.detail}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
