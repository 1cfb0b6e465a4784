/** The dispatcher's own seat, from the live state; the last seat this browser used; the seat's moves over the API. */
import type { Seat, SeatState } from '@dispatch/shared';
import { api } from '../../../api/http.ts';
import { useLiveEntities } from '../../../live/useLive.ts';
import { useSession } from '../../../app/session.ts';

const LAST_SEAT_KEY = 'dispatch.lastSeat';

/** The seat the signed-in dispatcher holds now, or null. */
export function useMySeat(): Seat | null {
  const session = useSession();
  const me = session.status === 'user' ? session.user.id : null;
  return useLiveEntities((s) => (me === null ? null : ([...s.state.seats.values()].find((seat) => seat.holder?.userId === me) ?? null)));
}

/** Every seat, in number order. */
export function useSeats(): Seat[] {
  return useLiveEntities((s) => [...s.state.seats.values()].sort((a, b) => a.seat - b.seat));
}

/** The seat this browser signed in at last (a desk's PC is usually the same seat), or null. */
export function lastSeat(): number | null {
  const n = Number(typeof localStorage === 'undefined' ? NaN : localStorage.getItem(LAST_SEAT_KEY));
  return Number.isInteger(n) && n >= 1 ? n : null;
}

export async function signIn(seat: number): Promise<Seat> {
  const s = await api.post<Seat>('/api/seats/sign-in', { seat }, { retry: true });
  localStorage.setItem(LAST_SEAT_KEY, String(seat));
  return s;
}

export const signOut = () => api.post<Seat>('/api/seats/sign-out', {}, { retry: true });

export const setSeatState = (seat: number, state: SeatState) => api.post<Seat>(`/api/seats/${seat}/state`, { state }, { retry: true });
