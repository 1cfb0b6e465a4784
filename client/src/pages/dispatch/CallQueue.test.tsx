import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { buildCall } from '@dispatch/shared/domain/testFactories';
import i18n from '../../i18n/index.ts';
import { CallQueue } from './CallQueue.tsx';
import { queueOf } from './model.ts';

const NOW = Date.parse('2023-01-05T10:00:00Z');
const ago = (min: number) => new Date(NOW - min * 60_000).toISOString();

beforeAll(async () => {
  await i18n.changeLanguage('en');
});
afterEach(cleanup);

function renderQueue(calls: ReturnType<typeof buildCall>[]) {
  const { waiting, active } = queueOf(calls, NOW);
  render(<CallQueue waiting={waiting} active={active} now={NOW} thresholds={{ queueWaitMinutes: 10 }} selectedId={null} onSelect={() => {}} />);
  return screen.getAllByTestId('queue-row');
}

describe('call queue', () => {
  it('orders waiting calls by the shared priority rule, not by arrival, and keeps calls under way below', () => {
    const rows = renderQueue([
      buildCall({ id: 1, address: 'mild, oldest', clinicalClass: 'mild', age: 40, receivedAt: ago(20) }),
      buildCall({ id: 2, address: 'common, 82, red', clinicalClass: 'common', age: 82, riskTier: 'red', receivedAt: ago(2) }),
      buildCall({ id: 3, address: 'critical, newest', clinicalClass: 'critical', age: 50, receivedAt: ago(1) }),
      buildCall({ id: 4, address: 'common, pregnant', clinicalClass: 'common', age: 29, flags: { nursingHome: false, pregnant: true, needsBed: false }, receivedAt: ago(3) }),
      buildCall({ id: 5, address: 'en route', clinicalClass: 'critical', status: 'en_route', receivedAt: ago(30) }),
      buildCall({ id: 6, address: 'closed', status: 'closed', outcome: 'advice', receivedAt: ago(4) }),
    ]);
    expect(rows.map((r) => r.getAttribute('data-call-id'))).toEqual(['3', '2', '4', '1', '5']);
  });

  it('shows class, age, tier and priority-group flags, and counts the wait up from receipt', () => {
    const [row] = renderQueue([buildCall({ id: 7, clinicalClass: 'severe', age: 76, riskTier: 'yellow', flags: { nursingHome: true, pregnant: false, needsBed: false }, receivedAt: ago(4.5) })]);
    if (!row) throw new Error('no row');
    const r = within(row);
    expect(r.getByText('Severe')).toBeTruthy();
    expect(r.getByText('Yellow')).toBeTruthy();
    expect(r.getByText('70+')).toBeTruthy();
    expect(r.getByText('Nursing home')).toBeTruthy();
    expect(r.queryByText('Pregnant')).toBeNull();
    expect(r.getByText(/76 y/)).toBeTruthy();
    expect(r.getByTestId('queue-wait').textContent).toBe('4:30');
  });

  it('turns a call loud once it has waited past the threshold, and only while it still waits', () => {
    const rows = renderQueue([
      buildCall({ id: 8, receivedAt: ago(9.9) }),
      buildCall({ id: 9, receivedAt: ago(10) }),
      buildCall({ id: 10, receivedAt: ago(45), status: 'on_scene' }),
    ]);
    const loud = rows.filter((r) => r.getAttribute('data-overdue') === 'true').map((r) => r.getAttribute('data-call-id'));
    expect(loud).toEqual(['9']);
    const overdueRow = rows.find((r) => r.getAttribute('data-call-id') === '9');
    expect(overdueRow?.className).toContain('queue-row--overdue');
    expect(overdueRow?.textContent).toContain('WAITING TOO LONG');
  });

  it('shows the vital part of a long complaint in full, on its own line', () => {
    const complaint = '发热五天，咳嗽咳痰，既往慢阻肺、高血压、糖尿病，近两天加重，呼吸急促 35 次/分，指氧只有 86%，家属诉今晨起意识模糊';
    const [row] = renderQueue([buildCall({ id: 8, clinicalClass: 'severe', complaint, receivedAt: ago(2) })]);
    if (!row) throw new Error('no row');
    const vitals = within(row).getByTestId('queue-vitals');
    expect([...vitals.querySelectorAll('strong')].map((e) => e.textContent)).toEqual(['呼吸急促 35 次/分', '指氧只有 86%', '意识模糊']);
    cleanup();
    const [none] = renderQueue([buildCall({ id: 9, complaint: '发热三天', receivedAt: ago(2) })]);
    expect(none && within(none).queryByTestId('queue-vitals')).toBeNull();
  });

  it('re-sorts as time passes: an asymptomatic call that has waited an hour passes a newer common one', () => {
    const asym = buildCall({ id: 11, clinicalClass: 'asymptomatic', age: 40, receivedAt: ago(50) });
    const common = buildCall({ id: 12, clinicalClass: 'common', age: 40, receivedAt: ago(5) });
    expect(queueOf([asym, common], NOW).waiting.map((c) => c.id)).toEqual([12, 11]);
    expect(queueOf([asym, common], NOW + 10 * 60_000).waiting.map((c) => c.id)).toEqual([11, 12]);
    // The city's setting: ageing off keeps the class order however long the wait.
    expect(queueOf([asym, common], NOW + 600 * 60_000, { minutesPerStep: 0 }).waiting.map((c) => c.id)).toEqual([12, 11]);
  });

  it('keeps a call it cannot rank visible, after the ranked ones, and reports it', () => {
    const odd = buildCall({ id: 13, clinicalClass: 'urgent' as never, receivedAt: ago(90) });
    const plain = buildCall({ id: 14, receivedAt: ago(1) });
    const q = queueOf([odd, plain], NOW);
    expect(q.waiting.map((c) => c.id)).toEqual([14, 13]);
    expect(q.unranked).toEqual([13]);
  });
});

