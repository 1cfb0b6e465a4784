/**
 * `pnpm admin:create <username> [--reset] [--display-name <name>]`: the first admin of a database that
 * has no demo seed (DATABASE_URL, or the embedded database in DATA_DIR). The password never comes from
 * the command line: arguments are visible to every user of the machine (ps, /proc) and stay in the shell
 * history. It is typed without echo at a terminal, or read as the first line of a pipe.
 * The account is made by the same commands as the admin API, so it is logged with the actor `cli`.
 * Exit codes: 0 done, 1 refused (weak password, existing account without --reset), 2 usage.
 */
import { parseArgs } from 'node:util';
import { ReadStream } from 'node:tty';
import { CreateUserBody, NO_CITY, passwordProblem, passwordProblemMessage } from '@dispatch/shared';
import { loadEnv } from '../env.ts';
import { openDatabase } from '../db/client.ts';
import { createSessionStore } from '../auth/sessions.ts';
import type { Deps } from '../commands/deps.ts';
import { createUser } from '../commands/admin/createUser.ts';
import { updateUser } from '../commands/admin/updateUser.ts';
import type { Actor } from '../events/log.ts';
import { createUserRepo } from '../repositories/users.ts';
import { createEstimator } from '../travel/estimators.ts';
import { readFirstLine, readHidden } from './readPassword.ts';

const CLI_ACTOR: Actor = { id: null, name: 'cli', role: 'system', hospitalId: null };
const USAGE = 'usage: pnpm admin:create <username> [--reset] [--display-name <name>]   (password from the terminal or standard input)';

class Refused extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

function parse(argv: string[]) {
  if (argv.some((a) => a === '--password' || a.startsWith('--password=') || a === '-p')) {
    throw new Refused(
      'refused: --password is not accepted. A password on the command line is visible to every user of this machine (ps) and stays in the shell history; type it when asked, or pipe it: printf "%s\\n" "$PW" | pnpm admin:create <username>',
      2,
    );
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { reset: { type: 'boolean' }, 'display-name': { type: 'string' } } });
  } catch (error) {
    throw new Refused(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const [username, ...extra] = parsed.positionals;
  if (!username || extra.length > 0) throw new Refused(USAGE, 2);
  return { username: username.trim(), reset: parsed.values.reset === true, displayName: parsed.values['display-name'] };
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY && process.stdin instanceof ReadStream) {
    const first = await readHidden(process.stdin, 'new password: ', process.stderr);
    const again = await readHidden(process.stdin, 'again: ', process.stderr);
    if (first !== again) throw new Refused('refused: the two passwords differ');
    return first;
  }
  return readFirstLine(process.stdin);
}

async function main(argv: string[]): Promise<string> {
  const args = parse(argv);
  const password = await readPassword();
  // Checked before the database is opened: a refused password writes nothing.
  const problem = passwordProblem(password, args.username);
  if (problem) throw new Refused(`refused: ${passwordProblemMessage(problem)}`);
  const body = CreateUserBody.safeParse({ username: args.username, displayName: args.displayName ?? args.username, password, role: 'admin' });
  if (!body.success) throw new Refused(`refused: ${body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);

  const env = loadEnv();
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    // No realtime hub in this process: the events are in the log, and consoles hear of them on their next resync.
    const deps: Deps = { db: database.db, clock: () => new Date(), estimator: createEstimator(env), city: NO_CITY, publish: () => {} };
    const existing = await createUserRepo(database.db).getByUsername(body.data.username);
    if (!existing) {
      const row = await createUser(deps, CLI_ACTOR, body.data);
      return `admin ${row.username} created (id ${row.id}, ${database.kind})`;
    }
    if (!args.reset) throw new Refused(`refused: user ${existing.username} already exists; --reset sets a new password and ends its sessions`);
    if (existing.role !== 'admin') throw new Refused(`refused: ${existing.username} is a ${existing.role} account, not an admin; change it in the admin screen`);
    const sessions = createSessionStore(database.db, env.SESSION_TTL_HOURS, deps.clock);
    let revoked = 0;
    await updateUser(
      deps,
      // Revoked in the database inside the command; servers drop their cached copy within seconds.
      { revokeAll: async (userId, tx) => (revoked = await sessions.revokeUser(userId, tx)), endAll: () => {} },
      CLI_ACTOR,
      existing.id,
      { password, disabled: false },
    );
    return `admin ${existing.username}: new password set, ${revoked} session(s) revoked`;
  } finally {
    await database.close();
  }
}

try {
  process.stdout.write(`${await main(process.argv.slice(2))}\n`);
} catch (error) {
  if (error instanceof Refused) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`admin:create failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
