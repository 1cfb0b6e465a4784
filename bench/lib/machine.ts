/**
 * How busy the whole machine was during a measurement (from /proc/stat), so figures taken while
 * other work shared the two cores can be told apart from the system's own limits.
 */
import fs from 'node:fs';
import os from 'node:os';

export interface CpuMark {
  busy: number;
  total: number;
}

export function cpuMark(): CpuMark | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [, user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    const busy = user! + nice! + system! + irq! + softirq! + (steal ?? 0);
    return { busy, total: busy + idle! + iowait! };
  } catch {
    return null;
  }
}

/** Cores busy (whole machine, every process) between two marks. */
export function busyCores(a: CpuMark | null, b: CpuMark | null): number | null {
  if (!a || !b || b.total === a.total) return null;
  return ((b.busy - a.busy) / (b.total - a.total)) * os.cpus().length;
}

export const loadAverage = () => Math.round(os.loadavg()[0]! * 100) / 100;

/** Whether a process still runs (a leftover of an earlier, killed run is cleaned up only when its owner is gone). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
