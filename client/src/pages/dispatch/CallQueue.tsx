/**
 * Open calls in the shared priority order: waiting calls first with their clock counting up,
 * then calls under way. A call waiting past thresholds.queueWaitMinutes turns loud.
 * Hundreds of rows in a surge: rows are memoised and only their wait clocks tick each second.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call, Thresholds } from '@dispatch/shared';
import { useClock } from '../../live/clock.ts';
import { priorityFlags, vitalPhrases } from '@dispatch/shared';
import { formatElapsed } from '../../ui/format.ts';
import { isOverdue } from './model.ts';

export interface CallQueueProps {
  waiting: Call[];
  active: Call[];
  /** Pin the clock (tests); the shared live clock otherwise. */
  now?: number;
  thresholds: Pick<Thresholds, 'queueWaitMinutes'>;
  selectedId: number | null;
  onSelect?: (id: number) => void;
  /** Wall display: larger rows, nothing to click. */
  readOnly?: boolean;
  /** Show at most this many rows per group (wall display). */
  limit?: number;
}

export function CallQueue({ waiting, active, now: fixedNow, thresholds, selectedId, onSelect, readOnly, limit }: CallQueueProps) {
  const { t } = useTranslation('dispatch');
  // Re-renders once a second to re-judge "overdue"; rows whose props stay the same are skipped.
  const now = useClock(fixedNow);
  const groups: [string, Call[]][] = [
    ['waiting', waiting],
    ['active', active],
  ];
  return (
    <section className="call-queue" aria-labelledby="queue-title" data-testid="call-queue">
      <h2 id="queue-title" className="visually-hidden">
        {t('queue.title')}
      </h2>
      {groups.map(([key, calls]) => (
        <div key={key} className="call-queue__group">
          <h3 className="call-queue__heading">
            {t(`queue.${key}`)} <span className="call-queue__count">{calls.length}</span>
          </h3>
          {calls.length === 0 && <p className="call-queue__empty">{t(`queue.empty_${key}`)}</p>}
          <ol className="call-queue__list">
            {calls.slice(0, limit).map((c, i) => (
              <li key={c.id}>
                <QueueRow
                  call={c}
                  rank={key === 'waiting' ? i + 1 : null}
                  fixedNow={fixedNow}
                  overdue={isOverdue(c, now, thresholds)}
                  selected={c.id === selectedId}
                  onSelect={readOnly ? undefined : onSelect}
                />
              </li>
            ))}
          </ol>
          {limit !== undefined && calls.length > limit && <p className="call-queue__more">{t('queue.more', { count: calls.length - limit })}</p>}
        </div>
      ))}
    </section>
  );
}

interface QueueRowProps {
  call: Call;
  rank: number | null;
  fixedNow: number | undefined;
  overdue: boolean;
  selected: boolean;
  onSelect?: (id: number) => void;
}

const QueueRow = memo(function QueueRow({ call: c, rank, fixedNow, overdue, selected, onSelect }: QueueRowProps) {
  const { t: tc } = useTranslation();
  const { t } = useTranslation('dispatch');
  const vitals = vitalPhrases(c.complaint);
  const body = (
    <>
      <span className="queue-row__top">
        {rank !== null && <span className="queue-row__rank">{rank}</span>}
        <span className={`chip chip--${c.clinicalClass}`}>{tc(`class.${c.clinicalClass}`)}</span>
        {c.riskTier && <span className={`chip chip--${c.riskTier}`}>{tc(`tier.${c.riskTier}`)}</span>}
        {priorityFlags(c).map((f) => (
          <span key={f} className="chip chip--flag" data-flag={f}>
            {tc(`flags.${f}`)}
          </span>
        ))}
        {c.flags.needsBed && <span className="chip chip--flag chip--needs-bed">{tc('flags.needsBed')}</span>}
        <span className="queue-row__spacer" />
        <WaitClock receivedAt={c.receivedAt} fixedNow={fixedNow} />
      </span>
      <span className="queue-row__address">{c.address}</span>
      {vitals.length > 0 && (
        // The signs that decide the next minutes, in full and first: never cut off with the complaint.
        <span className="queue-row__vitals" data-testid="queue-vitals">
          {vitals.map((v) => (
            <strong key={v.index} className={`vital vital--${v.kind}`}>
              {v.text}
            </strong>
          ))}
        </span>
      )}
      <span className="queue-row__meta">
        {c.number} · {c.age !== null ? t('queue.age', { age: c.age }) : t('queue.ageUnknown')} · {c.complaint}
      </span>
      <span className="queue-row__status">
        {tc(`callStatus.${c.status}`)}
        {overdue && <strong className="queue-row__overdue-label"> · {t('queue.overdue')}</strong>}
      </span>
    </>
  );
  const className = `queue-row queue-row--${c.clinicalClass}${overdue ? ' queue-row--overdue' : ''}${selected ? ' queue-row--selected' : ''}`;
  if (!onSelect) {
    return (
      <div className={className} data-testid="queue-row" data-call-id={c.id} data-overdue={overdue}>
        {body}
      </div>
    );
  }
  return (
    <button
      type="button"
      className={className}
      data-testid="queue-row"
      data-call-id={c.id}
      data-overdue={overdue}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(c.id)}
      onKeyDown={(e) => {
        // Arrow keys walk the queue without leaving it.
        if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
        e.preventDefault();
        const rows = [...document.querySelectorAll<HTMLButtonElement>('button[data-testid="queue-row"]')];
        const i = rows.indexOf(e.currentTarget);
        rows[e.key === 'ArrowDown' ? Math.min(rows.length - 1, i + 1) : Math.max(0, i - 1)]?.focus();
      }}
    >
      {body}
    </button>
  );
});

function WaitClock({ receivedAt, fixedNow }: { receivedAt: string; fixedNow: number | undefined }) {
  const { t } = useTranslation('dispatch');
  const wait = formatElapsed(useClock(fixedNow) - Date.parse(receivedAt));
  return (
    <span className="queue-row__wait" data-testid="queue-wait" aria-label={t('queue.waitedFor', { value: wait })}>
      {wait}
    </span>
  );
}
