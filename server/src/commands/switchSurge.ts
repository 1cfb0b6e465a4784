/**
 * The command group switches the demo's surge (callers at the surge plan's rate) on or off. The switch is a
 * logged change like any other: every console hears it at once, and the audit log names who threw it.
 */
import type { DemoState } from '@dispatch/shared';
import type { Actor } from '../events/log.ts';
import { runCommand, type Deps } from './deps.ts';

/** Settings have no numeric id of their own; the log names the demo's switches row 2 (the thresholds are 1). */
export const DEMO_ENTITY_ID = 2;

export interface DemoSwitch {
  get(): DemoState | null;
  setSurge(on: boolean): void;
}

export async function switchSurge(deps: Deps, actor: Actor, demo: DemoSwitch, on: boolean): Promise<DemoState | null> {
  const before = demo.get();
  if (before?.surge === on) return before;
  const after: DemoState = { ...before, surge: on };
  await runCommand(deps, actor, async (_tx, log) => {
    log.add({ name: 'demo.surgeChanged', entity: 'settings', entityId: DEMO_ENTITY_ID, before, after });
  });
  // The simulator follows once the change is on record, so a failed write leaves it as it was.
  demo.setSurge(on);
  return demo.get();
}
