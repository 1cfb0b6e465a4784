/**
 * When a patient needs a critical-care unit and none may be sent: says so, offers the nearest standard unit
 * as a first responder (clearly not as transport), and names the critical-care unit expected first.
 */
import { useTranslation } from 'react-i18next';
import type { UnitFreeEstimate, UnitRecommendation } from '@dispatch/shared';

export interface NoCriticalCareNoticeProps {
  firstResponder: UnitRecommendation | null;
  earliest: UnitFreeEstimate | null;
  busy: boolean;
  onSendFirstResponder?: (unit: UnitRecommendation) => void;
}

export function NoCriticalCareNotice({ firstResponder, earliest, busy, onSendFirstResponder }: NoCriticalCareNoticeProps) {
  const { t } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  return (
    <div className="no-critical-care" role="alert" data-testid="no-critical-care">
      <strong>{t('firstResponder.notice')}</strong>
      {firstResponder ? (
        <p data-testid="first-responder" data-unit-id={firstResponder.unitId}>
          {t('firstResponder.offer', { unit: firstResponder.callSign, eta: firstResponder.etaMinutes })}{' '}
          {firstResponder.status === 'returning' && <span className="chip chip--returning">{tc('unitStatus.returning')}</span>}
          {onSendFirstResponder && (
            <button type="button" className="btn btn--small" disabled={busy} onClick={() => onSendFirstResponder(firstResponder)} data-testid="send-first-responder">
              {t('firstResponder.send', { unit: firstResponder.callSign })}
            </button>
          )}
        </p>
      ) : (
        <p>{t('firstResponder.none')}</p>
      )}
      {earliest ? (
        <p data-testid="earliest-critical-care" data-unit-id={earliest.unitId}>
          {t('firstResponder.earliest', { unit: earliest.callSign, status: tc(`unitStatus.${earliest.status}`), free: earliest.freeInMinutes, eta: earliest.etaMinutes })}{' '}
          {earliest.assumptions.length > 0 && <span className="hint">{t('firstResponder.assumed')}</span>}
        </p>
      ) : (
        <p>{t('firstResponder.earliestNone')}</p>
      )}
    </div>
  );
}
