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
  const { waiting, active } = queueOf(calls);
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
});
