/** Who is logged in: asked of the server at start, set by the login form, cleared on logout or 401. */
import { useSyncExternalStore } from 'react';
import type { SessionUser } from '@dispatch/shared';
import { api, ApiError } from '../api/http.ts';
import { connectLive, disconnectLive } from '../live/connection.ts';

type SessionState = { status: 'loading' } | { status: 'anonymous' } | { status: 'user'; user: SessionUser };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();
const set = (next: SessionState) => {
  state = next;
  listeners.forEach((l) => l());
};

export function useSession(): SessionState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

export async function loadSession(): Promise<void> {
  try {
    const user = await api.get<SessionUser>('/api/auth/me');
    set({ status: 'user', user });
    connectLive();
  } catch {
    set({ status: 'anonymous' });
  }
}

export async function login(username: string, password: string): Promise<SessionUser> {
  const { user } = await api.post<{ user: SessionUser }>('/api/auth/login', { username, password });
  set({ status: 'user', user });
  connectLive();
  return user;
}

export async function logout(): Promise<void> {
  try {
    await api.post('/api/auth/logout');
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
  disconnectLive();
  set({ status: 'anonymous' });
}

if (typeof window !== 'undefined') {
  window.addEventListener('dispatch:unauthenticated', () => {
    disconnectLive();
    set({ status: 'anonymous' });
  });
}
