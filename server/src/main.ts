/** Start the console: database (PGlite unless DATABASE_URL), demo city, server, simulator. */
import { loadEnv } from './env.ts';
import { openDatabase } from './db/client.ts';
import { buildApp } from './app.ts';
import { DEMO_ACCOUNTS, seedDemoCity } from './demo/seed.ts';
import { startSimulator } from './demo/simulator.ts';

const env = loadEnv();
const seed = env.DEMO || !env.DATABASE_URL;
// Seeded under the migrations' lock: two instances starting together must not both seed an empty city.
const database = await openDatabase({
  url: env.DATABASE_URL,
  dataDir: env.DATA_DIR,
  afterMigrate: seed ? (db) => seedDemoCity(db, new Date(), { simulatorAccounts: true, city: env.DEMO_CITY }) : undefined,
});
const { app, ctx } = await buildApp({ env, database });
const address = await app.listen({ port: env.PORT, host: env.HOST });
const url = `http://localhost:${new URL(address).port}`;

const simulator = env.DEMO ? startSimulator({ baseUrl: `http://127.0.0.1:${new URL(address).port}`, env, log: app.log, phones: env.DEMO_PHONES === 'on' }) : null;
if (simulator) ctx.demo = simulator;

app.log.info(`120 dispatch console on ${url} (database: ${database.kind}${database.kind === 'pglite' ? ` in ${env.DATA_DIR}` : ''}; demo simulator ${simulator ? 'on' : 'off'})`);
process.stdout.write(
  `\n  120 dispatch console: ${url}\n  API docs: ${url}/docs\n  Demo accounts (change them before real use):\n` +
    DEMO_ACCOUNTS.map((a) => `    ${a.role.padEnd(10)} ${a.username.padEnd(12)} ${a.password}`).join('\n') +
    '\n\n',
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down: no new work, finishing what is in flight');
  // In-flight requests get a grace period; a stuck one must not keep a dead instance in the pool.
  const force = setTimeout(() => {
    app.log.error('shutdown took too long; exiting anyway');
    process.exit(1);
  }, env.SHUTDOWN_GRACE_MS);
  force.unref();
  try {
    await simulator?.stop();
    // Refuses new requests (503), waits for those in flight, tells consoles `server:shutdown`.
    await app.close();
    await database.close();
  } catch (err) {
    app.log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
  app.log.info('shut down cleanly');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
