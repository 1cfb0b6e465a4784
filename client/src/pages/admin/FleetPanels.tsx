/**
 * Units, stations and hospitals: the rows are the live state (so a change made anywhere shows at
 * once), edited through the admin API with the shared schemas.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ZodType } from 'zod';
import {
  HOSPITAL_KINDS,
  UNIT_KINDS,
  UpdateHospitalBody,
  UpdateStationBody,
  UpdateUnitBody,
  UpsertHospitalBody,
  UpsertStationBody,
  UpsertUnitBody,
  type Hospital,
  type Station,
  type Unit,
} from '@dispatch/shared';
import { useLive } from '../../live/useLive.ts';
import { EntityForm, fieldKey } from './EntityForm.tsx';
import type { FieldSpec } from './forms.ts';
import { useEditor } from './useEditor.ts';

interface Column<T> {
  key: string;
  render(row: T): ReactNode;
  /** The column's text is in this language whatever the screen's (the Chinese and English names). */
  lang?: 'zh-CN' | 'en';
}

interface CrudProps<T extends { id: number }> {
  id: string;
  rows: T[];
  nameOf(row: T): string;
  /** The row's name in the screen's language, for the buttons' labels (nameOf by default). */
  labelOf?(row: T): string;
  columns: Column<T>[];
  fields: FieldSpec[];
  createSchema: ZodType;
  updateSchema: ZodType;
  url: string;
  optionLabel(field: FieldSpec, value: string | number): string;
}

