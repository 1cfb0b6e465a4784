/** Asks the server, as the dispatcher types, whether this caller rang before or the incident is already open. */
import { useEffect, useState } from 'react';
import type { Call, LonLat } from '@dispatch/shared';
import { api } from '../../api/http.ts';

export interface DuplicateCheck {
  repeatOf: Call[];
  nearby: Call[];
}

const NONE: DuplicateCheck = { repeatOf: [], nearby: [] };

export function useDuplicateCheck(phone: string, location: LonLat | null): DuplicateCheck {
  const [result, setResult] = useState<DuplicateCheck>(NONE);
  const digits = phone.replace(/\D/g, '');
  const key = `${digits}|${location ? `${location.lon.toFixed(5)},${location.lat.toFixed(5)}` : ''}`;
  useEffect(() => {
    if (digits.length < 5 && !location) {
      setResult(NONE);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      const q = new URLSearchParams();
      if (digits.length >= 5) q.set('phone', phone.trim());
      if (location) {
        q.set('lon', String(location.lon));
        q.set('lat', String(location.lat));
      }
      api
        .get<DuplicateCheck>(`/api/calls/check?${q.toString()}`)
        .then((r) => live && setResult(r))
        .catch(() => live && setResult(NONE));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return result;
}
