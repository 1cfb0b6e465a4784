/** Accounts: create, change role or hospital, disable, reset the password, log out everywhere. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateUserBody, ROLES, UpdateUserBody, type UserAccount } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { useSession } from '../../app/session.ts';
import { useLive } from '../../live/useLive.ts';
import { EntityForm } from './EntityForm.tsx';
import type { Draft, FieldSpec } from './forms.ts';
import { useAdminUsers } from './useAdminUsers.ts';
import { useEditor } from './useEditor.ts';

export function UsersPanel() {
  const { t } = useTranslation('admin');
  const { t: tc, i18n } = useTranslation();
  const session = useSession();
  const me = session.status === 'user' ? session.user.id : null;
  const { users, error, reload } = useAdminUsers();
  const hospitals = useLive((s) => s.state.hospitals);
  const hospitalIds = useMemo(() => [...hospitals.keys()].sort((a, b) => a - b), [hospitals.size]);
  const hospitalName = (id: number | null) => {
    const h = id === null ? undefined : hospitals.get(id);
    return id === null ? t('none') : h ? (i18n.language === 'en' ? h.nameEn : h.name) : `#${id}`;
  };
  const [message, setMessage] = useState<string | null>(null);

  const fields: FieldSpec[] = useMemo(
    () => [
      { name: 'username', kind: 'text' },
      { name: 'displayName', kind: 'text' },
      { name: 'password', kind: 'password', optionalOnEdit: true },
      { name: 'role', kind: 'select', options: ROLES },
      { name: 'hospitalId', kind: 'select', options: hospitalIds, nullable: true },
      { name: 'disabled', kind: 'checkbox' },
    ],
    [hospitalIds],
  );
  const editor = useEditor({
    fields,
    createSchema: CreateUserBody,
    updateSchema: UpdateUserBody,
    createUrl: '/api/admin/users',
    updateUrl: (id) => `/api/admin/users/${id}`,
    // Only a nurse is bound to a hospital.
    normalise: (d: Draft) => (d.role === 'nurse' ? d : { ...d, hospitalId: '' }),
    check: (d: Draft): Record<string, string> => (d.role === 'nurse' && d.hospitalId === '' ? { hospitalId: t('nurseNeedsHospital') } : {}),
    onSaved: (saved) => {
      setMessage(t('saved', { name: (saved as UserAccount).username }));
      void reload();
    },
  });
  const editing = editor.editing;
  const shown = editing?.mode === 'edit' ? fields.filter((f) => f.name !== 'username') : fields.filter((f) => f.name !== 'disabled');

  async function logoutEverywhere(u: UserAccount) {
    try {
      const res = await api.delete<{ revoked: number }>(`/api/admin/users/${u.id}/sessions`);
      setMessage(t('loggedOut', { name: u.username, count: res.revoked }));
      void reload();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <section className="admin-panel" aria-labelledby="users-title">
      <header className="admin-panel__head">
        <h2 id="users-title">{t('tabs.users')}</h2>
        <button type="button" className="btn btn--primary" onClick={() => editor.openCreate()}>
          {t('actions.newUser')}
        </button>
      </header>
      {message && (
        <p className="admin-notice" role="status">
          {message}
        </p>
      )}
      {error && <p className="form-error">{error}</p>}
      {editing && (
        <EntityForm
          id="user-form"
          title={editing.mode === 'create' ? t('actions.newUser') : t('editing', { name: users?.find((u) => u.id === editing.id)?.username ?? '' })}
          fields={shown}
          draft={editor.draft}
          errors={editor.errors}
          onChange={editor.change}
          onSubmit={() => void editor.save()}
          onCancel={editor.close}
          busy={editor.busy}
          submitLabel={editing.mode === 'create' ? t('actions.create') : t('actions.save')}
          optionLabel={(f, v) => (f.name === 'role' ? tc(`role.${v}`) : hospitalName(Number(v)))}
          disabled={(f) => f.name === 'hospitalId' && editor.draft.role !== 'nurse'}
          label={(f) => (f.name === 'password' && editing.mode === 'edit' ? t('fields.newPassword') : undefined)}
        >
          {editing.mode === 'edit' && <p className="hint">{t('sessionsEndHint')}</p>}
        </EntityForm>
      )}
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('fields.username')}</th>
            <th scope="col">{t('fields.displayName')}</th>
            <th scope="col">{t('fields.role')}</th>
            <th scope="col">{t('fields.hospitalId')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('sessions')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('actionsColumn')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(users ?? []).map((u) => (
            <tr key={u.id} data-testid={`user-${u.username}`} className={u.disabled ? 'admin-row--disabled' : undefined}>
              <td translate="no">{u.username}</td>
              <td>{u.displayName}</td>
              <td>{tc(`role.${u.role}`)}</td>
              <td>{u.role === 'nurse' ? hospitalName(u.hospitalId) : ''}</td>
              <td>{u.disabled ? t('disabled') : t('active')}</td>
              <td>{u.activeSessions}</td>
              <td>
                <div className="admin-table__actions">
                  <button type="button" className="btn" aria-label={t('actions.editNamed', { name: u.username })} onClick={() => editor.openEdit(u.id, u)}>
                    {t('actions.edit')}
                  </button>
                  <button
                    type="button"
                    className="btn"
                    disabled={u.activeSessions === 0 || u.id === me}
                    aria-label={t('actions.logoutEverywhereNamed', { name: u.username })}
                    onClick={() => void logoutEverywhere(u)}
                  >
                    {t('actions.logoutEverywhere')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
