/**
 * /api/crew: the vehicle terminal (docs/crew.md). Every route acts for the unit the member is signed on to, and
 * nothing else; a crew has no socket and reads its job here.
 */
import { CREW_UNDO_WINDOW_MS, CrewJobSchema, CrewShiftBody, CrewShiftResult, CrewStatusBody, CrewTapResultSchema, CrewUndoBody, CrewVitalsBody, CrewVitalsResult, nextCrewStatus, presentCallForCrew, vitalsFlags, type EdStatus, type UnitStatus } from '@dispatch/shared';
import { READ, WRITE, replies } from '../plugins/openapi.ts';
import type { App, AppContext } from '../context.ts';
import { actorOf, userOf } from '../plugins/auth.ts';
import { toCall, toTransport, toUnit } from '../presenters/entities.ts';
import { createHospitalRepo } from '../repositories/hospitals.ts';
import type { CrewShiftRow, LastTap } from '../repositories/crew.ts';
import type { TransportRow } from '../repositories/transports.ts';
import type { UnitRow } from '../repositories/units.ts';
import { crewTap, readCrewJob, recordCrewVitals, signOffShift, signOnShift, undoCrewTap } from '../commands/crew.ts';

const CREW = ['crew'] as const;

const toShift = (s: CrewShiftRow) => ({ id: s.id, unitId: s.unitId, startedAt: s.startedAt.toISOString(), endedAt: s.endedAt?.toISOString() ?? null });

/** The tap expected next and the undo deadline, from the unit, its transport and the member's last tap. */
function tapState(unit: UnitRow, transport: TransportRow | null, shift: CrewShiftRow) {
  const tap = shift.lastTap as LastTap | null;
  const undoUntil = tap && !tap.undone && tap.unitId === unit.id ? new Date(Date.parse(tap.at) + CREW_UNDO_WINDOW_MS).toISOString() : null;
  return { nextStatus: nextCrewStatus(unit.status as UnitStatus, transport?.acknowledgedAt != null), undoUntil };
}

const tapReply = (r: { unit: UnitRow; transport: TransportRow | null; shift: CrewShiftRow }) => ({
  unit: toUnit(r.unit),
  transport: r.transport ? toTransport(r.transport) : null,
  ...tapState(r.unit, r.transport, r.shift),
});

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

  app.get('/api/crew/job', { config: { roles: CREW }, schema: { tags: ['crew'], response: replies({ 200: CrewJobSchema }, [...READ, 404, 409]) } }, async (req) => {
    const { shift, unit, transport, call, vitals } = await readCrewJob(deps, userOf(req));
    const hospital = transport?.hospitalId ? await createHospitalRepo(deps.db).get(transport.hospitalId) : undefined;
    return {
      shift: toShift(shift),
      unit: toUnit(unit),
      ...tapState(unit, transport, shift),
      job:
        transport && call
          ? {
              transport: toTransport(transport),
              call: presentCallForCrew(toCall(call)),
              destination: hospital
                ? { id: hospital.id, name: hospital.name, nameEn: hospital.nameEn, lon: hospital.lon, lat: hospital.lat, edStatus: hospital.edStatus as EdStatus, diversionUntil: hospital.diversionUntil?.toISOString() ?? null }
                : null,
              vitals,
            }
          : null,
    };
  });

  app.post('/api/crew/status', { config: { roles: CREW }, schema: { tags: ['crew'], body: CrewStatusBody, response: replies({ 200: CrewTapResultSchema }, [...WRITE, 404, 409]) } }, async (req) =>
    tapReply(await crewTap(deps, actorOf(req), userOf(req), req.body)),
  );

  app.post('/api/crew/status/undo', { config: { roles: CREW }, schema: { tags: ['crew'], body: CrewUndoBody, response: replies({ 200: CrewTapResultSchema }, [...WRITE, 404, 409]) } }, async (req) =>
    tapReply(await undoCrewTap(deps, actorOf(req), userOf(req), req.body.unitId)),
  );

  app.post('/api/crew/vitals', { config: { roles: CREW }, schema: { tags: ['crew'], body: CrewVitalsBody, response: replies({ 200: CrewVitalsResult }, [...WRITE, 404, 409]) } }, async (req) => {
    const { transport, reading } = await recordCrewVitals(deps, actorOf(req), userOf(req), req.body);
    return { transport: toTransport(transport), reading, flags: vitalsFlags(reading) };
  });
}
