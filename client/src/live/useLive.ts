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

export function useEntityVersion(): number {
  return useSyncExternalStore(liveStore.subscribeEntities, liveStore.getEntityVersion, liveStore.getEntityVersion);
}

/**
 * Like useLive, but position frames do not re-render: for everything that shows no unit positions
 * (queues, lists, statuses). Memoise on `entityVersion`; unit objects read here may carry a position
 * up to the last entity change old.
 */
export function useLiveEntities<T>(select: (store: LiveStore) => T): T {
  useEntityVersion();
  return select(liveStore);
}
