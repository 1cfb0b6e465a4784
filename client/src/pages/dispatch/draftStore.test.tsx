import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { useState } from 'react';
import type { LonLat } from '@dispatch/shared';
import i18n from '../../i18n/index.ts';
import { clearIntake, EMPTY_INTAKE, hasContent, loadIntake, saveIntake, useHasIntakeDraft, type SavedIntake } from './draftStore.ts';
import { EMPTY_DRAFT } from './intakeDraft.ts';
import { IntakeForm } from './IntakeForm.tsx';

beforeAll(async () => {
  await i18n.changeLanguage('en');
});
afterEach(() => {
  cleanup();
  localStorage.clear();
});

const buildSaved = (over: Partial<SavedIntake> = {}): SavedIntake => ({
  ...EMPTY_INTAKE,
  draft: { ...EMPTY_DRAFT, callerPhone: '13905740001', complaint: '胸痛' },
  location: { lon: 121.27, lat: 30.17 },
  locationText: '121.27000, 30.17000',
  ...over,
});

describe('intake draft store', () => {
  it('keeps a draft per user and gives it back whole', () => {
    const saved = buildSaved({ picked: { name: '周巷镇', town: '周巷镇', kind: 'town', lon: 121.148, lat: 30.186 } as SavedIntake['picked'] });
    saveIntake('alice', saved);
    expect(loadIntake('alice')).toEqual(saved);
    expect(loadIntake('bob')).toBeNull();
  });

  it('an empty form is no draft, and saving one removes what was kept', () => {
    expect(hasContent(EMPTY_INTAKE)).toBe(false);
    expect(hasContent({ ...EMPTY_INTAKE, draft: { ...EMPTY_DRAFT, pregnant: true } })).toBe(true);
    expect(hasContent({ ...EMPTY_INTAKE, location: { lon: 1, lat: 2 } })).toBe(true);
    saveIntake('alice', buildSaved());
    saveIntake('alice', EMPTY_INTAKE);
    expect(loadIntake('alice')).toBeNull();
  });

  it('reads an unreadable or older entry as no draft, and a missing field as empty', () => {
    localStorage.setItem('dispatch.intakeDraft:alice', '{not json');
    expect(loadIntake('alice')).toBeNull();
    localStorage.setItem('dispatch.intakeDraft:alice', JSON.stringify({ draft: { complaint: 'fall', age: 7 }, location: { lon: 'x' } }));
    expect(loadIntake('alice')).toEqual({ ...EMPTY_INTAKE, draft: { ...EMPTY_DRAFT, complaint: 'fall' } });
  });

  it('tells the page when a draft appears and when it is cleared', () => {
    const { result } = renderHook(() => useHasIntakeDraft('alice'));
    expect(result.current).toBe(false);
    act(() => saveIntake('alice', buildSaved()));
    expect(result.current).toBe(true);
    act(() => clearIntake('alice'));
    expect(result.current).toBe(false);
  });
});

function Harness({ onCancel = () => {} }: { onCancel?: () => void }) {
  const [location, setLocation] = useState<LonLat | null>(() => loadIntake('alice')?.location ?? null);
  return <IntakeForm user="alice" location={location} onLocation={setLocation} onQueued={() => {}} onMerged={() => {}} onCancel={onCancel} />;
}
const field = (name: RegExp) => screen.getByLabelText(name) as HTMLInputElement;

describe('intake form with a kept draft', () => {
  it('comes back as it was after it is closed, and Esc closes without losing it', () => {
    let closed = 0;
    const first = render(<Harness onCancel={() => closed++} />);
    fireEvent.change(field(/caller phone/i), { target: { value: '13905740001' } });
    fireEvent.change(field(/^location/i), { target: { value: '121.27, 30.17' } });
    fireEvent.change(field(/complaint/i), { target: { value: 'fall at home' } });
    fireEvent.keyDown(field(/complaint/i), { key: 'Escape' });
    expect(closed).toBe(1);
    first.unmount();
    render(<Harness />);
    expect(field(/caller phone/i).value).toBe('13905740001');
    expect(field(/complaint/i).value).toBe('fall at home');
    expect(field(/^location/i).value).toBe('121.27, 30.17');
  });

  it('discarding asks first; keeping it changes nothing, confirming empties the form and the store', () => {
    saveIntake('alice', buildSaved());
    render(<Harness />);
    fireEvent.click(screen.getByTestId('intake-discard'));
    expect(screen.getByRole('alertdialog').textContent).toMatch(/discard everything/i);
    fireEvent.click(screen.getByRole('button', { name: /keep the draft/i }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(loadIntake('alice')?.draft.complaint).toBe('胸痛');
    fireEvent.click(screen.getByTestId('intake-discard'));
    fireEvent.click(screen.getByTestId('intake-discard-yes'));
    expect(field(/complaint/i).value).toBe('');
    expect(field(/^location/i).value).toBe('');
    expect(loadIntake('alice')).toBeNull();
  });
});
