/** Session gate, top bar, and the screen for the current path. */
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { HOME, SCREENS } from './routes.tsx';
import { navigate, usePath } from './router.ts';
import { loadSession, useSession } from './session.ts';
import { LoginPage } from './LoginPage.tsx';
import { TopBar } from '../ui/TopBar.tsx';
import { ConnectionBanner } from '../ui/ConnectionBanner.tsx';

export function App() {
  const session = useSession();
  const path = usePath();
  const { t } = useTranslation();

  useEffect(() => {
    void loadSession();
  }, []);

  const user = session.status === 'user' ? session.user : null;
  const screen = SCREENS.find((s) => s.path === path);
  const allowed = user && screen && screen.roles.includes(user.role);

  useEffect(() => {
    if (session.status === 'anonymous' && path !== '/login') navigate(`/login?next=${encodeURIComponent(path)}`, true);
    if (user && (path === '/' || path === '/login' || !screen)) navigate(HOME[user.role], true);
    if (user && screen && !allowed) navigate(HOME[user.role], true);
  }, [session.status, user, path, screen, allowed]);

  if (session.status === 'loading') return <div className="splash">{t('connection.connecting')}</div>;
  if (session.status === 'anonymous') return <LoginPage />;
  if (!screen || !allowed) return <div className="splash" />;
  const Screen = screen.component;
  return (
    <div className={screen.bare ? 'app app--bare' : 'app'}>
      {!screen.bare && <TopBar />}
      <ConnectionBanner />
      <Suspense fallback={<div className="splash">…</div>}>
        <Screen />
      </Suspense>
    </div>
  );
}
