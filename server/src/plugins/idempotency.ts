/**
 * Idempotency-Key on writes: a client that retries (timeout, lost answer, double click) gets the first
 * answer again instead of a second call.
 *
 * The key row is inserted inside the command's own transaction (see claimIdempotencyKey, called by
 * inTransaction), so "change committed" and "key taken" are one fact: a concurrent duplicate blocks on
 * the key until the first commits, then replays its answer; if the first rolls back, the key is free
 * again. The answer itself is stored right after the response is rendered. The command's result is
 * stored in the same transaction as its change, so when the process dies between commit and storing
 * the answer, a retry renders the answer from that committed result instead of running the change
 * twice (or answering 409 for the key's whole lifetime).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db, Executor } from '../db/client.ts';
import { idempotencyKeys } from '../db/schema.ts';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyClaim | null;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** statusCode of a key whose change committed and whose answer is not stored (yet). */
const PENDING = 0;
/** How long a duplicate waits for the first request's answer before giving up. */
const WAIT_MS = 5000;
/** After this long without an answer, a committed first attempt is taken to have died before storing it. */
const LOST_ANSWER_MS = 1000;
const KEY_SHAPE = /^[\x21-\x7e]{1,200}$/;

interface IdempotencyClaim {
  /** Scoped to the user: two users may pick the same key without meeting. */
  key: string;
  userId: number;
  route: string;
  requestHash: string;
  claimed: boolean;
  duplicate: boolean;
  /** The first attempt's committed result (encoded), when its answer was lost. */
  committed?: string;
  /** This attempt's committed result (encoded), kept beside the answer. */
  recorded?: string;
}

/** No request_hash column in the table: the hash travels inside the stored response. */
interface StoredResponse {
  requestHash: string;
  body: unknown;
  /** The command's result, written with its change (encoded: Dates survive). */
  committed?: string;
}

const current = new AsyncLocalStorage<IdempotencyClaim>();

/** Take the request's key inside the running transaction; a no-op without a key or when already taken. */
export async function claimIdempotencyKey(tx: Executor): Promise<void> {
  const claim = current.getStore();
  if (!claim || claim.claimed || claim.duplicate) return;
  // Blocks while another transaction holds the same key, then sees its outcome.
  const rows = await tx
    .insert(idempotencyKeys)
    .values({ key: claim.key, userId: claim.userId, route: claim.route, statusCode: PENDING, response: { requestHash: claim.requestHash, body: null } })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (rows.length === 0) {
    claim.duplicate = true;
    throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS', 'a request with this Idempotency-Key is being processed');
  }
  claim.claimed = true;
}

/** The transaction that claimed the key rolled back: the key is free again for a retry of the command. */
export function releaseClaim(): void {
  const claim = current.getStore();
  if (claim && !claim.committed) claim.claimed = false;
}

/**
 * The command's result to store with its change, inside the transaction that took the key: the key and
 * the stored response, or null when this request holds no key. The event log writes it in the statement
 * that appends the events (one round trip); `recordCommittedResult` writes it alone.
 */
export function committedResultRecord(result: unknown): { key: string; response: StoredResponse; pending: number } | null {
  const claim = current.getStore();
  if (!claim?.claimed || claim.duplicate || claim.committed) return null;
  claim.recorded = encodeResult(result);
  return { key: claim.key, response: { requestHash: claim.requestHash, body: null, committed: claim.recorded }, pending: PENDING };
}

/** Store the command's result with its change, for a transaction that logs no event. */
export async function recordCommittedResult(tx: Executor, record: NonNullable<ReturnType<typeof committedResultRecord>>): Promise<void> {
  await tx.update(idempotencyKeys).set({ response: record.response }).where(and(eq(idempotencyKeys.key, record.key), eq(idempotencyKeys.statusCode, PENDING)));
}

/** The result a lost first attempt committed, for the retry to answer with instead of running again. */
export function committedResult<T>(): { found: true; result: T } | { found: false } {
  const claim = current.getStore();
  if (!claim?.committed) return { found: false };
  const encoded = claim.committed;
  // Once: a second command in the same request (there is none today) must not get this result.
  claim.committed = undefined;
  claim.claimed = true;
  return { found: true, result: decodeResult(encoded) as T };
}

/** JSON that keeps Dates (rows carry them) so the presenters render a replayed result exactly. */
function encodeResult(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value, function (this: Record<string, unknown>, key, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: Number.isNaN(raw.getTime()) ? null : raw.toISOString() } : v;
  });
}

function decodeResult(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && '$date' in v) {
      const iso = (v as { $date: string | null }).$date;
      return iso === null ? new Date(NaN) : new Date(iso);
    }
    return v;
  });
}

