/**
 * The dispatcher's seat in the header: sign in at a seat (the last one this browser used is offered first),
 * then ready / wrap-up / away as the seat rules allow, and sign out. A seat on a call shows it and cannot
 * be left until the call ends.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEAT_TRANSITIONS, type SeatState } from '@dispatch/shared';
import { ApiError } from '../../../api/http.ts';
import { lastSeat, setSeatState, signIn, signOut, useMySeat, useSeats } from './seat.ts';

const CHOOSABLE: SeatState[] = ['ready', 'wrap_up', 'away'];

export function SeatControl() {
  const { t } = useTranslation('dispatch');
  const mine = useMySeat();
  const seats = useSeats();
  const free = seats.filter((s) => s.holder === null);
  const remembered = lastSeat();
  const [chosen, setChosen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pick = chosen ?? (remembered !== null && free.some((s) => s.seat === remembered) ? remembered : (free.find((s) => !s.surge)?.seat ?? free[0]?.seat ?? null));

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError ? t(`seat.errors.${e.code}`, { defaultValue: e.message }) : String(e));
    } finally {
      setBusy(false);
    }
  };

  const errorNote = error && (
    <span className="seat-control__error" role="alert">
      {error}
    </span>
  );

  if (!mine) {
    return (
      <div className="seat-control" data-testid="seat-control">
        <label className="seat-control__pick">
          <span>{t('seat.label')}</span>
          <select value={pick ?? ''} onChange={(e) => setChosen(Number(e.target.value))} disabled={busy || free.length === 0} data-testid="seat-select">
            {free.map((s) => (
              <option key={s.seat} value={s.seat}>
                {s.surge ? t('seat.surgeSeat', { seat: s.seat }) : s.seat}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn--small" disabled={busy || pick === null} onClick={() => pick !== null && void run(() => signIn(pick))} data-testid="seat-sign-in">
          {t('seat.signIn')}
        </button>
        {errorNote}
      </div>
    );
  }

  const allowed = new Set<SeatState>([mine.state, ...SEAT_TRANSITIONS[mine.state]]);
  return (
    <div className={`seat-control seat-control--${mine.state}`} data-testid="seat-control" data-seat={mine.seat} data-state={mine.state}>
      <strong className="seat-control__seat">{t('seat.at', { seat: mine.seat })}</strong>
      {mine.state === 'on_call' ? (
        <span className="seat-control__state" data-testid="seat-state">
          {t('seat.state.on_call')}
        </span>
      ) : (
        <div className="seat-control__states" role="group" aria-label={t('seat.stateLabel')}>
          {CHOOSABLE.map((s) => (
            <button
              key={s}
              type="button"
              className="btn btn--small"
              aria-pressed={mine.state === s}
              disabled={busy || !allowed.has(s)}
              onClick={() => s !== mine.state && void run(() => setSeatState(mine.seat, s))}
              data-testid={`seat-${s}`}
            >
              {t(`seat.state.${s}`)}
            </button>
          ))}
        </div>
      )}
      <button type="button" className="btn btn--small btn--ghost" disabled={busy || mine.state === 'on_call'} onClick={() => void run(signOut)} data-testid="seat-sign-out">
        {t('seat.signOut')}
      </button>
      {errorNote}
    </div>
  );
}
