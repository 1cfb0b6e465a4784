/** Read the live state in React; re-renders when it changes (at most once per frame). */
import { useSyncExternalStore } from 'react';
import { liveStore, type LiveStore } from './store.ts';

export function useLiveVersion(): number {
  return useSyncExternalStore(liveStore.subscribe, liveStore.getVersion, liveStore.getVersion);
}

/** Select from the store; the selector runs on every change, so keep it cheap or memoise on the version. */
export function useLive<T>(select: (store: LiveStore) => T): T {
  useLiveVersion();
  return select(liveStore);
}
