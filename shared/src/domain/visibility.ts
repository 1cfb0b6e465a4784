/**
 * Who may see or hear what, and who may act for a hospital: the one policy that the event log's
 * audiences, pushes, replays, snapshots, REST reads, position routing and the commands all consult.
 *
 * Dispatch seats see everything. The overview (command group, admin) sees everything but the caller's
 * phone. A hospital's staff see the hospitals and stations of the city, and of the patients only those
 * bound for them: a transport whose destination is their hospital, its unit and its call; for a
 * transfer between hospitals, the sending and the receiving hospital follow the whole journey.
 */
import type { Call, EntityType, Role, Transport, Unit } from '../model.ts';
import type { LineLogged } from './telephony/centreFigures.ts';
import type { LineState } from './telephony/lines.ts';
import type { CallbackEntry, CallbackRecord } from './waiting/callbacks.ts';

/** Who hears a push or reads a list: one of the screens' points of view. */
export type Audience = { kind: 'dispatch' } | { kind: 'overview' } | { kind: 'hospital'; hospitalId: number };

/**
 * Per-dispatcher figures are a judgement of people: the command group's only (not the dispatchers themselves,
 * not IT). The routes and the daily report's CSV both follow this list.
 */
export const DISPATCHER_FIGURES_ROLES = ['command'] as const satisfies readonly Role[];
export const mayViewDispatcherFigures = (role: Role): boolean => (DISPATCHER_FIGURES_ROLES as readonly Role[]).includes(role);

/** Entities every audience hears about (hospital staff see every hospital and station on their map). */
export const PUBLIC_ENTITIES: readonly EntityType[] = ['hospital', 'settings', 'station'];

/**
 * The point of view of a signed-in user; null for roles without a console (gateway, telephony, crew…).
 * A crew has no socket and no audience: its terminal reads its own unit's job by REST (crewSeesJob below).
 */
export function audienceOf(user: { role: Role; hospitalId: number | null }): Audience | null {
  switch (user.role) {
    case 'dispatcher':
      return { kind: 'dispatch' };
    case 'command':
    case 'admin':
      return { kind: 'overview' };
    case 'nurse':
      return user.hospitalId ? { kind: 'hospital', hospitalId: user.hospitalId } : null;
    default:
      return null;
  }
}

/** The Socket.IO room of an audience; only the server joins rooms. */
export function roomOf(audience: Audience): string {
  return audience.kind === 'hospital' ? `hospital:${audience.hospitalId}` : audience.kind;
}

/** Rooms a console joins: its audience's, the feed of public changes or of every position, and admin accounts. */
export function roomsOf(user: { role: Role; hospitalId: number | null }): string[] {
  const audience = audienceOf(user);
  if (!audience) return [];
  return [roomOf(audience), audience.kind === 'hospital' ? NURSES_ROOM : POSITIONS_ROOM, ...(user.role === 'admin' ? [ADMIN_ROOM] : [])];
}

/** Every hospital screen: public changes (hospitals, stations, settings) go here once. */
export const NURSES_ROOM = 'nurses';
/** Dispatch and overview screens: every unit's position. */
export const POSITIONS_ROOM = 'positions';
/** Admin screens: login accounts. */
export const ADMIN_ROOM = 'admin';

type TransferParties = Pick<Call, 'sourceHospitalId' | 'transferToHospitalId'>;
type TransportState = Pick<Transport, 'hospitalId' | 'closedAt' | 'handedOverAt'>;

/** The sending and receiving hospital of a transfer call; none for an emergency call. */
export function transferParties(call: TransferParties | null | undefined): number[] {
  if (!call) return [];
  return [call.sourceHospitalId, call.transferToHospitalId].filter((h): h is number => typeof h === 'number');
}

/** A transport closed without a handover (stood down, unit broke down): its destination no longer follows it. */
export function isCancelled(t: TransportState): boolean {
  return t.closedAt !== null && t.handedOverAt === null;
}

