/** App name, the screens this role may open, who is signed in, language, sign out. */
import { useTranslation } from 'react-i18next';
import { SCREENS } from '../app/routes.tsx';
import { navigate, usePath } from '../app/router.ts';
import { logout, useSession } from '../app/session.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ConnectionDot } from './ConnectionBanner.tsx';
import { useLiveEntities } from '../live/useLive.ts';
import { SeatControl } from '../pages/dispatch/phone/SeatControl.tsx';

const NAV_KEYS: Record<string, string> = { '/dispatch': 'dispatch', '/wall': 'wall', '/hospital': 'hospital', '/command': 'command', '/admin': 'admin' };

export function TopBar() {
  const { t, i18n } = useTranslation();
  const city = useLiveEntities((s) => s.state.city.name);
  const cityName = i18n.language === 'en' ? city.en : city.zh;
  const session = useSession();
  const path = usePath();
  const user = session.status === 'user' ? session.user : null;
  if (!user) return null;
  const screens = SCREENS.filter((s) => s.roles.includes(user.role) && NAV_KEYS[s.path]);
  return (
    <header className="topbar">
      <strong className="topbar__brand">{cityName ? t('cityAppName', { city: cityName }) : t('appName')}</strong>
      <nav aria-label={t('screens')}>
        {screens.map((s) => (
          <a
            key={s.path}
            href={s.path}
            aria-current={path === s.path ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(s.path);
            }}
          >
            {t(`nav.${NAV_KEYS[s.path]}`)}
          </a>
        ))}
      </nav>
      <span className="topbar__spacer" />
      {/* The dispatcher's seat, where the phone is answered: on the dispatch screen only. */}
      {user.role === 'dispatcher' && path === '/dispatch' && <SeatControl />}
      <ConnectionDot />
      <span className="topbar__user">
        {user.displayName} · {t(`role.${user.role}`)}
      </span>
      <LanguageSwitch />
      <button type="button" className="btn btn--ghost" onClick={() => void logout()}>
        {t('logout')}
      </button>
    </header>
  );
}