export function registerIdempotency(app: FastifyInstance, db: Db, ttlHours: number, onReplay: () => void = () => {}): void {
  const ttlMs = ttlHours * 3600_000;
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', (request, reply, done) => {
    const raw = request.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined || request.method === 'GET' || request.method === 'HEAD' || !request.user) return done();
    if (typeof raw !== 'string' || !KEY_SHAPE.test(raw)) {
      return done(new AppError(400, 'VALIDATION', 'Idempotency-Key: 1 to 200 visible ASCII characters', { field: 'Idempotency-Key' }));
    }
    const claim: IdempotencyClaim = {
      key: `${request.user.id}:${raw}`,
      userId: request.user.id,
      route: `${request.method} ${request.routeOptions.url ?? request.url}`,
      requestHash: hashRequest(request.method, request.url, request.body),
      claimed: false,
      duplicate: false,
    };
    lookup(db, claim, ttlMs).then(
      (stored) => {
        if (stored && stored.statusCode === PENDING) {
          // Committed, answer lost: run the handler once more on the committed result.
          claim.committed = (stored.response as StoredResponse).committed;
        } else if (stored) {
          onReplay();
          return void replay(reply, stored);
        }
        request.idempotency = claim;
        // The handler (and the command's transaction) runs inside this context.
        current.run(claim, done);
      },
      (error: unknown) => done(error as Error),
    );
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    if (claim.duplicate) {
      // Lost the race to a twin request: answer what the twin answered (or the 409 if it never does).
      request.idempotency = null;
      const stored = await waitForAnswer(db, claim, ttlMs).catch(() => null);
      if (!stored) return payload;
      onReplay();
      reply.code(stored.statusCode).header('idempotent-replayed', 'true').type('application/json');
      return JSON.stringify((stored.response as StoredResponse).body);
    }
    const status = reply.statusCode;
    // 5xx and 429 say "try again": a retry must run, not replay the failure.
    if (status >= 500 || status === 429 || typeof payload !== 'string') return payload;
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return payload;
    }
    const response: StoredResponse = { requestHash: claim.requestHash, body, ...(claim.recorded !== undefined ? { committed: claim.recorded } : {}) };
    await db
      .insert(idempotencyKeys)
      .values({ key: claim.key, userId: claim.userId, route: claim.route, statusCode: status, response })
      .onConflictDoUpdate({ target: idempotencyKeys.key, set: { statusCode: status, response }, where: eq(idempotencyKeys.statusCode, PENDING) })
      .catch((err: unknown) => request.log.warn({ err }, 'could not store the idempotent answer; a retry will get 409'));
    return payload;
  });
}

type KeyRow = typeof idempotencyKeys.$inferSelect;

/** The stored answer to replay, null to go ahead; throws on reuse with another body. */
async function lookup(db: Db, claim: IdempotencyClaim, ttlMs: number): Promise<KeyRow | null> {
  const row = await readKey(db, claim, ttlMs);
  if (!row) return null;
  if (row.statusCode === PENDING) return waitForAnswer(db, claim, ttlMs);
  return row;
}

async function readKey(db: Db, claim: IdempotencyClaim, ttlMs: number): Promise<KeyRow | null> {
  const [row] = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, claim.key));
  if (!row) return null;
  const cutoff = new Date(Date.now() - ttlMs);
  if (row.createdAt < cutoff) {
    await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.key, claim.key), lt(idempotencyKeys.createdAt, cutoff)));
    return null;
  }
  const stored = row.response as StoredResponse;
  if (stored.requestHash !== claim.requestHash) {
    throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key was already used for a different request', { field: 'Idempotency-Key' });
  }
  return row;
}

async function waitForAnswer(db: Db, claim: IdempotencyClaim, ttlMs: number): Promise<KeyRow> {
  const until = Date.now() + WAIT_MS;
  for (;;) {
    const row = await readKey(db, claim, ttlMs);
    if (row && row.statusCode !== PENDING) return row;
    // The first attempt committed but never stored its answer (it died, or is about to store it): its
    // committed result is enough to answer. A live twin stores the same answer, so there is no race.
    if (row && (row.response as StoredResponse).committed !== undefined && Date.now() > until - WAIT_MS + LOST_ANSWER_MS) return row;
    if (Date.now() > until) {
      throw new AppError(
        409,
        'IDEMPOTENCY_IN_PROGRESS',
        row ? 'the change with this Idempotency-Key was saved but its answer is not available; reload to see it' : 'a request with this Idempotency-Key is still being processed',
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function replay(reply: FastifyReply, row: KeyRow): void {
  reply
    .code(row.statusCode)
    .header('idempotent-replayed', 'true')
    .type('application/json')
    .send(JSON.stringify((row.response as StoredResponse).body));
}

function hashRequest(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

/**
 * Old keys go: a retry comes within minutes, the table must not grow forever. Run by the leader only
 * (app.ts), every `idempotencySweepMs`.
 */
export async function sweepIdempotencyKeys(db: Db, ttlHours: number): Promise<void> {
  await db.delete(idempotencyKeys).where(sql`${idempotencyKeys.createdAt} < ${new Date(Date.now() - ttlHours * 3600_000)}`);
}

export const idempotencySweepMs = (ttlHours: number) => Math.min(ttlHours * 3600_000, 3600_000);
