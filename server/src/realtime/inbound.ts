/** Which hospitals follow each unit on a job, read from the database (the coalescer's start-up state). */
import { eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { calls, transports } from '../db/schema.ts';

/**
 * Unit id → hospitals whose screens get its positions: the destination and, for a transfer, the
 * sending and receiving hospital. Live events keep this current; this only covers a restart.
 */
export async function loadInboundUnits(db: Executor): Promise<Map<number, number[]>> {
  const rows = await db
    .select({ unitId: transports.unitId, hospitalId: transports.hospitalId, source: calls.sourceHospitalId, to: calls.transferToHospitalId })
    .from(transports)
    .innerJoin(calls, eq(calls.id, transports.callId))
    .where(isNull(transports.closedAt));
  return new Map(rows.map((r) => [r.unitId, [r.hospitalId, r.source, r.to].filter((h): h is number => h !== null)]));
}
