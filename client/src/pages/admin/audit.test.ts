import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, EVENT_NAMES } from '@dispatch/shared';
import { buildCall, buildHospital, buildTransport, buildUnit } from '@dispatch/shared/domain/testFactories';
import en from '../../i18n/locales/en/admin.json';
import zh from '../../i18n/locales/zh-CN/admin.json';
import { auditQuery, auditValue, badFilterTime, changedFields, EMPTY_FILTER, parseFilterTime } from './audit.ts';

describe('audit list', () => {
  it('builds the query from the filters, in UTC, with paging', () => {
    const url = auditQuery({ ...EMPTY_FILTER, user: ' nurse ', entity: 'hospital', entityId: '2', from: '2026-11-25 08:00' }, 500, 50);
    const q = new URL(url, 'http://x').searchParams;
    expect(q.get('user')).toBe('nurse');
    expect(q.get('entity')).toBe('hospital');
    expect(q.get('entityId')).toBe('2');
    expect(q.get('from')).toBe(new Date('2026-11-25T08:00').toISOString());
    expect(q.get('beforeSeq')).toBe('500');
    expect(q.has('to')).toBe(false);
    expect(new URL(auditQuery(EMPTY_FILTER), 'http://x').search).toBe('?limit=100');
  });

  it('reads filter times typed as YYYY-MM-DD HH:mm and refuses impossible ones', () => {
    expect(parseFilterTime('2026-11-25 08:00')).toBe(new Date(2026, 10, 25, 8, 0).toISOString());
    expect(parseFilterTime(' 2026-11-25 ')).toBe(new Date(2026, 10, 25).toISOString());
    for (const bad of ['2026-02-31 08:00', '2026-11-25 25:00', '11/25/2026', 'yesterday', '2026-11-25 08:61']) expect(parseFilterTime(bad), bad).toBeNull();
    expect(badFilterTime({ ...EMPTY_FILTER, to: '2026-13-01' })).toBe('to');
    expect(badFilterTime({ ...EMPTY_FILTER, from: '2026-12-01 07:00' })).toBeNull();
    expect(new URL(auditQuery({ ...EMPTY_FILTER, from: 'nonsense' }), 'http://x').searchParams.has('from')).toBe(false);
  });

  it('shows what changed, not the whole entity, each value ready to be put in words', () => {
    expect(changedFields({ entity: 'user', before: { id: 1, role: 'nurse', disabled: false, version: 1 }, after: { id: 1, role: 'nurse', disabled: true, version: 2 } })).toEqual([
      { field: 'disabled', value: { kind: 'bool', value: true } },
    ]);
    expect(changedFields({ entity: 'unit', before: null, after: { id: 5, callSign: 'CX-99', kind: 'standard' } })).toEqual([
      { field: 'callSign', value: { kind: 'text', text: 'CX-99' } },
      { field: 'kind', value: { kind: 'enum', key: 'unitKind.standard' } },
    ]);
  });

  it('words enums by entity, times as times, flags and crews by name, never raw JSON for them', () => {
    expect(auditValue('call', 'status', 'awaiting_unit')).toEqual({ kind: 'enum', key: 'callStatus.awaiting_unit' });
    expect(auditValue('unit', 'status', 'en_route')).toEqual({ kind: 'enum', key: 'unitStatus.en_route' });
    expect(auditValue('hospital', 'kind', 'fangcang')).toEqual({ kind: 'enum', key: 'hospitalKind.fangcang' });
    expect(auditValue('transport', 'acceptance', 'declined')).toEqual({ kind: 'enum', key: 'acceptance.declined' });
    expect(auditValue('transport', 'arrivedAt', '2026-12-01T20:15:00.000Z')).toEqual({ kind: 'time', iso: '2026-12-01T20:15:00.000Z' });
    expect(auditValue('call', 'flags', { nursingHome: true, pregnant: false })).toEqual({ kind: 'flags', on: ['nursingHome'] });
    expect(auditValue('unit', 'crew', { driver: '王强', doctor: '', nurse: '李娜' })).toEqual({ kind: 'text', text: '王强 / 李娜' });
    expect(auditValue('call', 'notes', '')).toEqual({ kind: 'none' });
    expect(auditValue('transport', 'hospitalId', 3)).toEqual({ kind: 'ref', to: 'hospital', id: 3 });
    expect(auditValue('unit', 'stationId', 2)).toEqual({ kind: 'ref', to: 'station', id: 2 });
    expect(auditValue('hospital', 'lon', 121.2712345678)).toEqual({ kind: 'text', text: '121.271235' });
    expect(auditValue('call', 'complaint', 'x'.repeat(100))).toMatchObject({ kind: 'text', text: expect.stringMatching(/^x{39}…$/) });
  });

  it('has words for every event and every field an entity logs, in both languages', () => {
    const fields = new Set([
      ...[buildCall(), buildUnit(), buildHospital(), buildTransport()].flatMap((e) => Object.keys(e)),
      ...Object.keys(DEFAULT_THRESHOLDS),
      ...['username', 'displayName', 'role', 'hospitalId', 'disabled', 'code', 'name', 'nameEn', 'createdAt'],
    ]);
    for (const [lang, file] of [['en', en], ['zh-CN', zh]] as const) {
      const audit = file.audit as { event: Record<string, Record<string, string>>; field: Record<string, string> };
      for (const name of EVENT_NAMES) {
        const [entity = '', verb = ''] = name.split('.');
        expect(typeof audit.event[entity]?.[verb], `${lang} audit.event.${name}`).toBe('string');
      }
      for (const f of fields) if (!['id', 'version', 'statusSince', 'capacityUpdatedAt', 'capacityUpdatedBy'].includes(f)) expect(typeof audit.field[f], `${lang} audit.field.${f}`).toBe('string');
    }
  });
});