/** Hospitals following a transport in this state: its destination (unless cancelled) and the transfer's parties. */
export function transportFollowers(t: TransportState, parties: readonly number[]): number[] {
  return unique([...(isCancelled(t) || t.hospitalId === null ? [] : [t.hospitalId]), ...parties]);
}

/** Hospitals following a call: the transfer's parties and the followers of each of its transports. */
export function callFollowers(call: TransferParties, transports: readonly TransportState[]): number[] {
  const parties = transferParties(call);
  return unique([...parties, ...transports.flatMap((t) => transportFollowers(t, parties))]);
}

/** Hospitals whose screens get a unit's positions: those following the job it is on, while it is on it. */
export function positionFollowers(transport: TransportState | null | undefined, parties: readonly number[]): number[] {
  if (!transport || transport.closedAt !== null) return [];
  return transportFollowers(transport, parties);
}

/** What the policy needs to know beyond a change's own before and after: the rows it refers to, as they are now. */
export interface ChangeContext {
  transport(id: number): TransportState & Pick<Transport, 'callId'> | undefined;
  transportsOfCall(callId: number): readonly TransportState[];
  call(id: number): TransferParties | undefined;
}

/**
 * Hospitals that hear a change, from the entity's state before and after it and the rows it names.
 * A hospital hears the change that takes a patient away from it (a re-route, a cancellation), because
 * the state before names it, and nothing after that.
 */
export function changeFollowers(entity: EntityType, before: unknown, after: unknown, ctx: ChangeContext): number[] {
  switch (entity) {
    case 'call': {
      const call = (after ?? before) as (TransferParties & Pick<Call, 'id'>) | null;
      return call ? callFollowers(call, ctx.transportsOfCall(call.id)) : [];
    }
    case 'unit':
      return unique(
        [before, after].flatMap((u) => {
          const transportId = (u as Pick<Unit, 'transportId'> | null)?.transportId;
          const t = transportId ? ctx.transport(transportId) : undefined;
          return t ? transportFollowers(t, transferParties(ctx.call(t.callId))) : [];
        }),
      );
    case 'transport':
      return unique(
        [before, after].flatMap((t) => {
          const state = t as (TransportState & Pick<Transport, 'callId'>) | null;
          return state ? transportFollowers(state, transferParties(ctx.call(state.callId))) : [];
        }),
      );
    default:
      return [];
  }
}

/** A logged change as the policy needs it: what it is about and the hospitals that follow it. */
export interface Heard {
  entity: EntityType;
  hospitalIds: readonly number[];
}

/** Whether an audience may hear a logged change at all. */
export function audienceHears(audience: Audience, e: Heard): boolean {
  if (e.entity === 'user') return false;
  if (audience.kind !== 'hospital') return true;
  if (e.entity === 'alert') return false;
  return PUBLIC_ENTITIES.includes(e.entity) || e.hospitalIds.includes(audience.hospitalId);
}

/** Where a logged change is pushed, and as which audience it is presented in each room. */
export function pushTargets(e: Heard): { room: string; audience: Audience }[] {
  const overview: Audience = { kind: 'overview' };
  // Accounts are for the admin screen only (admins also sit in 'overview', which hears no users).
  if (e.entity === 'user') return [{ room: ADMIN_ROOM, audience: overview }];
  const targets = [
    { room: 'dispatch', audience: { kind: 'dispatch' } as Audience },
    { room: 'overview', audience: overview },
  ];
  if (e.entity === 'alert') return targets;
  // A public change reads the same for every hospital: one emit to all of them.
  if (PUBLIC_ENTITIES.includes(e.entity)) return [...targets, { room: NURSES_ROOM, audience: { kind: 'hospital', hospitalId: 0 } }];
  return [
    ...targets,
    ...unique(e.hospitalIds).map((hospitalId) => {
      const audience: Audience = { kind: 'hospital', hospitalId };
      return { room: roomOf(audience), audience };
    }),
  ];
}

/** Whether a hospital audience sees this transport (and so its unit), given its call's transfer parties. */
export function seesTransport(audience: Audience, t: TransportState, call: TransferParties | null | undefined): boolean {
  return audience.kind !== 'hospital' || transportFollowers(t, transferParties(call)).includes(audience.hospitalId);
}

