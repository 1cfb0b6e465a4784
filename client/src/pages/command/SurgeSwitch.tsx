/**
 * The demo's surge switch: callers at five times the normal rate (the surge plan's figure). Shown only when
 * the simulator runs, in its own marked demo area, so nobody takes it for an operational control.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import { useLive } from '../../live/useLive.ts';

export function SurgeSwitch() {
  const { t } = useTranslation('command');
  // A logged change in the live state: every console shows the same position as soon as anyone throws it.
  const demo = useLive((s) => s.state.demo);
  const [error, setError] = useState<string | null>(null);
  if (!demo) return null;
  const on = demo.surge;
  const toggle = () => {
    api
      .post('/api/demo/surge', { on: !on })
      .then(() => setError(null))
      .catch((e: unknown) => setError(String(e)));
  };
  return (
    <section className="cmd-panel cmd-demo" aria-labelledby="demo-title" data-testid="demo-area">
      <h2 id="demo-title" className="cmd-panel__title">{t('demo.title')}</h2>
      <p className="hint">{t('demo.hint')}</p>
      <button type="button" className={on ? 'btn btn--danger' : 'btn'} role="switch" aria-checked={on} onClick={toggle} data-testid="surge-switch">
        {on ? t('surge.on') : t('surge.off')}
      </button>
      {error && <span className="form-error">{error}</span>}
    </section>
  );
}
