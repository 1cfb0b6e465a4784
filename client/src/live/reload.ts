/**
 * A console told by the server that it speaks an old protocol loads the page again, at most once a minute:
 * if the reloaded page is still old (a stale cache, a server rolled back), it must not spin in a loop.
 */

const KEY = 'dispatch:reloadedForVersionAt';

/** The shortest time between two reloads for a new version. */
export const RELOAD_MIN_INTERVAL_MS = 60_000;

/** How long the "new version" banner stays up before the reload, so it can be read. */
export const RELOAD_DELAY_MS = 1500;

export interface ReloadEnv {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  now: () => number;
  reload: () => void;
  setTimeout: (fn: () => void, ms: number) => unknown;
}

const browser = (): ReloadEnv => ({
  storage: sessionStorage,
  now: Date.now,
  reload: () => window.location.reload(),
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
});

/** Schedule a reload unless one happened within the last minute; returns whether it will reload. */
export function reloadForNewVersion(env: ReloadEnv = browser()): boolean {
  const now = env.now();
  let last = Number.NaN;
  try {
    last = Number(env.storage.getItem(KEY));
  } catch {
    // Storage may be unavailable (privacy settings); then we reload once per page at most.
  }
  if (Number.isFinite(last) && last > 0 && now - last < RELOAD_MIN_INTERVAL_MS) return false;
  try {
    env.storage.setItem(KEY, String(now));
  } catch {
    /* see above */
  }
  env.setTimeout(env.reload, RELOAD_DELAY_MS);
  return true;
}
