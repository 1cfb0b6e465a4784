/** Bench processes: a TypeScript file forked under tsx, with request/answer messages over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface BenchChild<Ready> {
  proc: ChildProcess;
  ready: Ready;
  ask<T>(type: string, payload?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  stop(timeoutMs?: number): Promise<void>;
}

let nextId = 1;

/** Fork `file` (relative to bench/) with tsx; resolves once it sends { type: 'ready', ... }. */
export async function forkBench<Ready>(file: string, env: Record<string, string> = {}, readyTimeoutMs = 60_000): Promise<BenchChild<Ready>> {
  const proc = fork(path.resolve(import.meta.dirname, '..', file), [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} not ready after ${readyTimeoutMs} ms`)), readyTimeoutMs);
    proc.on('message', (msg: { type?: string; id?: number; value?: unknown; error?: string }) => {
      if (msg.type === 'ready') {
        clearTimeout(timer);
        resolve(msg as Ready);
      } else if (msg.id !== undefined) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(msg.error));
        else p?.resolve(msg.value);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with ${code} before it was ready`));
      for (const p of pending.values()) p.reject(new Error(`${file} exited`));
    });
  });
  return {
    proc,
    ready,
    ask<T>(type: string, payload: Record<string, unknown> = {}, timeoutMs = 120_000) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${file}: no answer to ${type} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        proc.send({ id, type, ...payload });
      });
    },
    async stop(timeoutMs = 8000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      if (proc.connected) proc.send({ type: 'stop' });
      const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface ServerReady {
  url: string;
  pid: number;
}
