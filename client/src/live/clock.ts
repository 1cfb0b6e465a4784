/**
 * One server-aligned clock for every timer on screen: a single interval, and only the components
 * that show a counting time re-render each second, not the panels around them.
 */
import { useSyncExternalStore } from 'react';
import { liveStore } from './store.ts';

const TICK_MS = 1000;
const listeners = new Set<() => void>();
let now = liveStore.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = liveStore.now();
    timer = setInterval(() => {
      now = liveStore.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

// Before the first subscriber (and between screens) the clock is not ticking: catch up on read,
// in whole ticks, so two reads in one render agree.
const read = () => {
  if (!timer) {
    const t = liveStore.now();
    if (t - now >= TICK_MS || t < now) now = t;
  }
  return now;
};

/** Server-aligned now, re-rendering once a second; `fixed` pins it (tests, printouts). */
export function useClock(fixed?: number): number {
  const ticking = useSyncExternalStore(subscribe, read, read);
  return fixed ?? ticking;
}

/**
 * Server-aligned now in whole steps of `stepMs` (floored): re-renders once a step, not once a second, for a
 * view that only needs to follow slow changes (the queue's ageing) without re-rendering its whole page.
 */
export function useClockEvery(stepMs: number, fixed?: number): number {
  const step = () => Math.floor(read() / stepMs) * stepMs;
  const ticking = useSyncExternalStore(subscribe, step, step);
  return fixed ?? ticking;
}
