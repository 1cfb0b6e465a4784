import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { buildCall } from '@dispatch/shared/domain/testFactories';
import i18n from '../../i18n/index.ts';
import { AdditionalUnitDialog } from './AdditionalUnitDialog.tsx';

beforeAll(async () => {
  await i18n.changeLanguage('en');
});
afterEach(cleanup);

function renderDialog() {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  const call = buildCall({ id: 7, number: '0105-0042', address: '浒山街道 孙塘北路 20号' });
  render(<AdditionalUnitDialog call={call} unit="CX-02" hospital="Cixi People's Hospital" onCall={['CX-01']} onConfirm={onConfirm} onCancel={onCancel} />);
  return { onConfirm, onCancel, dialog: screen.getByRole('alertdialog', { name: 'Send an additional unit to call 0105-0042?' }) };
}

describe('additional unit confirmation', () => {
  it('names the call, its address, the unit already on it and the one to send, and opens on Cancel', () => {
    const { dialog } = renderDialog();
    expect(dialog.textContent).toContain('0105-0042 · 浒山街道 孙塘北路 20号');
    expect(dialog.textContent).toContain('Already on this call: CX-01.');
    expect(screen.getByTestId('additional-confirm').textContent).toBe('Yes, send CX-02 to 0105-0042');
    expect(document.activeElement).toBe(screen.getByTestId('additional-cancel'));
  });

  it('Esc cancels and Tab stays inside; only "Yes" confirms', () => {
    const { onConfirm, onCancel } = renderDialog();
    fireEvent.keyDown(screen.getByTestId('additional-cancel'), { key: 'Tab' });
    expect(document.activeElement).toBe(screen.getByTestId('additional-confirm'));
    fireEvent.keyDown(screen.getByTestId('additional-confirm'), { key: 'Tab' });
    expect(document.activeElement).toBe(screen.getByTestId('additional-cancel'));
    fireEvent.keyDown(screen.getByTestId('additional-cancel'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('additional-confirm'));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });
});
