/** One form for every admin entity: fields from a spec, labels from the admin namespace, errors under each field. */
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft, FieldSpec } from './forms.ts';

export const fieldKey = (name: string) => name.replace(/\./g, '_');

interface Props {
  id: string;
  title: string;
  fields: readonly FieldSpec[];
  draft: Draft;
  errors: Record<string, string>;
  onChange(name: string, value: string | boolean): void;
  onSubmit(): void;
  onCancel(): void;
  busy: boolean;
  submitLabel: string;
  optionLabel(field: FieldSpec, value: string | number): string;
  disabled?: (field: FieldSpec) => boolean;
  /** Label override (e.g. "new password" when editing). */
  label?: (field: FieldSpec) => string | undefined;
  children?: ReactNode;
}

export function EntityForm(p: Props) {
  const { t } = useTranslation('admin');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    p.onSubmit();
  };
  return (
    <form className="admin-form" aria-labelledby={`${p.id}-title`} onSubmit={submit} noValidate>
      <h3 id={`${p.id}-title`}>{p.title}</h3>
      <div className="admin-form__grid">
        {p.fields.map((f) => {
          const inputId = `${p.id}-${fieldKey(f.name)}`;
          const error = p.errors[f.name];
          const label = p.label?.(f) ?? t(`fields.${fieldKey(f.name)}`);
          const common = {
            id: inputId,
            disabled: p.busy || (p.disabled?.(f) ?? false),
            'aria-invalid': error ? true : undefined,
            'aria-describedby': error ? `${inputId}-error` : undefined,
          };
          const value = p.draft[f.name];
          return (
            <div className={f.kind === 'checkbox' ? 'admin-field admin-field--check' : 'admin-field'} key={f.name}>
              <label htmlFor={inputId}>{label}</label>
              {f.kind === 'checkbox' ? (
                <input {...common} type="checkbox" checked={value === true} onChange={(e) => p.onChange(f.name, e.target.checked)} />
              ) : f.kind === 'select' ? (
                <select {...common} value={String(value ?? '')} onChange={(e) => p.onChange(f.name, e.target.value)}>
                  {f.nullable && <option value="">{t('none')}</option>}
                  {f.options?.map((o) => (
                    <option key={o} value={String(o)}>
                      {p.optionLabel(f, o)}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...common}
                  type={f.kind === 'password' ? 'password' : 'text'}
                  inputMode={f.kind === 'number' ? 'decimal' : undefined}
                  autoComplete={f.kind === 'password' ? 'new-password' : 'off'}
                  value={String(value ?? '')}
                  onChange={(e) => p.onChange(f.name, e.target.value)}
                />
              )}
              {error && (
                <span className="admin-field__error" id={`${inputId}-error`} role="alert">
                  {error}
                </span>
              )}
            </div>
          );
        })}
      </div>
      {p.errors.form && (
        <p className="form-error" role="alert">
          {p.errors.form}
        </p>
      )}
      {p.children}
      <div className="admin-form__actions">
        <button type="submit" className="btn btn--primary" disabled={p.busy}>
          {p.submitLabel}
        </button>
        <button type="button" className="btn" onClick={p.onCancel} disabled={p.busy}>
          {t('actions.cancel')}
        </button>
      </div>
    </form>
  );
}
