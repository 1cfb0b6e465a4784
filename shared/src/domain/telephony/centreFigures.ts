/**
 * The 120 centre's own figures for one city day (issue 13 item 5), computed from the event log alone: the
 * telephony gateway's line events, the calls, units and transports as the commands logged them. Targets are
 * CENTRE_TARGETS; an attempt, call, assignment or handover belongs to the city day in which it *started*
 * (the ring, the call's receipt, the assignment, the arrival at the ED), so a call ringing at 23:59:55 and
 * answered after midnight counts on the day it rang.
 */
import type { Call, LonLat, Place, PlaceSetting, Transport, Unit } from '../../model.ts';
import { haversineKm } from '../geo.ts';
import type { DayWindow } from '../cityDay.ts';
import { loadMultiple } from '../load.ts';
import { percentile } from '../offload.ts';
import type { LoggedChange } from '../trends.ts';
import { callAttempts, ringSeconds, type CallAttempt, type LineEvent, type LineState } from './lines.ts';
import { CENTRE_TARGETS } from './targets.ts';

/** What a line event's log entry carries in `after`: the event as posted and the line as it is after it. */
export interface LineLogged {
  event: LineEvent;
  line: LineState;
}

/** A share against its target: `pct` of `of`, null when there was nothing to count. */
export interface ShareFigure {
  count: number;
  of: number;
  pct: number | null;
  targetPct: number | null;
  /** Null when there is nothing to judge (no data, or no target). */
  met: boolean | null;
}

export interface ResponseFigure {
  calls: number;
  averageMin: number | null;
  p90Min: number | null;
  targetMin: number;
  met: boolean | null;
}

/** One hour of the city day: its offered calls and its shares, judged as the day's are (null: nothing to judge). */
export interface HourFigure {
  /** Start of the hour (ISO, UTC); the city's hours of the day in order. */
  from: string;
  offered: number;
  multiple: number;
  answeredWithinPct: number | null;
  abandoned: number;
  leftWithinPct: number | null;
  responseUrbanMin: number | null;
  responseRuralMin: number | null;
  handoverWithinPct: number | null;
}

export interface CentreFigures {
  day: string;
  offered: number;
  /** Attempts seen without their ring (answer or end reported, ring not yet): left out of the answer figures. */
  held: number;
  answeredWithin: ShareFigure;
  abandoned: ShareFigure;
  leftWithin: ShareFigure;
  response: Record<PlaceSetting, ResponseFigure>;
  handoverWithin: ShareFigure;
  hours: HourFigure[];
  peakHour: HourFigure | null;
}

