/** Change where a unit takes its patient (the hospital declined, or a better one freed up). */
import type { ClinicalClass } from '@dispatch/shared';
import { nextAcceptance, type AcceptanceStatus } from '@dispatch/shared';
import type { Actor } from '../events/log.ts';
import { conflict, fromDomain } from '../errors.ts';
import { toTransport } from '../presenters/entities.ts';
import { createTransportRepo, type TransportRow } from '../repositories/transports.ts';
import { runCommand, type Deps } from './deps.ts';
import { checkDestination } from './destination.ts';
import { lockTransportJob, logTransport, shareWithHospital } from './effects.ts';

export async function rerouteTransport(
  deps: Deps,
  actor: Actor,
  transportId: number,
  input: { hospitalId: number; overrideDiversion: boolean },
): Promise<TransportRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const { call, unit, transport: before } = await lockTransportJob(tx, transportId);
    if (before.closedAt) throw conflict('TRANSPORT_CLOSED', `transport ${transportId} is finished`, toTransport(before));
    if (before.hospitalId === input.hospitalId) return before;
    // Not answered yet: nothing to undo, the new hospital simply gets the question instead.
    if (before.acceptance && before.acceptance !== 'pending') {
      const step = nextAcceptance(before.acceptance as AcceptanceStatus, 'pending');
      if (!step.ok) throw fromDomain(step.error, toTransport(before));
    }
    const destination = await checkDestination(
      tx,
      call.id,
      input.hospitalId,
      { clinicalClass: call.clinicalClass as ClinicalClass, needsBed: call.flags.needsBed === true },
      input.overrideDiversion,
      deps.city.rules,
      now,
    );
    const after = await createTransportRepo(tx).update(transportId, {
      hospitalId: input.hospitalId,
      acceptance: 'pending',
      acceptedAt: null,
      declineReason: null,
      declineNote: null,
      diversionOverride: destination.diversionOverride,
    });
    // The new hospital gets the patient and the unit first, then the transport that names them; the
    // old one hears only the transport leaving it.
    shareWithHospital(log, call, unit);
    logTransport(log, before.hospitalId ? 'transport.rerouted' : 'transport.assigned', before, after);
    return after;
  });
}
