import { describe, expect, it } from 'vitest';
import { HealthMonitor, readinessProblem, type HealthState } from './health.ts';

const quietLog = { warn: () => {}, info: () => {} };

describe('HealthMonitor', () => {
  const setup = () => {
    const health: HealthState = { degraded: false, reason: null };
    let up = true;
    const flips: boolean[] = [];
    const monitor = new HealthMonitor({ health, ping: async () => up, intervalMs: 1000, onChange: (d) => flips.push(d), log: quietLog });
    return { health, flips, monitor, setUp: (v: boolean) => (up = v) };
  };

  it('tells the consoles once per change, not on every ping', async () => {
    const { health, flips, monitor, setUp } = setup();
    await monitor.check();
    setUp(false);
    await monitor.check();
    expect(health.degraded).toBe(false); // one slow ping is a busy pool, not an outage
    await monitor.check();
    await monitor.check();
    expect(health).toEqual({ degraded: true, reason: 'database not answering' });
    setUp(true);
    await monitor.check();
    await monitor.check();
    expect(health.degraded).toBe(false);
    expect(flips).toEqual([true, false]);
  });

  it('degrades at once when a request saw the database fail, and the next good ping clears it', async () => {
    const { health, flips, monitor } = setup();
    monitor.markDown();
    expect(health.degraded).toBe(true);
    await monitor.check();
    expect(flips).toEqual([true, false]);
  });
});

describe('readinessProblem', () => {
  it('is null when every check passes, and names the failing or hanging one otherwise', async () => {
    const warned: object[] = [];
    const log = { warn: (obj: object) => warned.push(obj) };
    expect(await readinessProblem({ a: async () => 1, b: async () => 2 }, 100, log)).toBeNull();
    expect(await readinessProblem({ a: async () => 1, snapshot: () => Promise.reject(new RangeError('Invalid time value')) }, 100, log)).toBe('snapshot failed');
    expect(await readinessProblem({ stats: () => new Promise(() => {}) }, 50, log)).toBe('stats failed');
    expect(warned).toHaveLength(2);
  });
});
