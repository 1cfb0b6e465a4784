/** A lost connection or a degraded server is impossible to miss; live is a quiet green dot. */
import { useTranslation } from 'react-i18next';
import { useLive } from '../live/useLive.ts';

export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useLive((s) => s.connection);
  if (connection.status === 'reloading' || connection.status === 'outdated') {
    return (
      <div className="banner banner--warning" role="alert" data-testid="reload-banner">
        {t(connection.status === 'reloading' ? 'connection.newVersion' : 'connection.newVersionReload')}
        {connection.status === 'outdated' && (
          <button type="button" className="banner__action" onClick={() => window.location.reload()}>
            {t('connection.reloadNow')}
          </button>
        )}
      </div>
    );
  }
  if (connection.status === 'reconnecting') {
    return (
      <div className="banner banner--danger" role="alert" data-testid="connection-banner">
        {t('connection.reconnecting')}
      </div>
    );
  }
  if (connection.degraded) {
    return (
      <div className="banner banner--warning" role="alert" data-testid="degraded-banner">
        {t('connection.degraded')}
      </div>
    );
  }
  return null;
}

export function ConnectionDot() {
  const { t } = useTranslation();
  const status = useLive((s) => s.connection.status);
  return (
    <span className={`conn-dot conn-dot--${status}`} data-testid="connection-status" data-status={status}>
      {t(`connection.${status === 'reconnecting' ? 'offline' : status}`)}
    </span>
  );
}
