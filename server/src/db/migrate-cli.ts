/**
 * `pnpm db:migrate`: apply the committed migrations to DATABASE_URL (or the embedded database) and exit.
 * Same path as start-up (openDatabase), so it queues on the same advisory lock as instances starting.
 */
import { loadEnv } from '../env.ts';
import { openDatabase } from './client.ts';

const env = loadEnv();
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
process.stdout.write(`migrations applied (${database.kind}${database.kind === 'pglite' ? ` in ${env.DATA_DIR}` : ''})\n`);
await database.close();
