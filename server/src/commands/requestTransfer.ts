/** A hospital sends a deteriorating patient to the designated hospital: a transfer call for dispatch. */
import type { z } from 'zod';
import type { TransferBody } from '@dispatch/shared';
import { eq } from 'drizzle-orm';
import type { Actor } from '../events/log.ts';
import { conflict } from '../errors.ts';
import { hospitals } from '../db/schema.ts';
import { createCallRepo, type CallRow } from '../repositories/calls.ts';
import { runCommand, type Deps } from './deps.ts';
import { advanceCall, getHospital, logCall } from './effects.ts';

export async function requestTransfer(
  deps: Deps,
  actor: Actor,
  fromHospitalId: number,
  input: z.infer<typeof TransferBody>,
): Promise<CallRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const from = await getHospital(tx, fromHospitalId);
    let toId = input.toHospitalId;
    if (toId === undefined) {
      const [designated] = await tx.select({ id: hospitals.id }).from(hospitals).where(eq(hospitals.kind, 'designated'));
      if (!designated) throw conflict('NO_DESIGNATED_HOSPITAL', 'the city has no designated hospital configured', null);
      toId = designated.id;
    }
    if (toId === fromHospitalId) throw conflict('SAME_HOSPITAL', 'a transfer must go to another hospital', null);
    await getHospital(tx, toId);
    const created = await createCallRepo(tx).insert({
      kind: 'transfer',
      status: 'received',
      receivedAt: now,
      statusSince: now,
      callerPhone: `ED ${from.code}`,
      address: from.name,
      lon: from.lon,
      lat: from.lat,
      complaint: input.complaint,
      clinicalClass: input.clinicalClass,
      age: input.age,
      riskTier: input.riskTier,
      flags: input.flags,
      notes: input.notes,
      sourceHospitalId: fromHospitalId,
      transferToHospitalId: toId,
    });
    logCall(log, 'call.created', null, created);
    return advanceCall(tx, log, created, 'awaiting_unit', now);
  });
}
