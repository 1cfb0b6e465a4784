/** A periodic clean-up as a leader job: every `intervalMs` while started; a run still going skips the next. */
import type { LeaderJob } from './leadership.ts';

export function periodic(
  name: string,
  intervalMs: number,
  run: () => Promise<unknown>,
  log: { warn(obj: object, msg: string): void },
): LeaderJob {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  return {
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = run()
          .then(() => undefined, (err: unknown) => log.warn({ err, job: name }, 'periodic job failed'))
          .finally(() => (running = null));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
