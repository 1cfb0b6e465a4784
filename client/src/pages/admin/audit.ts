/** The audit list's pure parts: the query from the filter form, and what changed in one entry. */
import type { AuditEvent } from '@dispatch/shared';

export interface AuditFilter {
  user: string;
  entity: string;
  entityId: string;
  /** datetime-local text in the browser's zone, '' for open. */
  from: string;
  to: string;
}

export const EMPTY_FILTER: AuditFilter = { user: '', entity: '', entityId: '', from: '', to: '' };

/** The /api/admin/events query string; `beforeSeq` pages back. */
export function auditQuery(f: AuditFilter, beforeSeq?: number, limit = 100): string {
  const q = new URLSearchParams();
  if (f.user.trim()) q.set('user', f.user.trim());
  if (f.entity) q.set('entity', f.entity);
  if (f.entityId.trim()) q.set('entityId', f.entityId.trim());
  if (f.from) q.set('from', new Date(f.from).toISOString());
  if (f.to) q.set('to', new Date(f.to).toISOString());
  if (beforeSeq !== undefined) q.set('beforeSeq', String(beforeSeq));
  q.set('limit', String(limit));
  return `/api/admin/events?${q.toString()}`;
}

const SKIP = new Set(['version', 'statusSince', 'capacityUpdatedAt', 'capacityUpdatedBy']);

/** Fields whose value differs between before and after (all of after for a creation), as short text. */
export function changedFields(e: Pick<AuditEvent, 'before' | 'after'>, max = 6): { field: string; value: string }[] {
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  const out: { field: string; value: string }[] = [];
  for (const [field, value] of Object.entries(after)) {
    if (SKIP.has(field) || field === 'id') continue;
    if (e.before !== null && JSON.stringify(before[field]) === JSON.stringify(value)) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    out.push({ field, value: text.length > 40 ? `${text.slice(0, 39)}…` : text });
    if (out.length >= max) break;
  }
  return out;
}
