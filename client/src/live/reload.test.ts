import { describe, expect, it } from 'vitest';
import { RELOAD_DELAY_MS, RELOAD_MIN_INTERVAL_MS, reloadForNewVersion, type ReloadEnv } from './reload.ts';

function fakeEnv(start: number) {
  const stored = new Map<string, string>();
  const env = {
    clock: start,
    reloads: 0,
    timers: [] as { fn: () => void; ms: number }[],
  };
  const api: ReloadEnv = {
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v) },
    now: () => env.clock,
    reload: () => env.reloads++,
    setTimeout: (fn, ms) => env.timers.push({ fn, ms }),
  };
  const runTimers = () => env.timers.splice(0).forEach((t) => t.fn());
  return { env, api, runTimers };
}

describe('reload for a new protocol version', () => {
  it('reloads after the banner had time to be read, and at most once a minute', () => {
    const { env, api, runTimers } = fakeEnv(1_000_000);
    expect(reloadForNewVersion(api)).toBe(true);
    expect(env.timers[0]?.ms).toBe(RELOAD_DELAY_MS);
    runTimers();
    expect(env.reloads).toBe(1);
    // The reloaded page is still old and hears 'reload' again: no loop.
    env.clock += 5_000;
    expect(reloadForNewVersion(api)).toBe(false);
    runTimers();
    expect(env.reloads).toBe(1);
    env.clock += RELOAD_MIN_INTERVAL_MS;
    expect(reloadForNewVersion(api)).toBe(true);
    runTimers();
    expect(env.reloads).toBe(2);
  });
});