/** Whether an audience sees this call, given its transports. */
export function seesCall(audience: Audience, call: TransferParties, transports: readonly TransportState[]): boolean {
  return audience.kind !== 'hospital' || callFollowers(call, transports).includes(audience.hospitalId);
}

/** Strip what an audience must not see from a call: the phone for all but dispatch, the address for hospitals. */
export function presentCallFor<C extends Pick<Call, 'callerPhone' | 'address'>>(audience: Audience, call: C): C | Omit<C, 'callerPhone'> {
  if (audience.kind === 'dispatch') return call;
  const { callerPhone: _phone, ...rest } = call;
  if (audience.kind === 'overview') return rest;
  // Hospital staff need the patient, not the caller or the home address.
  return { ...rest, address: '' };
}

/**
 * Whether an audience may read a caller's history (earlier calls by number, rings on the lines): the caller's
 * number is the dispatch seats' only, so the history is too.
 */
export function seesCallerHistory(audience: Audience | null): boolean {
  return audience?.kind === 'dispatch';
}

/**
 * Strip what an audience must not see from a line event: the caller's number and network location are the
 * dispatch seats' only, as a call's phone is (hospital screens never hear lines at all: not a public entity).
 */
export function presentLineFor(audience: Audience, logged: LineLogged): LineLogged {
  if (audience.kind === 'dispatch') return logged;
  const { callerNumber: _n, location: _l, ...event } = logged.event;
  return { event: { ...event, callerNumber: '' }, line: presentLineStateFor(audience, logged.line) };
}

/** A line's state as an audience may see it (the same rule as presentLineFor, for snapshots). */
export function presentLineStateFor<L extends LineState>(audience: Audience, line: L): L {
  if (audience.kind === 'dispatch' || !line.attempt) return line;
  return { ...line, attempt: { ...line.attempt, callerNumber: '', location: null } };
}

/**
 * The callback list and logged callbacks as an audience may see them: dispatch seats make the calls and see
 * the numbers; the command group follows how many callers wait and what came of the callbacks, without the
 * numbers (as with a call's phone); hospital screens get none (not a public entity, no hospital follows it).
 */
export function presentCallbackFor<C extends CallbackEntry | CallbackRecord>(audience: Audience, item: C): C | null {
  if (audience.kind === 'dispatch') return item;
  if (audience.kind === 'hospital') return null;
  return { ...item, callerNumber: '' };
}

/**
 * Whether someone may act for a hospital (accept, decline, arrival, handover, capacity, transfers).
 * Staff act only for their own hospital; dispatchers and the vehicle gateway act for any.
 */
export function mayActForHospital(actor: { role: Role | 'system'; hospitalId: number | null }, hospitalId: number | null): boolean {
  return actor.role !== 'nurse' || (actor.hospitalId !== null && actor.hospitalId === hospitalId);
}

/**
 * A crew member sees and acts for the unit signed on to for the shift only, and of the patients only the one that
 * unit carries now: the job goes with the unit, not with the member, so a re-assigned job leaves the terminal.
 */
export function crewMayActForUnit(shift: { unitId: number } | null, unitId: number): boolean {
  return shift !== null && shift.unitId === unitId;
}

/** Whether the crew on shift on `shift.unitId` sees this transport: the one its unit is on now, and no other. */
export function crewSeesJob(shift: { unitId: number } | null, unit: Pick<Unit, 'id' | 'transportId'>, transport: Pick<Transport, 'id' | 'unitId' | 'closedAt'>): boolean {
  return crewMayActForUnit(shift, unit.id) && unit.transportId === transport.id && transport.unitId === unit.id && transport.closedAt === null;
}

/** A call as its crew sees it: all of it, the caller's phone and the address included (the crew calls back, and drives there). */
export function presentCallForCrew<C extends Pick<Call, 'callerPhone' | 'address'>>(call: C): C {
  return call;
}

function unique(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}
