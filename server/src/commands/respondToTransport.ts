/** The ED charge nurse accepts or declines an inbound patient. */
import { nextAcceptance, type AcceptanceStatus, type DeclineReason } from '@dispatch/shared';
import type { Actor } from '../events/log.ts';
import { conflict, fromDomain } from '../errors.ts';
import { toTransport } from '../presenters/entities.ts';
import { createTransportRepo, type TransportRow } from '../repositories/transports.ts';
import { runCommand, type Deps } from './deps.ts';
import { lockTransport, logTransport, requireActsFor } from './effects.ts';

export type Response = { kind: 'accept' } | { kind: 'decline'; reason: DeclineReason; note: string };

export async function respondToTransport(deps: Deps, actor: Actor, transportId: number, response: Response): Promise<TransportRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    // One row: nothing else to lock. The nurse's hospital is checked against the locked row, so a
    // re-route committed a moment earlier turns her accept into a refusal, not an acceptance for B.
    const before = await lockTransport(tx, transportId);
    requireActsFor(actor, before);
    if (!before.acceptance || before.hospitalId === null) {
      throw conflict('NO_DESTINATION', `transport ${transportId} has no destination yet`, toTransport(before));
    }
    const to = response.kind === 'accept' ? 'accepted' : 'declined';
    const step = nextAcceptance(before.acceptance as AcceptanceStatus, to);
    if (!step.ok) throw fromDomain(step.error, toTransport(before));
    const after = await createTransportRepo(tx).update(
      transportId,
      response.kind === 'accept'
        ? { acceptance: 'accepted', acceptedAt: now }
        : { acceptance: 'declined', declineReason: response.reason, declineNote: response.note },
    );
    logTransport(log, response.kind === 'accept' ? 'transport.accepted' : 'transport.declined', before, after);
    return after;
  });
}
