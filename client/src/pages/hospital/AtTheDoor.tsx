/** Ambulances at the ED door with the patient still on their stretcher: the offload clock, and one-click handover. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Thresholds } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { formatElapsed } from '../../ui/format.ts';
import type { AtDoor } from './model.ts';
import { useCityTime } from '../../ui/useCityTime.ts';

export function AtTheDoor({ rows, nowMs, thresholds }: { rows: AtDoor[]; nowMs: number; thresholds: Thresholds }) {
  const { t } = useTranslation('hospital');
  return (
    <section className="ed-panel ed-door" aria-labelledby="door-title" data-testid="at-door">
      <h2 id="door-title" className="ed-panel__title">
        {t('door.title')} <span className="ed-count">{rows.length}</span>
      </h2>
      {rows.length === 0 ? (
        <p className="hint">{t('door.empty')}</p>
      ) : (
        <ol className="ed-list">
          {rows.map((r) => (
            <DoorRow key={r.transport.id} row={r} nowMs={nowMs} thresholds={thresholds} />
          ))}
        </ol>
      )}
    </section>
  );
}

function DoorRow({ row, nowMs, thresholds }: { row: AtDoor; nowMs: number; thresholds: Thresholds }) {
  const { t } = useTranslation('hospital');
  const cityTime = useCityTime();
  const { t: tc } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { transport: tr, call, unit, level } = row;
  const arrived = Date.parse(tr.arrivedAt ?? '');
  const limit = level === 'red' ? thresholds.offloadRedMinutes : thresholds.offloadAmberMinutes;

  async function handover() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/transports/${tr.id}/handover`);
    } catch (e) {
      setError(e instanceof ApiError ? (e.code === 'NOT_YOUR_PATIENT' ? t('inbound.notYourPatient') : e.message) : String(e));
      setBusy(false);
    }
  }

  return (
    <li className={`ed-row ed-door-row ed-door-row--${level}`} data-testid="door-row" data-transport={tr.id} data-level={level}>
      <div className="ed-row__head">
        <strong className="ed-row__unit">{unit?.callSign ?? `#${tr.unitId}`}</strong>
        {call && <span className={`chip chip--${call.clinicalClass}`}>{tc(`class.${call.clinicalClass}`)}</span>}
        {call?.age !== null && call?.age !== undefined && <span>{t('inbound.age', { age: call.age })}</span>}
        <span className="hint">{t('door.since', { time: cityTime(arrived) })}</span>
      </div>
      <div className="ed-door-row__clock">
        <span className="visually-hidden">{t('door.clock')}: </span>
        {/* The clock counts from the server's arrival time on the server-aligned clock. */}
        <time className="ed-clock" data-testid="offload-clock" dateTime={tr.arrivedAt ?? undefined}>
          {formatElapsed(nowMs - arrived)}
        </time>
        {level !== 'ok' && <span className="ed-clock__level">{t(`door.level.${level}`, { minutes: limit })}</span>}
        <button type="button" className="btn btn--primary ed-handover" disabled={busy} onClick={() => void handover()}>
          {t('door.handover')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
