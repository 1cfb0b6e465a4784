/**
 * Each dispatcher's day at the phone, for the command group only: whom to relieve, who needs a second seat's
 * help. A share under the 10 s target is red, as on the centre's tiles.
 */
import { useTranslation } from 'react-i18next';
import type { DispatcherFigure } from '@dispatch/shared';

export function DispatchersPanel({ rows }: { rows: readonly DispatcherFigure[] }) {
  const { t } = useTranslation('command');
  const sec = (v: number | null) => (v === null ? '—' : t('dispatchers.seconds', { value: v }));
  return (
    <section aria-labelledby="dispatchers-title" className="cmd-panel" data-testid="dispatchers-panel">
      <h2 id="dispatchers-title" className="cmd-panel__title">
        {t('dispatchers.title')} <span className="hint">{t('dispatchers.hint')}</span>
      </h2>
      {rows.length === 0 ? (
        <p className="hint">{t('dispatchers.none')}</p>
      ) : (
        <div className="cmd-table-wrap">
          <table className="cmd-table">
            <thead>
              <tr>
                <th scope="col">{t('dispatchers.name')}</th>
                <th scope="col">{t('dispatchers.seats')}</th>
                <th scope="col">{t('dispatchers.signedIn')}</th>
                <th scope="col">{t('dispatchers.answered')}</th>
                <th scope="col">{t('dispatchers.within')}</th>
                <th scope="col">{t('dispatchers.ring')}</th>
                <th scope="col">{t('dispatchers.talk')}</th>
                <th scope="col">{t('dispatchers.incidents')}</th>
                <th scope="col">{t('dispatchers.advice')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.userId} data-testid={`dispatcher-${d.userId}`}>
                  <th scope="row">{d.displayName}</th>
                  <td>{d.seats.join(', ') || '—'}</td>
                  <td>{t('dispatchers.minutes', { value: d.signedInMin })}</td>
                  <td data-testid="dispatcher-answered">{d.answered}</td>
                  <td className={d.answeredWithin.met === false ? 'cmd-cell--red' : undefined} data-met={String(d.answeredWithin.met)}>
                    {d.answeredWithin.pct === null ? '—' : `${d.answeredWithin.pct}%`}
                  </td>
                  <td>{sec(d.averageRingSec)}</td>
                  <td>{sec(d.averageTalkSec)}</td>
                  <td>{d.incidents}</td>
                  <td>{d.adviceClosed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
