/**
 * /api/crew: the vehicle terminal (docs/crew.md). Every route acts for the unit the member is signed on to, and
 * nothing else; a crew has no socket and reads its job here.
 */
import { CrewJobSchema, CrewShiftBody, CrewShiftResult, CrewStatusBody, CrewTapResultSchema, CrewUndoBody, CrewVitalsBody, CrewVitalsResult, vitalsFlags } from '@dispatch/shared';
import { READ, WRITE, replies } from '../plugins/openapi.ts';
import type { App, AppContext } from '../context.ts';
import { actorOf, userOf } from '../plugins/auth.ts';
import { toTransport, toUnit } from '../presenters/entities.ts';
import { toCrewJob, toShift, toTapResult } from '../presenters/crew.ts';
import { crewTap, readCrewJob, recordCrewVitals, signOffShift, signOnShift, undoCrewTap } from '../commands/crew.ts';

const CREW = ['crew'] as const;

export async function crewRoutes(app: App, ctx: AppContext): Promise<void> {
  const { deps } = ctx;

  app.post('/api/crew/shift', { config: { roles: CREW }, schema: { tags: ['crew'], body: CrewShiftBody, response: replies({ 200: CrewShiftResult }, [...WRITE, 404, 409]) } }, async (req) => {
    const { shift, unit } = await signOnShift(deps, actorOf(req), userOf(req), req.body.unitId);
    return { shift: toShift(shift), unit: toUnit(unit) };
  });

  app.post('/api/crew/shift/end', { config: { roles: CREW }, schema: { tags: ['crew'], response: replies({ 200: CrewShiftResult }, [...WRITE, 409]) } }, async (req) => {
    const { shift, unit } = await signOffShift(deps, actorOf(req), userOf(req));
    return { shift: toShift(shift), unit: toUnit(unit) };
  });

  app.get('/api/crew/job', { config: { roles: CREW }, schema: { tags: ['crew'], response: replies({ 200: CrewJobSchema }, [...READ, 404, 409]) } }, async (req) =>
    toCrewJob(await readCrewJob(deps, userOf(req))),
  );

  app.post('/api/crew/status', { config: { roles: CREW }, schema: { tags: ['crew'], body: CrewStatusBody, response: replies({ 200: CrewTapResultSchema }, [...WRITE, 404, 409]) } }, async (req) =>
    toTapResult(await crewTap(deps, actorOf(req), userOf(req), req.body)),
  );

  app.post('/api/crew/status/undo', { config: { roles: CREW }, schema: { tags: ['crew'], body: CrewUndoBody, response: replies({ 200: CrewTapResultSchema }, [...WRITE, 404, 409]) } }, async (req) =>
    toTapResult(await undoCrewTap(deps, actorOf(req), userOf(req), req.body?.unitId)),
  );

  app.post('/api/crew/vitals', { config: { roles: CREW }, schema: { tags: ['crew'], body: CrewVitalsBody, response: replies({ 200: CrewVitalsResult }, [...WRITE, 404, 409]) } }, async (req) => {
    const { transport, reading } = await recordCrewVitals(deps, actorOf(req), userOf(req), req.body);
    return { transport: toTransport(transport), reading, flags: vitalsFlags(reading) };
  });
}
