/** A caller's history (GET /api/calls/history), asked once per ring and kept while the page lives. */
import { useEffect, useState } from 'react';
import type { CallerHistory, CallerLocation } from '@dispatch/shared';
import { api } from '../../../api/http.ts';

const cache = new Map<string, Promise<CallerHistory | null>>();

/** What the console knows of the caller of one ring: their number, where the network places them, when it rang. */
export interface Caller {
  /** The ring's event id: names the attempt. */
  ringId: string;
  lineId: number;
  number: string;
  location: CallerLocation | null;
  ringingAt: string;
}

/** The caller on the line this seat answered, while their intake is open. */
export interface AnsweredCaller {
  caller: Caller;
  /** How long they waited for the answer, in seconds. */
  waitedS: number | null;
}

const ANSWERED_KEY = 'dispatch.answered:';

/** The answered caller of this tab, if its intake is still open (sessionStorage: this tab only, gone with it). */
export function loadAnswered(user: string): AnsweredCaller | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(ANSWERED_KEY + user) ?? 'null') as AnsweredCaller | null;
    return v && typeof v.caller?.ringId === 'string' && typeof v.caller.number === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function saveAnswered(user: string, a: AnsweredCaller | null): void {
  if (a) sessionStorage.setItem(ANSWERED_KEY + user, JSON.stringify(a));
  else sessionStorage.removeItem(ANSWERED_KEY + user);
}

function fetchHistory(c: Caller): Promise<CallerHistory | null> {
  let p = cache.get(c.ringId);
  if (!p) {
    const q = new URLSearchParams({ number: c.number, before: c.ringingAt });
    if (c.location) {
      q.set('lon', String(c.location.lon));
      q.set('lat', String(c.location.lat));
      q.set('accuracyM', String(c.location.accuracyM));
    }
    // A failed look-up is not a reason to hold up the answer: no history shown, asked again next ring.
    p = api.get<CallerHistory>(`/api/calls/history?${q.toString()}`).catch(() => {
      cache.delete(c.ringId);
      return null;
    });
    cache.set(c.ringId, p);
  }
  return p;
}

export function useCallerHistory(caller: Caller | null): CallerHistory | null {
  const [history, setHistory] = useState<CallerHistory | null>(null);
  const key = caller?.ringId ?? '';
  useEffect(() => {
    setHistory(null);
    if (!caller) return;
    let live = true;
    void fetchHistory(caller).then((h) => live && setHistory(h));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return history;
}

/** Whether this number called before: an earlier call on record, or an earlier ring on the lines. */
export const isRepeatCaller = (h: CallerHistory | null): boolean => h !== null && (h.earlierCalls.length > 0 || h.rings.count > 0);
