/**
 * The fleet: every unit's status, time in status and current call; the chosen unit's crew, and status
 * buttons for units without a data terminal (the dispatcher radios and records), out of service for all.
 * A city fleet is thousands of rows: the list re-renders on status changes only (not on position
 * frames) and draws just the rows in view (fixed row height), with spacers for the rest.
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UNIT_STATUSES, UNIT_TRANSITIONS, type Unit, type UnitStatus } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { useLive, useLiveEntities } from '../../live/useLive.ts';
import { Elapsed } from './Elapsed.tsx';
import { hospitalName } from '../../ui/format.ts';

export interface UnitsPanelProps {
  selectedId: number | null;
  onSelect: (id: number) => void;
  onOpenCall: (id: number) => void;
}

/** Rows drawn beyond the visible ones on each side, so a short scroll never shows a gap. */
const OVERSCAN = 12;
/** Until a row has been measured (and in jsdom, which has no layout). */
const DEFAULT_ROW_PX = 30;
const DEFAULT_VIEW_PX = 600;

export function UnitsPanel({ selectedId, onSelect, onOpenCall }: UnitsPanelProps) {
  const { t } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const unitMap = useLiveEntities((s) => s.state.units);
  const version = useLiveEntities((s) => s.entityVersion);
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<UnitStatus | ''>('');
  const units = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return [...unitMap.values()]
      .filter((u) => (status === '' || u.status === status) && (q === '' || u.callSign.toLowerCase().includes(q)))
      .sort((a, b) => a.callSign.localeCompare(b.callSign, 'en', { numeric: true }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unitMap, version, filter, status]);
  const selected = selectedId !== null && unitMap.has(selectedId);
  const list = useWindow(units.length);
  const { first, last, rowPx } = list;
  // A unit picked on the map scrolls into view in the list.
  useEffect(() => {
    const i = units.findIndex((u) => u.id === selectedId);
    if (i >= 0) list.show(i);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId]);
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
      {selected && selectedId !== null && <UnitDetail unitId={selectedId} onOpenCall={onOpenCall} />}
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
      <div className="units-panel__list" ref={list.ref}>
      <table className="units-table" aria-rowcount={units.length + 1}>
        <thead>
          <tr>
            <th scope="col">{t('units.callSign')}</th>
            <th scope="col">{t('units.status')}</th>
            <th scope="col">{t('units.inStatus')}</th>
            <th scope="col">{t('units.call')}</th>
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr className="units-table__spacer" aria-hidden="true" style={{ height: first * rowPx }}><td colSpan={4} /></tr>}
          {units.slice(first, last).map((u, i) => (
            <UnitRow key={u.id} unit={u} index={first + i} selected={u.id === selectedId} onSelect={onSelect} onOpenCall={onOpenCall} />
          ))}
          {last < units.length && <tr className="units-table__spacer" aria-hidden="true" style={{ height: (units.length - last) * rowPx }}><td colSpan={4} /></tr>}
        </tbody>
      </table>
      </div>
    </section>
  );
}

/** The rows in view of a scrolled list of `count` equal rows: [first, last), plus `show(i)`. */
function useWindow(count: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: DEFAULT_VIEW_PX });
  const [rowPx, setRowPx] = useState(DEFAULT_ROW_PX);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const height = el.clientHeight || DEFAULT_VIEW_PX;
      // Only a move of a whole row changes what is drawn.
      setView((v) => (Math.floor(v.top / rowPx) === Math.floor(el.scrollTop / rowPx) && v.height === height ? v : { top: el.scrollTop, height }));
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(update) : null;
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resize?.disconnect();
    };
  }, [rowPx]);
  // Measure a real row once drawn (font size and zoom decide it), so spacers match.
  useLayoutEffect(() => {
    const row = ref.current?.querySelector('tbody tr:not(.units-table__spacer)');
    const h = row?.getBoundingClientRect().height ?? 0;
    if (h > 0 && Math.abs(h - rowPx) > 0.5) setRowPx(h);
  });
  const first = Math.max(0, Math.min(count, Math.floor(view.top / rowPx) - OVERSCAN));
  const last = Math.min(count, Math.ceil((view.top + view.height) / rowPx) + OVERSCAN);
  const show = (i: number) => {
    const el = ref.current;
    if (!el) return;
    const top = i * rowPx;
    if (top < el.scrollTop || top + rowPx * 2 > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight / 3);
  };
  return { ref, first, last, rowPx, show };
}

interface UnitRowProps {
  unit: Unit;
  index: number;
  selected: boolean;
  onSelect: (id: number) => void;
  onOpenCall: (id: number) => void;
}

const UnitRow = memo(function UnitRow({ unit: u, index, selected, onSelect, onOpenCall }: UnitRowProps) {
  const { t: tc } = useTranslation();
  return (
    <tr className={selected ? 'is-chosen' : ''} aria-rowindex={index + 2} data-testid={`unit-row-${u.callSign}`} data-status={u.status}>
      <td>
        <button type="button" className="link-button" onClick={() => onSelect(u.id)} aria-pressed={selected}>
          <span className={`unit-kind-icon unit-kind-icon--${u.kind}`} aria-label={tc(`unitKind.${u.kind}`)} role="img" />
          {u.callSign}
        </button>
      </td>
      <td>
        <span className={`status-chip status-chip--${u.status}`}>{tc(`unitStatus.${u.status}`)}</span>
      </td>
      <td className="num">
        <Elapsed since={u.statusSince} />
      </td>
      <td>{u.callId !== null ? <CallLink id={u.callId} onOpen={onOpenCall} /> : '—'}</td>
    </tr>
  );
});

function CallLink({ id, onOpen }: { id: number; onOpen: (id: number) => void }) {
  const number = useLiveEntities((s) => s.state.calls.get(id)?.number ?? `#${id}`);
  return (
    <button type="button" className="link-button" onClick={() => onOpen(id)}>
      {number}
    </button>
  );
}

/** The chosen unit, live (its speed follows the position frames; only this card re-renders for them). */
function UnitDetail({ unitId, onOpenCall }: { unitId: number; onOpenCall: (id: number) => void }) {
  const u = useLive((s) => s.state.units.get(unitId));
  return u ? <UnitCard unit={u} onOpenCall={onOpenCall} /> : null;
}

function UnitCard({ unit: u, onOpenCall }: { unit: Unit; onOpenCall: (id: number) => void }) {
  const { t, i18n } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const station = useLiveEntities((s) => s.state.stations.get(u.stationId));
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
        <dd>
          <Elapsed since={u.statusSince} />
        </dd>
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
