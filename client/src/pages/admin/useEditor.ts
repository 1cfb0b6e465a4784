/** The create/edit state one admin panel needs: which row is open, its draft, errors, saving. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ZodType } from 'zod';
import { api, ApiError } from '../../api/http.ts';
import { bodyOf, draftFrom, fieldErrors, type Draft, type FieldProblem, type FieldSpec } from './forms.ts';

export type Editing = { mode: 'create' } | { mode: 'edit'; id: number; original: Draft } | null;

export interface EditorConfig {
  fields: readonly FieldSpec[];
  createSchema: ZodType;
  updateSchema: ZodType;
  createUrl: string;
  updateUrl: (id: number) => string;
  /** Adjust a draft after a change (e.g. clear the hospital when the role is not nurse). */
  normalise?: (draft: Draft) => Draft;
  /** Rules the schema cannot state alone (a nurse needs a hospital); field → message. */
  check?: (draft: Draft) => Record<string, string>;
  onSaved?: (saved: unknown) => void;
}

export function useEditor(cfg: EditorConfig) {
  const { t } = useTranslation('admin');
  const word = (p: FieldProblem) => t(p.key, p.values ?? {});
  const [editing, setEditing] = useState<Editing>(null);
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const start = (next: Editing, d: Draft) => {
    setDraft(d);
    setErrors({});
    setEditing(next);
  };
  const openCreate = () => start({ mode: 'create' }, draftFrom(cfg.fields));
  const openEdit = (id: number, entity: unknown) => {
    const d = draftFrom(cfg.fields, entity);
    start({ mode: 'edit', id, original: d }, d);
  };

  const change = (name: string, value: string | boolean) => {
    setDraft((d) => (cfg.normalise ?? ((x: Draft) => x))({ ...d, [name]: value }));
    setErrors((e) => {
      const { [name]: _gone, form: _form, ...rest } = e;
      return rest;
    });
  };

  async function save(): Promise<boolean> {
    if (!editing) return false;
    const isEdit = editing.mode === 'edit';
    const body = bodyOf(cfg.fields, draft, isEdit ? editing.original : undefined);
    const invalid = { ...fieldErrors(isEdit ? cfg.updateSchema : cfg.createSchema, body, word), ...cfg.check?.(draft) };
    if (Object.keys(invalid).length > 0) {
      setErrors(invalid);
      return false;
    }
    if (isEdit && Object.keys(body).length === 0) {
      setEditing(null);
      return true;
    }
    setBusy(true);
    try {
      const saved = isEdit ? await api.patch(cfg.updateUrl(editing.id), body) : await api.post(cfg.createUrl, body);
      setEditing(null);
      cfg.onSaved?.(saved);
      return true;
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      // The server's message is for the log; the screen words the code (and says which field).
      const text = err ? t(`errorCode.${err.code ?? ''}`, { defaultValue: t('errorCode.other', { code: err.code ?? err.status }) }) : String(e);
      setErrors({ [err?.field && cfg.fields.some((f) => f.name === err.field) ? err.field : 'form']: text });
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { editing, draft, errors, busy, openCreate, openEdit, change, save, close: () => setEditing(null) };
}
