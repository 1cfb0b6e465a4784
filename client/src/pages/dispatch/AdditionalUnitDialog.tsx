/**
 * The confirmation before a second (third…) unit goes to a call that already has one. It names the
 * call and the unit, and opens on "Cancel", so a stray Enter or click backs out instead of sending.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '@dispatch/shared';

export function AdditionalUnitDialog({ call, unit, hospital, onCall, onConfirm, onCancel }: { call: Call; unit: string; hospital: string; onCall: string[]; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation('dispatch');
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    return () => back?.focus();
  }, []);

  // Keys stay inside the dialog: the panel's and the page's shortcuts must not act behind it.
  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    e.nativeEvent.stopImmediatePropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Tab') {
      e.preventDefault();
      (document.activeElement === cancelRef.current ? confirmRef : cancelRef).current?.focus();
    }
  };

  return (
    <div className="overlay" onKeyDown={onKeyDown}>
      <div className="overlay__card" role="alertdialog" aria-modal="true" aria-labelledby="additional-title" aria-describedby="additional-body" data-testid="additional-dialog">
        <h2 id="additional-title">{t('additional.title', { number: call.number })}</h2>
        <div id="additional-body">
          <p>
            <strong>{call.number}</strong> · {call.address}
          </p>
          <p>{t('additional.already', { units: onCall.join(', ') })}</p>
          <p>
            <strong>{t('additional.question', { unit, hospital })}</strong>
          </p>
        </div>
        <div className="overlay__actions">
          <button ref={cancelRef} type="button" className="btn btn--primary" onClick={onCancel} data-testid="additional-cancel">
            {t('additional.cancel')} <kbd>Esc</kbd>
          </button>
          <button ref={confirmRef} type="button" className="btn btn--danger" onClick={onConfirm} data-testid="additional-confirm">
            {t('additional.confirm', { unit, number: call.number })}
          </button>
        </div>
      </div>
    </div>
  );
}
