/** Responses of /api/crew: the vehicle terminal's API (docs/crew.md). */
import { z } from 'zod';
import { ED_STATUSES } from '../model.ts';
import { CREW_STATUSES } from '../domain/crewSteps.ts';
import { CallSchema, TransportSchema, UnitSchema, VitalsReadingSchema } from './entities.ts';
import { entityId, instant } from './common.ts';

export const CrewShiftSchema = z
  .strictObject({
    id: entityId,
    unitId: entityId,
    startedAt: instant,
    endedAt: instant.nullable(),
  })
  .meta({ id: 'CrewShift' });

/** POST /api/crew/shift and /shift/end: the shift and the unit with its crew on shift after the change. */
export const CrewShiftResult = z.strictObject({ shift: CrewShiftSchema, unit: UnitSchema });

/** The destination as the crew needs it: where, and whether its ED is open. */
export const CrewDestinationSchema = z.strictObject({
  id: entityId,
  name: z.string(),
  nameEn: z.string(),
  lon: z.number(),
  lat: z.number(),
  edStatus: z.enum(ED_STATUSES),
  diversionUntil: instant.nullable(),
});

export const VitalFlagSchema = z.strictObject({
  field: z.string(),
  level: z.enum(['red', 'amber']),
});

/** What the terminal shows next to the tap buttons: the tap expected next, and until when the last one may be undone. */
const tapState = {
  nextStatus: z.enum(CREW_STATUSES).nullable(),
  undoUntil: instant.nullable().meta({ description: 'Until when the member may undo their last tap; null when there is none to undo' }),
};

/** GET /api/crew/job: the signed-on unit and its current job only (null between jobs). */
export const CrewJobSchema = z
  .strictObject({
    shift: CrewShiftSchema,
    unit: UnitSchema,
    ...tapState,
    job: z
      .strictObject({
        transport: TransportSchema,
        call: CallSchema,
        destination: CrewDestinationSchema.nullable(),
        vitals: z.array(VitalsReadingSchema).meta({ description: 'Vitals sent for this transport, newest first' }),
      })
      .nullable(),
  })
  .meta({ id: 'CrewJob' });

/** POST /api/crew/status and /status/undo: the unit and its transport after the tap. */
export const CrewTapResultSchema = z.strictObject({ unit: UnitSchema, transport: TransportSchema.nullable(), ...tapState });

/** POST /api/crew/vitals: the transport with the reading as its latest, and the reading's flags. */
export const CrewVitalsResult = z.strictObject({ transport: TransportSchema, reading: VitalsReadingSchema, flags: z.array(VitalFlagSchema) });
