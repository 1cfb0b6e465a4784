/** The audit trail: who changed what and when, filtered by user, entity, id and time, newest first. */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ENTITY_TYPES, type AuditEvent } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { useLive } from '../../live/useLive.ts';
import { liveStore } from '../../live/store.ts';
import { hospitalName } from '../../ui/format.ts';
import { useCityTime } from '../../ui/useCityTime.ts';
import { auditQuery, badFilterTime, changedFields, EMPTY_FILTER, type AuditFilter, type AuditValue } from './audit.ts';

const PAGE = 100;

export function AuditPanel() {
  const { t, i18n } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>(EMPTY_FILTER);
  const [rows, setRows] = useState<AuditEvent[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const timeZone = useLive((s) => s.state.city.timeZone);
  const cityTime = useCityTime();
  async function load(append: boolean) {
    const bad = badFilterTime(filter);
    if (bad) {
      setError(`${t(`audit.${bad}`)}: ${t('audit.badTime')}`);
      return;
    }
    setBusy(true);
    try {
      const page = await api.get<AuditEvent[]>(auditQuery(filter, append ? rows.at(-1)?.seq : undefined, PAGE));
      setRows((r) => (append ? [...r, ...page] : page));
      setMore(page.length === PAGE);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? (e.field ? `${t(`audit.${e.field}`, { defaultValue: e.field })}: ${tc('errors.generic', { message: e.code ?? e.message })}` : tc('errors.generic', { message: e.message })) : String(e));
    } finally {
      setBusy(false);
    }
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => void load(false), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(false);
  };
  const set = (k: keyof AuditFilter) => (e: { target: { value: string } }) => setFilter((f) => ({ ...f, [k]: e.target.value }));
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.language, { hour12: false, timeZone });
  const word = (v: AuditValue): string => {
    switch (v.kind) {
      case 'none':
        return '—';
      case 'bool':
        return tc(v.value ? 'yes' : 'no');
      case 'enum':
        return tc(v.key, { defaultValue: v.key.slice(v.key.indexOf('.') + 1) });
      case 'time':
        return cityTime(v.iso, 'dateTime');
      case 'flags':
        return v.on.length === 0 ? '—' : v.on.map((f) => tc(`flags.${f}`, { defaultValue: f })).join('、');
      case 'text':
        return v.text;
      case 'ref': {
        const live = liveStore.state;
        if (v.to === 'hospital') return hospitalName(live.hospitals.get(v.id), i18n.language, `#${v.id}`);
        if (v.to === 'unit') return live.units.get(v.id)?.callSign ?? `#${v.id}`;
        if (v.to === 'call') return live.calls.get(v.id)?.number ?? `#${v.id}`;
        return hospitalName(live.stations.get(v.id), i18n.language, `#${v.id}`);
      }
    }
  };

  return (
    <section className="admin-panel" aria-labelledby="audit-title">
      <header className="admin-panel__head">
        <h2 id="audit-title">{t('tabs.audit')}</h2>
      </header>
      <form className="admin-filter" onSubmit={submit} aria-label={t('audit.filters')}>
        <label>
          {t('audit.user')}
          <input value={filter.user} onChange={set('user')} autoComplete="off" />
        </label>
        <label>
          {t('audit.entity')}
          <select value={filter.entity} onChange={set('entity')}>
            <option value="">{t('audit.any')}</option>
            {ENTITY_TYPES.map((e) => (
              <option key={e} value={e}>
                {t(`entity.${e}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.entityId')}
          <input value={filter.entityId} onChange={set('entityId')} inputMode="numeric" size={6} />
        </label>
        <label>
          {t('audit.from')}
          <input value={filter.from} onChange={set('from')} placeholder={t('audit.timeHint')} inputMode="numeric" autoComplete="off" size={16} data-testid="audit-from" />
        </label>
        <label>
          {t('audit.to')}
          <input value={filter.to} onChange={set('to')} placeholder={t('audit.timeHint')} inputMode="numeric" autoComplete="off" size={16} data-testid="audit-to" />
        </label>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('actions.search')}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <table className="admin-table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.who')}</th>
            <th scope="col">{t('audit.what')}</th>
            <th scope="col">{t('audit.entity')}</th>
            <th scope="col">{t('audit.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td className="admin-nowrap">{time(e.at)}</td>
              <td>
                {e.actor} <span className="hint">{tc(`role.${e.actorRole}`, { defaultValue: e.actorRole })}</span>
              </td>
              <td data-event={e.name}>{t(`audit.event.${e.name}`, { defaultValue: t('audit.otherEvent') })}</td>
              <td className="admin-nowrap">
                {t(`entity.${e.entity}`)} #{e.entityId}
              </td>
              <td className="admin-changes">
                {changedFields(e).map((c) => (
                  <span key={c.field}>
                    {t(`audit.field.${c.field}`, { defaultValue: c.field })}: <strong>{word(c.value)}</strong>
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && !busy && <p className="hint">{t('audit.empty')}</p>}
      {more && (
        <button type="button" className="btn" onClick={() => void load(true)} disabled={busy}>
          {t('actions.loadOlder')}
        </button>
      )}
    </section>
  );
}
