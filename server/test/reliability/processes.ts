/** Real server processes and a private PostgreSQL cluster for the failure tests (kill, stop, restart). */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/env.ts';

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<number | string>;
}

/** What production runs: the compiled server (pnpm build), no TypeScript loader. */
export const BUILT_SERVER = ['--conditions=production', 'server/dist/main.js'];

/**
 * `node --import tsx server/src/main.ts` on 127.0.0.1 (or, with `args: BUILT_SERVER`, the build);
 * resolves once it prints its address.
 */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 20_000, args = ['--import', 'tsx', 'server/src/main.ts']): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO: 'off',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_WRITES_PER_MIN: '1000000',
      RATE_LIMIT_LOGIN_PER_MIN: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const started = Date.now();
  for (;;) {
    const m = /120 dispatch console: http:\/\/localhost:(\d+)/.exec(out);
    if (m) {
      const port = Number(m[1]);
      return { url: `http://127.0.0.1:${port}`, port, child, output: () => out, exited };
    }
    if (child.exitCode !== null || Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`server process did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * A PostgreSQL cluster of our own, so a test can stop "the database" without touching the shared one
 * other test files use. Runs as the postgres user when we are root (initdb refuses root).
 */
export class PrivateCluster {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
  ) {}

  static async create(): Promise<PrivateCluster> {
    const versions = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    const bin = `/usr/lib/postgresql/${versions[0]}/bin`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dispatch-pg-'));
    if (process.getuid?.() === 0) spawnSync('chown', ['postgres:postgres', dir]);
    const cluster = new PrivateCluster(dir, await freePort(), bin);
    cluster.run('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    cluster.start();
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): void {
    this.run('pg_ctl', [
      '-D', this.dir, '-w', '-l', path.join(this.dir, 'log.txt'),
      '-o', `-p ${this.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  }

  /** Like a crash or a pulled cable: no goodbye to the clients. */
  stopNow(): void {
    this.run('pg_ctl', ['-D', this.dir, '-m', 'immediate', 'stop']);
  }

  destroy(): void {
    spawnSync(...this.command('pg_ctl', ['-D', this.dir, '-m', 'immediate', 'stop']));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private command(tool: string, args: string[]): [string, string[]] {
    const exe = path.join(this.bin, tool);
    return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  }

  private run(tool: string, args: string[]): void {
    const [cmd, argv] = this.command(tool, args);
    const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr || r.stdout}`);
  }
}