export interface CentreFiguresInput {
  window: DayWindow;
  /** min(window.to, now): a ring still unanswered, or a unit not yet gone, counts as late once its time is up. */
  until: Date;
  /** The city's normal calls per hour (CityProfile.normalCallsPerHour). */
  baselinePerHour: number;
  /**
   * The event log from a little before the window (a ring before midnight answered after it) to `until`, in
   * any order: line events, call, unit and transport changes.
   */
  events: readonly LoggedChange[];
  /** The urban or rural class of the town a call lies in (the gazetteer's `setting`). */
  settingOf: (point: LonLat) => PlaceSetting;
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const MINUTE = 60_000;

/** count of `of` as a share against a minimum percentage; `met` is null without data. */
export function share(count: number, of: number, targetPct: number | null): ShareFigure {
  const pct = of > 0 ? round1((count / of) * 100) : null;
  return { count, of, pct, targetPct, met: pct === null || targetPct === null ? null : (count / of) * 100 >= targetPct };
}

/** Line events out of the log entries of entity 'line'. */
export function lineEventsOf(events: readonly LoggedChange[]): LineEvent[] {
  return events.flatMap((e) => {
    const after = e.after as Partial<LineLogged> | null;
    return e.entity === 'line' && after && typeof after === 'object' && after.event ? [after.event] : [];
  });
}

const inWindow = (t: number, from: number, to: number) => t >= from && t < to;
const within = (iso: string | null | undefined, from: number, to: number): boolean => (iso ? inWindow(Date.parse(iso), from, to) : false);

/** The phone figures of the attempts that rang within [from, to). */
function answerFigures(attempts: readonly CallAttempt[], from: number, to: number, until: number) {
  const offered = attempts.filter((a) => within(a.ringingAt, from, to));
  const limit = CENTRE_TARGETS.answerWithinSeconds;
  let inTime = 0;
  let judged = 0;
  let abandoned = 0;
  for (const a of offered) {
    const waited = ringSeconds(a);
    if (a.state === 'abandoned') abandoned++;
    if (waited !== null && a.answeredAt !== null) {
      judged++;
      if (waited <= limit) inTime++;
    } else if (waited !== null || (until - Date.parse(a.ringingAt ?? '')) / 1000 > limit || a.state === 'lost') {
      // Hung up, lost, or still ringing past the limit: not answered in time, whatever happens next.
      judged++;
    }
  }
  return {
    offered,
    held: attempts.filter((a) => a.ringingAt === null && within(a.answeredAt ?? a.transfers[0]?.at ?? a.endedAt, from, to)).length,
    answeredWithin: share(inTime, judged, CENTRE_TARGETS.answeredWithinPct),
    abandoned: share(abandoned, offered.length, null),
  };
}

type TransportState = Pick<Transport, 'id' | 'unitId' | 'callId' | 'assignedAt' | 'arrivedAt' | 'handedOverAt' | 'closedAt'>;
type UnitState = Pick<Unit, 'id' | 'status' | 'transportId'>;
type CallState = Pick<Call, 'id' | 'kind' | 'status' | 'receivedAt' | 'lon' | 'lat'>;

const ON_SCENE_OR_LATER = new Set(['on_scene', 'transporting', 'at_hospital', 'handed_over']);

function bySeq(events: readonly LoggedChange[]): LoggedChange[] {
  return [...events].sort((a, b) => a.seq - b.seq);
}

/** One assignment: when, when its unit left (if it did) and when it was closed (if it was). */
interface Departure {
  assigned: number;
  left: number | undefined;
  closed: number | undefined;
}
/** One emergency call that reached the scene: when it came, minutes to the first unit there, the town's class. */
interface Response {
  received: number;
  minutes: number;
  setting: PlaceSetting;
}
/** One patient at an ED door: arrival, handover and close (ms; null when not yet). */
interface Handover {
  arrived: number;
  handed: number | null;
  closed: boolean;
}

/**
 * The log read once into the facts every figure is judged from, so the day and each of its hours are the same
 * judgement over a different window (an hour's figures add up to the day's).
 */
interface DayFacts {
  attempts: CallAttempt[];
  departures: Departure[];
  responses: Response[];
  handovers: Handover[];
}

function factsOf(events: readonly LoggedChange[], settingOf: CentreFiguresInput['settingOf']): DayFacts {
  const assigned = new Map<number, TransportState>();
  const left = new Map<number, number>();
  const closed = new Map<number, number>();
  const latest = new Map<number, TransportState>();
  const received = new Map<number, CallState>();
  const onScene = new Map<number, number>();
  for (const e of events) {
    if (!e.after) continue;
    if (e.entity === 'transport') {
      const t = e.after as TransportState;
      if (e.name === 'transport.assigned' && !assigned.has(t.id)) assigned.set(t.id, t);
      if (t.closedAt && !closed.has(t.id)) closed.set(t.id, Date.parse(t.closedAt));
      latest.set(e.entityId, t);
    } else if (e.entity === 'unit') {
      const u = e.after as UnitState;
      if (u.status === 'en_route' && u.transportId !== null && !left.has(u.transportId)) left.set(u.transportId, Date.parse(e.at));
    } else if (e.entity === 'call') {
      const c = e.after as CallState;
      if (e.name === 'call.created' && c.kind === 'emergency' && !received.has(c.id)) received.set(c.id, c);
      if (ON_SCENE_OR_LATER.has(c.status) && !onScene.has(e.entityId)) onScene.set(e.entityId, Date.parse(e.at));
    }
  }
  const responses: Response[] = [];
  for (const c of received.values()) {
    const at = onScene.get(c.id);
    if (at === undefined) continue;
    const start = Date.parse(c.receivedAt);
    responses.push({ received: start, minutes: (at - start) / MINUTE, setting: settingOf(c) });
  }
  return {
    attempts: callAttempts(lineEventsOf(events)),
    departures: [...assigned.values()].map((t) => ({ assigned: Date.parse(t.assignedAt), left: left.get(t.id), closed: closed.get(t.id) })),
    responses,
    handovers: [...latest.values()].flatMap((t) => (t.arrivedAt ? [{ arrived: Date.parse(t.arrivedAt), handed: t.handedOverAt ? Date.parse(t.handedOverAt) : null, closed: t.closedAt !== null }] : [])),
  };
}

/** Assignments made in [from, to) whose unit left within the limit (a unit stood down before leaving is not judged). */
function leaveFigures(departures: readonly Departure[], from: number, to: number, until: number): ShareFigure {
  const limitMs = CENTRE_TARGETS.leaveWithinMinutes * MINUTE;
  let inTime = 0;
  let judged = 0;
  for (const d of departures) {
    if (!inWindow(d.assigned, from, to)) continue;
    if (d.left !== undefined) {
      judged++;
      if (d.left - d.assigned <= limitMs) inTime++;
      continue;
    }
    if (d.closed !== undefined && d.closed - d.assigned <= limitMs) continue;
    if ((d.closed ?? until) - d.assigned > limitMs) judged++;
  }
  return share(inTime, judged, CENTRE_TARGETS.leftWithinPct);
}

/** Emergency calls received in [from, to): minutes to the first unit on scene, by the town's class. */
function responseFigures(responses: readonly Response[], from: number, to: number): Record<PlaceSetting, ResponseFigure> {
  const minutes: Record<PlaceSetting, number[]> = { urban: [], rural: [] };
  for (const r of responses) if (inWindow(r.received, from, to)) minutes[r.setting].push(r.minutes);
  const figure = (xs: number[], targetMin: number): ResponseFigure => {
    const average = xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
    return { calls: xs.length, averageMin: round1(average), p90Min: round1(percentile(xs, 90)), targetMin, met: average === null ? null : average <= targetMin };
  };
  return { urban: figure(minutes.urban, CENTRE_TARGETS.responseUrbanMinutes), rural: figure(minutes.rural, CENTRE_TARGETS.responseRuralMinutes) };
}

/** Patients arrived at an ED in [from, to): handed over within the limit, or still held past it. */
function handoverFigures(handovers: readonly Handover[], from: number, to: number, until: number): ShareFigure {
  const limitMs = CENTRE_TARGETS.handoverWithinMinutes * MINUTE;
  let inTime = 0;
  let judged = 0;
  for (const h of handovers) {
    if (!inWindow(h.arrived, from, to)) continue;
    if (h.handed !== null) {
      judged++;
      if (h.handed - h.arrived <= limitMs) inTime++;
    } else if (!h.closed && until - h.arrived > limitMs) judged++;
  }
  return share(inTime, judged, CENTRE_TARGETS.handoverWithinPct);
}

/** Each hour of the city day judged as the day is: offered calls as a multiple of normal, and every share. */
function hourFigures(facts: DayFacts, window: DayWindow, until: number, baselinePerHour: number): HourFigure[] {
  const from = window.from.getTime();
  const hours = Math.round((window.to.getTime() - from) / 3600_000);
  return Array.from({ length: hours }, (_, h) => {
    const start = from + h * 3600_000;
    const end = start + 3600_000;
    const phone = answerFigures(facts.attempts, start, end, until);
    const response = responseFigures(facts.responses, start, end);
    return {
      from: new Date(start).toISOString(),
      offered: phone.offered.length,
      multiple: loadMultiple(phone.offered.length, baselinePerHour),
      answeredWithinPct: phone.answeredWithin.pct,
      abandoned: phone.abandoned.count,
      leftWithinPct: leaveFigures(facts.departures, start, end, until).pct,
      responseUrbanMin: response.urban.averageMin,
      responseRuralMin: response.rural.averageMin,
      handoverWithinPct: handoverFigures(facts.handovers, start, end, until).pct,
    };
  });
}

/** The centre's figures for one city day from the event log. */
export function centreFigures(input: CentreFiguresInput): CentreFigures {
  const from = input.window.from.getTime();
  const to = input.window.to.getTime();
  const until = Math.min(input.until.getTime(), to);
  const facts = factsOf(bySeq(input.events), input.settingOf);
  const phone = answerFigures(facts.attempts, from, to, until);
  const hours = hourFigures(facts, input.window, until, input.baselinePerHour);
  const peak = hours.reduce<HourFigure | null>((best, h) => (h.offered > (best?.offered ?? 0) ? h : best), null);
  return {
    day: input.window.day,
    offered: phone.offered.length,
    held: phone.held,
    answeredWithin: phone.answeredWithin,
    abandoned: phone.abandoned,
    leftWithin: leaveFigures(facts.departures, from, to, until),
    response: responseFigures(facts.responses, from, to),
    handoverWithin: handoverFigures(facts.handovers, from, to, until),
    hours,
    peakHour: peak,
  };
}

/** The class of the town nearest to a point, from the gazetteer's towns and sub-districts (urban when there are none). */
export function nearestTownSetting(places: readonly Pick<Place, 'kind' | 'setting' | 'lon' | 'lat'>[]): (point: LonLat) => PlaceSetting {
  const towns = places.filter((p) => p.kind === 'town' || p.kind === 'subdistrict');
  return (point) => {
    let best: PlaceSetting = 'urban';
    let bestKm = Infinity;
    for (const t of towns) {
      const km = haversineKm(point, t);
      if (km < bestKm) {
        bestKm = km;
        best = t.setting;
      }
    }
    return best;
  };
}
