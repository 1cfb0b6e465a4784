/** Leadership on a real PostgreSQL: one leader at a time, jobs follow it, a released lock is taken over. */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, waitFor } from '../../test/harness.ts';
import { createLeadership, type Leadership } from './leadership.ts';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

function recordingJob() {
  const calls: string[] = [];
  return { calls, job: { start: () => void calls.push('start'), stop: async () => void calls.push('stop') } };
}

describe('leadership', () => {
  const made: Leadership[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((l) => l.stop()));
  });

  it('without a PostgreSQL URL (PGlite) the one process leads and runs its jobs until stopped', async () => {
    const l = createLeadership({ log: quiet });
    const { calls, job } = recordingJob();
    l.whileLeader('job', job);
    const changes: boolean[] = [];
    l.onChange((leader) => changes.push(leader));
    await l.start();
    expect(l.isLeader()).toBe(true);
    expect(l.leaderSince()).toBeInstanceOf(Date);
    await l.stop();
    expect(l.isLeader()).toBe(false);
    expect(calls).toEqual(['start', 'stop']);
    expect(changes).toEqual([true, false]);
  });

  it('on PostgreSQL: the first leads, the second follows, and takes over within about a retry when the first stops', async () => {
    const { url } = await createTestDatabase({ seeded: false });
    const first = createLeadership({ url, log: quiet, retryMs: 200 });
    const second = createLeadership({ url, log: quiet, retryMs: 200 });
    made.push(first, second);
    const a = recordingJob();
    const b = recordingJob();
    first.whileLeader('job', a.job);
    second.whileLeader('job', b.job);
    await first.start();
    await second.start();
    expect([first.isLeader(), second.isLeader()]).toEqual([true, false]);
    await new Promise((r) => setTimeout(r, 600));
    expect(second.isLeader()).toBe(false);
    expect(b.calls).toEqual([]);

    await first.stop();
    expect(a.calls).toEqual(['start', 'stop']);
    const stoppedAt = Date.now();
    await waitFor(() => second.isLeader(), 2000, 'the second to lead');
    expect(Date.now() - stoppedAt).toBeLessThan(1000);
    expect(b.calls).toEqual(['start']);
    // A job added while leading starts at once.
    const late = recordingJob();
    second.whileLeader('late', late.job);
    expect(late.calls).toEqual(['start']);
  });
});
