/**
 * The fleet: every unit's status, time in status and current call; the chosen unit's crew, and status
 * buttons for units without a data terminal (the dispatcher radios and records), out of service for all.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UNIT_STATUSES, UNIT_TRANSITIONS, type Unit, type UnitStatus } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { useLive } from '../../live/useLive.ts';
import { formatElapsed } from './model.ts';
import { hospitalName } from './names.ts';

export interface UnitsPanelProps {
  selectedId: number | null;
  onSelect: (id: number) => void;
  onOpenCall: (id: number) => void;
  now: number;
}

export function UnitsPanel({ selectedId, onSelect, onOpenCall, now }: UnitsPanelProps) {
  const { t } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const unitMap = useLive((s) => s.state.units);
  const version = useLive((s) => s.version);
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<UnitStatus | ''>('');
  const units = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return [...unitMap.values()]
      .filter((u) => (status === '' || u.status === status) && (q === '' || u.callSign.toLowerCase().includes(q)))
      .sort((a, b) => a.callSign.localeCompare(b.callSign, 'en', { numeric: true }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unitMap, version, filter, status]);
  const selected = selectedId !== null ? unitMap.get(selectedId) : undefined;
  const counts = useMemo(() => {
    const c = new Map<UnitStatus, number>();
    for (const u of unitMap.values()) c.set(u.status, (c.get(u.status) ?? 0) + 1);
    return c;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unitMap, version]);

  return (
    <section className="units-panel" aria-labelledby="units-title" data-testid="units-panel">
      <h2 id="units-title" className="panel-title">
        {t('units.title')}
      </h2>
      {selected && <UnitDetail unit={selected} now={now} onOpenCall={onOpenCall} />}
      <div className="units-panel__filters">
        <label className="field">
          <span>{t('units.search')}</span>
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('units.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as UnitStatus | '')}>
            <option value="">{t('units.all', { count: unitMap.size })}</option>
            {UNIT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tc(`unitStatus.${s}`)} ({counts.get(s) ?? 0})
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="units-table">
        <thead>
          <tr>
            <th scope="col">{t('units.callSign')}</th>
            <th scope="col">{t('units.status')}</th>
            <th scope="col">{t('units.inStatus')}</th>
            <th scope="col">{t('units.call')}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr
              key={u.id}
              className={u.id === selectedId ? 'is-chosen' : ''}
              data-testid={`unit-row-${u.callSign}`}
              data-status={u.status}
              data-lon={u.lon.toFixed(5)}
              data-lat={u.lat.toFixed(5)}
            >
              <td>
                <button type="button" className="link-button" onClick={() => onSelect(u.id)} aria-pressed={u.id === selectedId}>
                  <span className={`unit-kind-icon unit-kind-icon--${u.kind}`} aria-label={tc(`unitKind.${u.kind}`)} role="img" />
                  {u.callSign}
                </button>
              </td>
              <td>
                <span className={`status-chip status-chip--${u.status}`}>{tc(`unitStatus.${u.status}`)}</span>
              </td>
              <td className="num">{formatElapsed(now - Date.parse(u.statusSince))}</td>
              <td>{u.callId !== null ? <CallLink id={u.callId} onOpen={onOpenCall} /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CallLink({ id, onOpen }: { id: number; onOpen: (id: number) => void }) {
  const number = useLive((s) => s.state.calls.get(id)?.number ?? `#${id}`);
  return (
    <button type="button" className="link-button" onClick={() => onOpen(id)}>
      {number}
    </button>
  );
}

function UnitDetail({ unit: u, now, onOpenCall }: { unit: Unit; now: number; onOpenCall: (id: number) => void }) {
  const { t, i18n } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const station = useLive((s) => s.state.stations.get(u.stationId));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = UNIT_TRANSITIONS[u.status];
  // Units with a terminal report their own progress; the console only takes them in and out of service.
  const allowed = u.hasTerminal ? next.filter((s) => s === 'out_of_service' || (u.status === 'out_of_service' && s === 'available')) : next;

  async function setStatus(status: UnitStatus) {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/units/${u.id}/status`, { status });
    } catch (e) {
      setError(e instanceof ApiError ? tc('errors.generic', { message: e.message }) : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="unit-detail" data-testid="unit-detail" data-status={u.status}>
      <h3>
        <span className={`unit-kind-icon unit-kind-icon--${u.kind}`} aria-hidden="true" /> {u.callSign}{' '}
        <span className={`status-chip status-chip--${u.status}`}>{tc(`unitStatus.${u.status}`)}</span>
      </h3>
      <dl>
        <dt>{t('units.kind')}</dt>
        <dd>{tc(`unitKind.${u.kind}`)}</dd>
        <dt>{t('units.inStatus')}</dt>
        <dd>{formatElapsed(now - Date.parse(u.statusSince))}</dd>
        <dt>{t('units.crew')}</dt>
        <dd>{[u.crew.driver, u.crew.doctor, u.crew.nurse].filter(Boolean).join(' · ') || '—'}</dd>
        <dt>{t('units.station')}</dt>
        <dd>{hospitalName(station, i18n.language)}</dd>
        <dt>{t('units.call')}</dt>
        <dd>{u.callId !== null ? <CallLink id={u.callId} onOpen={onOpenCall} /> : '—'}</dd>
        <dt>{t('units.terminal')}</dt>
        <dd>{u.hasTerminal ? t('units.terminalYes') : t('units.terminalNo')}</dd>
        <dt>{t('units.speed')}</dt>
        <dd>{Math.round(u.speedKmh)} km/h</dd>
      </dl>
      <div className="unit-detail__actions" role="group" aria-label={t('units.setStatus')}>
        {allowed.map((s) => (
          <button key={s} type="button" className={`btn ${s === 'out_of_service' ? 'btn--danger' : ''}`} disabled={busy} onClick={() => void setStatus(s)} data-testid={`unit-status-${s}`}>
            {s === 'available' && u.status === 'out_of_service' ? t('units.backInService') : tc(`unitStatus.${s}`)}
          </button>
        ))}
        {u.hasTerminal && <p className="hint">{t('units.terminalHint')}</p>}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