function CrudPanel<T extends { id: number }>(p: CrudProps<T>) {
  const { t } = useTranslation('admin');
  const [message, setMessage] = useState<string | null>(null);
  const editor = useEditor({
    fields: p.fields,
    createSchema: p.createSchema,
    updateSchema: p.updateSchema,
    createUrl: p.url,
    updateUrl: (id) => `${p.url}/${id}`,
    onSaved: (saved) => setMessage(t('saved', { name: p.nameOf(saved as T) })),
  });
  const editing = editor.editing;
  const newLabel = t(`actions.new_${p.id}`);
  return (
    <section className="admin-panel" aria-labelledby={`${p.id}-title`}>
      <header className="admin-panel__head">
        <h2 id={`${p.id}-title`}>{t(`tabs.${p.id}`)}</h2>
        <button type="button" className="btn btn--primary" onClick={() => editor.openCreate()}>
          {newLabel}
        </button>
      </header>
      {message && (
        <p className="admin-notice" role="status">
          {message}
        </p>
      )}
      {editing && (
        <EntityForm
          id={`${p.id}-form`}
          title={editing.mode === 'create' ? newLabel : t('editing', { name: p.nameOf(p.rows.find((r) => r.id === editing.id) as T) })}
          fields={p.fields}
          draft={editor.draft}
          errors={editor.errors}
          onChange={editor.change}
          onSubmit={() => void editor.save()}
          onCancel={editor.close}
          busy={editor.busy}
          submitLabel={editing.mode === 'create' ? t('actions.create') : t('actions.save')}
          optionLabel={p.optionLabel}
        />
      )}
      <table className="admin-table">
        <thead>
          <tr>
            {p.columns.map((c) => (
              <th scope="col" key={c.key}>
                {t(`fields.${fieldKey(c.key)}`)}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('actionsColumn')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((row) => (
            <tr key={row.id} data-testid={`${p.id}-${p.nameOf(row)}`}>
              {p.columns.map((c) => (
                <td key={c.key} lang={c.lang}>
                  {c.render(row)}
                </td>
              ))}
              <td>
                <button type="button" className="btn" aria-label={t('actions.editNamed', { name: (p.labelOf ?? p.nameOf)(row) })} onClick={() => editor.openEdit(row.id, row)}>
                  {t('actions.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const sorted = <T extends { id: number }>(m: Map<number, T>) => [...m.values()].sort((a, b) => a.id - b.id);
const fixed = (x: number) => x.toFixed(4);

export function UnitsPanel() {
  const { t: tc } = useTranslation();
  const units = useLive((s) => s.state.units);
  const stations = useLive((s) => s.state.stations);
  const version = useLive((s) => s.version);
  const rows = useMemo(() => sorted(units), [units, version]);
  const stationIds = useMemo(() => sorted(stations).map((s) => s.id), [stations, version]);
  const stationName = (id: number) => stations.get(id)?.name ?? `#${id}`;
  const fields: FieldSpec[] = [
    { name: 'callSign', kind: 'text' },
    { name: 'kind', kind: 'select', options: UNIT_KINDS },
    { name: 'stationId', kind: 'select', options: stationIds },
    { name: 'hasTerminal', kind: 'checkbox' },
    { name: 'crew.driver', kind: 'text' },
    { name: 'crew.doctor', kind: 'text' },
    { name: 'crew.nurse', kind: 'text' },
  ];
  return (
    <CrudPanel<Unit>
      id="units"
      rows={rows}
      nameOf={(u) => u.callSign}
      columns={[
        { key: 'callSign', render: (u) => u.callSign },
        { key: 'kind', render: (u) => tc(`unitKind.${u.kind}`) },
        { key: 'stationId', render: (u) => stationName(u.stationId) },
        { key: 'status', render: (u) => tc(`unitStatus.${u.status}`) },
        { key: 'crew', render: (u) => [u.crew.driver, u.crew.doctor, u.crew.nurse].filter(Boolean).join(' · ') },
      ]}
      fields={fields}
      createSchema={UpsertUnitBody}
      updateSchema={UpdateUnitBody}
      url="/api/admin/units"
      optionLabel={(f, v) => (f.name === 'kind' ? tc(`unitKind.${v}`) : stationName(Number(v)))}
    />
  );
}

export function StationsPanel() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  const stations = useLive((s) => s.state.stations);
  const version = useLive((s) => s.version);
  const rows = useMemo(() => sorted(stations), [stations, version]);
  return (
    <CrudPanel<Station>
      id="stations"
      rows={rows}
      nameOf={(s) => s.name}
      labelOf={(s) => (english ? s.nameEn : s.name)}
      columns={[
        { key: 'name', render: (s) => s.name, lang: 'zh-CN' },
        { key: 'nameEn', render: (s) => s.nameEn, lang: 'en' },
        { key: 'lon', render: (s) => fixed(s.lon) },
        { key: 'lat', render: (s) => fixed(s.lat) },
      ]}
      fields={[
        { name: 'name', kind: 'text' },
        { name: 'nameEn', kind: 'text' },
        { name: 'lon', kind: 'number' },
        { name: 'lat', kind: 'number' },
      ]}
      createSchema={UpsertStationBody}
      updateSchema={UpdateStationBody}
      url="/api/admin/stations"
      optionLabel={(_f, v) => String(v)}
    />
  );
}

export function HospitalsPanel() {
  const { t: tc } = useTranslation();
  const hospitals = useLive((s) => s.state.hospitals);
  const stations = useLive((s) => s.state.stations);
  const version = useLive((s) => s.version);
  const rows = useMemo(() => sorted(hospitals), [hospitals, version]);
  const stationIds = useMemo(() => sorted(stations).map((s) => s.id), [stations, version]);
  const stationName = (id: number | null) => (id === null ? '' : (stations.get(id)?.name ?? `#${id}`));
  return (
    <CrudPanel<Hospital>
      id="hospitals"
      rows={rows}
      nameOf={(h) => h.code}
      columns={[
        { key: 'code', render: (h) => h.code },
        { key: 'name', render: (h) => h.name, lang: 'zh-CN' },
        { key: 'nameEn', render: (h) => h.nameEn, lang: 'en' },
        { key: 'kind', render: (h) => tc(`hospitalKind.${h.kind}`) },
        { key: 'lon', render: (h) => fixed(h.lon) },
        { key: 'lat', render: (h) => fixed(h.lat) },
        { key: 'stationId', render: (h) => stationName(h.stationId) },
      ]}
      fields={[
        { name: 'code', kind: 'text' },
        { name: 'name', kind: 'text' },
        { name: 'nameEn', kind: 'text' },
        { name: 'kind', kind: 'select', options: HOSPITAL_KINDS },
        { name: 'lon', kind: 'number' },
        { name: 'lat', kind: 'number' },
        { name: 'stationId', kind: 'select', options: stationIds, nullable: true },
      ]}
      createSchema={UpsertHospitalBody}
      updateSchema={UpdateHospitalBody}
      url="/api/admin/hospitals"
      optionLabel={(f, v) => (f.name === 'kind' ? tc(`hospitalKind.${v}`) : stationName(Number(v)))}
    />
  );
}
