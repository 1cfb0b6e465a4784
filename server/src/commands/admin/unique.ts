/** Checks the admin commands share: username, call sign, hospital code unique; a named station exists. */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { AppError, invalid } from '../../errors.ts';
import { hospitals, stations, units } from '../../db/schema.ts';
import type { HospitalRow } from '../../repositories/hospitals.ts';
import type { UnitRow } from '../../repositories/units.ts';

export async function findUnitByCallSign(tx: Tx, callSign: string): Promise<UnitRow | undefined> {
  const [row] = await tx.select().from(units).where(eq(units.callSign, callSign));
  return row;
}

export async function findHospitalByCode(tx: Tx, code: string): Promise<HospitalRow | undefined> {
  const [row] = await tx.select().from(hospitals).where(eq(hospitals.code, code));
  return row;
}

/** A unique index said no (username, call sign, hospital code): 409 naming the field. */
export function duplicateAsConflict(error: unknown, field: string, value: string): unknown {
  const e = error as { code?: string; cause?: { code?: string } };
  if (e.code === '23505' || e.cause?.code === '23505') return new AppError(409, 'DUPLICATE', `${field}: ${value} is already taken`, { field });
  return error;
}

export function duplicate(field: string, value: string, current: unknown): AppError {
  return new AppError(409, 'DUPLICATE', `${field}: ${value} is already taken`, { field, current });
}

/** A hospital or unit may name only a station that exists: 400 on `stationId` otherwise. */
export async function assertStationExists(tx: Tx, stationId: number): Promise<void> {
  const [row] = await tx.select({ id: stations.id }).from(stations).where(eq(stations.id, stationId));
  if (!row) throw invalid('stationId', `station ${stationId} does not exist`);
}
