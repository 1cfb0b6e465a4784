/** Accounts from the admin API, reloaded when the log says one changed (from this screen or another). */
import { useCallback, useEffect, useState } from 'react';
import type { UserAccount } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { liveStore } from '../../live/store.ts';

export function useAdminUsers() {
  const [users, setUsers] = useState<UserAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setUsers(await api.get<UserAccount[]>('/api/admin/users'));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    void reload();
    const off = liveStore.onEvent((e) => {
      if (e.entity === 'user') void reload();
    });
    // Logins are not logged changes: the session counts catch up on a slow poll.
    const timer = setInterval(() => void reload(), 15_000);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [reload]);
  return { users, error, reload };
}
