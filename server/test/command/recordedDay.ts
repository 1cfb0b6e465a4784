/**
 * A recorded morning in the 120 centre, driven through the real API with a hand-moved clock, so
 * every figure the command group sees can be worked out by hand (see the expectations in the tests).
 *
 * Day 2025-01-15, city time (UTC+8). Baseline set to 1 call/hour. Units: CX-01 (critical care),
 * CX-07..CX-10 (standard). H01 People's Hospital (designated: severe and
 * critical only; nurse), H02 No. 2 Hospital (nurse2), H04 TCM Hospital.
 *
 *   C1 08:00 common  CX-07 → H02  assigned 08:02, en route 08:03, scene 08:10, left 08:20, arrived 08:30, handover 08:42 (12 min), available 09:00
 *   C2 08:05 common  CX-08 → H02  assigned 08:10, en route 08:11, scene 08:20, left 08:30, arrived 08:40, handover 09:15 (35 min), available 09:30
 *   C3 08:20 advice only, closed at once
 *   C4 08:25 severe  CX-01 → H02  assigned 08:40; H02 declines (no ICU bed) 08:45; rerouted to H01 08:46;
 *                                 en route 08:41, scene 08:50, left 09:00, arrived 09:10, handover 09:30 (20 min), available 09:45
 *   H01 ICU occupied 36 → 38 of 40 at 09:00 (nurse)
 *   C5 08:50 common  still waiting at 10:00
 *   C6 09:05 mild    CX-09, no destination: assigned 09:06, en route 09:07, scene 09:15, treated on scene (unit returning) 09:25, available 09:35
 *   C7 09:20 common  CX-10 → H04  assigned 09:22, en route 09:23, scene 09:30, left 09:40, arrived 09:50, still at the door at 10:00
 */
import { expect } from 'vitest';
import { callBody, login, type Agent, type TestServer } from '../harness.ts';

export const DAY = '2025-01-15';
export const H01 = 1;
export const H02 = 2;
export const H04 = 4;
export const CX01 = 1;
export const CX07 = 7;
export const CX08 = 8;
export const CX09 = 9;
export const CX10 = 10;

/** A clock the test moves by hand, in city time on DAY. */
export class DayClock {
  private t = Date.parse(`${DAY}T07:00:00+08:00`);
  readonly now = (): Date => new Date(this.t);
  /** Move to HH:MM city time on DAY (never backwards: the log's order is commit order). */
  at(hhmm: string): void {
    const next = Date.parse(`${DAY}T${hhmm}:00+08:00`);
    if (next < this.t) throw new Error(`clock would go back from ${this.now().toISOString()} to ${hhmm}`);
    this.t = next;
  }
}

export interface RecordedDay {
  calls: Record<'C1' | 'C2' | 'C3' | 'C4' | 'C5' | 'C6' | 'C7', number>;
  transports: Record<'C1' | 'C2' | 'C4' | 'C6' | 'C7', number>;
  dispatcher: Agent;
  command: Agent;
  nurse: Agent;
  nurse2: Agent;
}

type Step = [hhmm: string, action: () => Promise<unknown>];

/** Play the scripted morning; the clock ends at 10:00. */
export async function recordDay(server: TestServer, clock: DayClock): Promise<RecordedDay> {
  clock.at('07:00');
  const [dispatcher, command, nurse, nurse2] = await Promise.all([login(server, 'dispatcher'), login(server, 'command'), login(server, 'nurse'), login(server, 'nurse2')]);
  const ok = async <T>(p: Promise<{ status: number; body: T }>): Promise<T> => {
    const res = await p;
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body;
  };
  await ok(command.put('/api/settings/thresholds', { baselineCallsPerHour: 1 }));

  const calls = {} as RecordedDay['calls'];
  const transports = {} as RecordedDay['transports'];
  const take = (key: keyof RecordedDay['calls'], body: Record<string, unknown>) => async () => {
    calls[key] = (await ok<{ id: number }>(dispatcher.post('/api/calls', callBody(body)))).id;
  };
  const assign = (key: keyof RecordedDay['transports'], unitId: number, hospitalId: number | null) => async () => {
    const r = await ok<{ transport: { id: number } }>(dispatcher.post(`/api/calls/${calls[key]}/assign`, { unitId, hospitalId }));
    transports[key] = r.transport.id;
  };
  const unit = (unitId: number, status: string) => () => ok(dispatcher.post(`/api/units/${unitId}/status`, { status }));
  const handover = (by: Agent, key: keyof RecordedDay['transports']) => () => ok(by.post(`/api/transports/${transports[key]}/handover`));

  const script: Step[] = [
    ['08:00', take('C1', { clinicalClass: 'common', callerPhone: '13800000001' })],
    ['08:02', assign('C1', CX07, H02)],
    ['08:03', unit(CX07, 'en_route')],
    ['08:05', take('C2', { clinicalClass: 'common', callerPhone: '13800000002' })],
    ['08:10', unit(CX07, 'on_scene')],
    ['08:10', assign('C2', CX08, H02)],
    ['08:11', unit(CX08, 'en_route')],
    ['08:20', unit(CX07, 'transporting')],
    ['08:20', unit(CX08, 'on_scene')],
    ['08:20', take('C3', { clinicalClass: 'common', callerPhone: '13800000003', closeAs: 'advice' })],
    ['08:25', take('C4', { clinicalClass: 'severe', age: 79, callerPhone: '13800000004' })],
    ['08:30', unit(CX07, 'at_hospital')],
    ['08:30', unit(CX08, 'transporting')],
    ['08:40', unit(CX08, 'at_hospital')],
    ['08:40', assign('C4', CX01, H02)],
    ['08:41', unit(CX01, 'en_route')],
    ['08:42', handover(nurse2, 'C1')],
    ['08:45', () => ok(nurse2.post(`/api/transports/${transports.C4}/decline`, { reason: 'no_icu_bed' }))],
    ['08:46', () => ok(dispatcher.post(`/api/transports/${transports.C4}/destination`, { hospitalId: H01 }))],
    ['08:50', unit(CX01, 'on_scene')],
    ['08:50', take('C5', { clinicalClass: 'common', callerPhone: '13800000005' })],
    ['09:00', unit(CX07, 'available')],
    ['09:00', unit(CX01, 'transporting')],
    ['09:00', () => ok(nurse.patch(`/api/hospitals/${H01}/capacity`, { icuOccupied: 38 }))],
    ['09:05', take('C6', { clinicalClass: 'mild', callerPhone: '13800000006' })],
    ['09:06', assign('C6', CX09, null)],
    ['09:07', unit(CX09, 'en_route')],
    ['09:10', unit(CX01, 'at_hospital')],
    ['09:15', handover(nurse2, 'C2')],
    ['09:15', unit(CX09, 'on_scene')],
    ['09:20', take('C7', { clinicalClass: 'common', callerPhone: '13800000007' })],
    ['09:22', assign('C7', CX10, H04)],
    ['09:23', unit(CX10, 'en_route')],
    ['09:25', unit(CX09, 'returning')],
    ['09:30', unit(CX08, 'available')],
    ['09:30', handover(nurse, 'C4')],
    ['09:30', unit(CX10, 'on_scene')],
    ['09:35', unit(CX09, 'available')],
    ['09:40', unit(CX10, 'transporting')],
    ['09:45', unit(CX01, 'available')],
    ['09:50', unit(CX10, 'at_hospital')],
  ];
  for (const [hhmm, action] of script) {
    clock.at(hhmm);
    await action();
  }
  clock.at('10:00');
  return { calls, transports, dispatcher, command, nurse, nurse2 };
}
