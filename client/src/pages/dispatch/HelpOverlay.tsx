/** The keyboard shortcuts, opened with "?". */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ADDITIONAL_UNIT_KEY } from './panelKeys.ts';
import { ANSWER_KEY } from './phone/RingingBar.tsx';

export const SHORTCUTS: [keys: string, action: string][] = [
  [ANSWER_KEY, 'answer'],
  ['N / F2', 'newCall'],
  ['J / K', 'nextPrev'],
  ['↑ / ↓', 'walk'],
  ['Enter', 'assign'],
  ['1 – 8', 'assignN'],
  [ADDITIONAL_UNIT_KEY, 'additional'],
  ['⇧1 – ⇧6', 'hospitalN'],
  ['O', 'override'],
  ['Alt+A, Enter', 'advice'],
  ['Alt+M', 'merge'],
  ['Ctrl+Enter', 'submit'],
  ['U', 'units'],
  ['B', 'callbacks'],
  ['Esc', 'closePanel'],
  ['?', 'help'],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('dispatch');
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="overlay__card">
        <h2 id="help-title">{t('help.title')}</h2>
        <table className="help-table">
          <tbody>
            {SHORTCUTS.map(([keys, action]) => (
              <tr key={action}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{t(`help.${action}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={closeRef} type="button" className="btn btn--primary" onClick={onClose}>
          {t('help.close')}
        </button>
      </div>
    </div>
  );
}
