/** `pnpm admin:create` as an operator runs it: a child process against an empty database, the password piped. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../env.ts';
import { Agent, anonymous, createTestDatabase, startTestServer, type TestServer } from '../../test/harness.ts';

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(REPO_ROOT, 'server', 'src', 'admin', 'createAdminCli.ts');

function runCli(databaseUrl: string, args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const loginAs = async (server: TestServer, username: string, password: string) =>
  anonymous(server).request<{ token?: string }>('POST', '/api/auth/login', { username, password }, { 'x-client': 'service' });

describe('pnpm admin:create on a database without the demo', () => {
  let server: TestServer | null = null;
  const sqlClients: postgres.Sql[] = [];
  afterAll(async () => {
    await server?.close();
    for (const c of sqlClients) await c.end();
  });

  it('creates the first admin from a piped password, who then signs in; refuses weak passwords, --password and duplicates', async () => {
    const { url } = await createTestDatabase({ seeded: false });
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    sqlClients.push(sql);

    const weak = await runCli(url, ['chief'], 'password\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/at least 12 characters/);
    const hasName = await runCli(url, ['chief'], 'Chief-on-duty-2026\n');
    expect(hasName.code).toBe(1);
    expect(hasName.stderr).toMatch(/username/);
    // Refused before the database is opened: not even the migrations ran.
    expect((await sql`select to_regclass('public.users') as t`)[0]?.t).toBeNull();

    const onCommandLine = await runCli(url, ['chief', '--password', 'Ambulance-desk-77'], '');
    expect(onCommandLine.code).toBe(2);
    expect(onCommandLine.stderr).toMatch(/--password is not accepted.*command line/);

    const created = await runCli(url, ['chief', '--display-name', '信息科 值班'], 'Ambulance-desk-77\r\nignored second line\n');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/admin chief created/);
    const [logged] = await sql`select actor, actor_role, name from events where entity = 'user'`;
    expect(logged).toEqual({ actor: 'cli', actor_role: 'system', name: 'user.created' });

    server = await startTestServer({ databaseUrl: url });
    const signedIn = await loginAs(server, 'chief', 'Ambulance-desk-77');
    expect(signedIn.status).toBe(200);
    const agent = new Agent(server.url, signedIn.body.token ?? null);
    expect((await agent.get('/api/auth/me')).body).toMatchObject({ username: 'chief', role: 'admin', displayName: '信息科 值班' });
    expect((await agent.get('/api/admin/users')).status).toBe(200);

    const again = await runCli(url, ['chief'], 'Another-desk-88\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists.*--reset/);
    const usersBefore = await sql`select count(*)::int as n from users`;
    const weakReset = await runCli(url, ['chief', '--reset'], 'aaaaaaaaaaaaaaaa\n');
    expect(weakReset.code).toBe(1);
    expect(await sql`select count(*)::int as n from users`).toEqual(usersBefore);
    expect((await loginAs(server, 'chief', 'Ambulance-desk-77')).status).toBe(200);

    const reset = await runCli(url, ['chief', '--reset'], 'Another-desk-88\n');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/new password set, 2 session\(s\) revoked/);
    expect((await loginAs(server, 'chief', 'Ambulance-desk-77')).status).toBe(401);
    expect((await loginAs(server, 'chief', 'Another-desk-88')).status).toBe(200);
    // The old token is revoked in the database; the server's session cache lets it live at most 2 s more.
    await new Promise((r) => setTimeout(r, 2100));
    expect((await agent.get('/api/auth/me')).status).toBe(401);
    const names = (await sql`select name from events where entity = 'user' order by seq`).map((r) => r.name as string);
    expect(names).toEqual(['user.created', 'user.passwordReset']);
  });
});
