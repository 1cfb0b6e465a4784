import { describe, expect, it } from 'vitest';
import { auditQuery, changedFields, EMPTY_FILTER } from './audit.ts';

describe('audit list', () => {
  it('builds the query from the filters, in UTC, with paging', () => {
    const url = auditQuery({ ...EMPTY_FILTER, user: ' nurse ', entity: 'hospital', entityId: '2', from: '2026-11-25T08:00' }, 500, 50);
    const q = new URL(url, 'http://x').searchParams;
    expect(q.get('user')).toBe('nurse');
    expect(q.get('entity')).toBe('hospital');
    expect(q.get('entityId')).toBe('2');
    expect(q.get('from')).toBe(new Date('2026-11-25T08:00').toISOString());
    expect(q.get('beforeSeq')).toBe('500');
    expect(q.has('to')).toBe(false);
    expect(new URL(auditQuery(EMPTY_FILTER), 'http://x').search).toBe('?limit=100');
  });

  it('shows what changed, not the whole entity', () => {
    expect(changedFields({ before: { id: 1, role: 'nurse', disabled: false, version: 1 }, after: { id: 1, role: 'nurse', disabled: true, version: 2 } })).toEqual([{ field: 'disabled', value: 'true' }]);
    expect(changedFields({ before: null, after: { id: 5, callSign: 'CX-99', kind: 'standard' } })).toEqual([
      { field: 'callSign', value: 'CX-99' },
      { field: 'kind', value: 'standard' },
    ]);
  });
});
