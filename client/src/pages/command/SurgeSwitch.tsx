/** The demo's surge switch: callers at five times the normal rate (the surge plan's figure). Shown only when the simulator runs. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Snapshot } from '@dispatch/shared';
import { api } from '../../api/http.ts';
import { useLive } from '../../live/useLive.ts';

export function SurgeSwitch() {
  const { t } = useTranslation('command');
  const demo = useLive((s) => s.demo);
  // The switch is not an event; the server's answer is the truth until the next snapshot.
  const [answered, setAnswered] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!demo) return null;
  const on = answered ?? demo.surge;
  const toggle = () => {
    api
      .post<Snapshot['demo']>('/api/demo/surge', { on: !on })
      .then((d) => {
        setAnswered(d?.surge ?? null);
        setError(null);
      })
      .catch((e: unknown) => setError(String(e)));
  };
  return (
    <div className="cmd-surge">
      <button type="button" className={on ? 'btn btn--danger' : 'btn'} role="switch" aria-checked={on} onClick={toggle} data-testid="surge-switch">
        {on ? t('surge.on') : t('surge.off')}
      </button>
      {error && <span className="form-error">{error}</span>}
    </div>
  );
}
