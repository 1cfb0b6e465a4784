import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import type { LonLat } from '@dispatch/shared';
import i18n from '../../i18n/index.ts';
import { IntakeForm } from './IntakeForm.tsx';
import { draftToBody, EMPTY_DRAFT, fieldOf } from './intakeDraft.ts';

beforeAll(async () => {
  await i18n.changeLanguage('en');
});
afterEach(() => {
  cleanup();
  localStorage.clear();
});

function Harness({ onQueued }: { onQueued: () => void }) {
  const [location, setLocation] = useState<LonLat | null>(null);
  return <IntakeForm user="dispatcher" location={location} onLocation={setLocation} onQueued={onQueued} onMerged={() => {}} onCancel={() => {}} />;
}

const field = (name: RegExp) => screen.getByLabelText(name) as HTMLInputElement;
const errorOf = (input: HTMLElement) => {
  const id = input.getAttribute('aria-describedby');
  return id ? document.getElementById(id)?.textContent : null;
};

describe('intake form validation', () => {
  it('shows every missing field inline, moves focus to the first, and sends nothing', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const onQueued = vi.fn();
    render(<Harness onQueued={onQueued} />);
    fetchSpy.mockClear();
    fireEvent.click(screen.getByTestId('intake-submit'));
    expect(field(/caller phone/i).getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(field(/caller phone/i))).toBe('Required');
    expect(errorOf(field(/^address/i))).toBe('Required');
    expect(errorOf(field(/^location/i))).toMatch(/click the map/i);
    expect(errorOf(field(/complaint/i))).toBe('Required');
    expect(screen.getByText('Choose one')).toBeTruthy();
    expect(document.activeElement).toBe(field(/caller phone/i));
    expect(fetchSpy).not.toHaveBeenCalledWith('/api/calls', expect.anything());
    expect(onQueued).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it('explains a malformed phone, a bad age and unreadable coordinates in the schema\'s terms', () => {
    render(<Harness onQueued={() => {}} />);
    fireEvent.change(field(/caller phone/i), { target: { value: '12a' } });
    fireEvent.change(field(/^age/i), { target: { value: '200' } });
    fireEvent.change(field(/^location/i), { target: { value: 'near the bridge' } });
    fireEvent.click(screen.getByTestId('intake-submit'));
    expect(errorOf(field(/caller phone/i))).toMatch(/5 to 20 digits/);
    expect(errorOf(field(/^age/i))).toBe('Out of range');
    expect(errorOf(field(/^location/i))).toMatch(/coordinates/);
    // Correcting a field clears its message at once.
    fireEvent.change(field(/caller phone/i), { target: { value: '13800138000' } });
    expect(field(/caller phone/i).getAttribute('aria-invalid')).toBeNull();
  });

  it('accepts typed coordinates in either order', () => {
    render(<Harness onQueued={() => {}} />);
    fireEvent.change(field(/^location/i), { target: { value: '30.17, 121.27' } });
    fireEvent.click(screen.getByTestId('intake-submit'));
    expect(field(/^location/i).getAttribute('aria-invalid')).toBeNull();
  });
});

describe('intake draft → CreateCallBody', () => {
  it('builds the body the server expects from a complete draft', () => {
    const r = draftToBody({ ...EMPTY_DRAFT, callerPhone: '139 5740 0001', address: 'Hushan', complaint: 'fever', clinicalClass: 'severe', age: '82', riskTier: 'red', nursingHome: true }, { lon: 121.27, lat: 30.17 }, 'advice');
    expect(r).toEqual({
      ok: true,
      body: expect.objectContaining({ callerPhone: '139 5740 0001', age: 82, riskTier: 'red', flags: { nursingHome: true, pregnant: false, needsBed: false }, closeAs: 'advice', lon: 121.27, lat: 30.17 }),
    });
  });

  it('sends the need for a bed the dispatcher ticks on the form', () => {
    render(<Harness onQueued={() => {}} />);
    const box = screen.getByLabelText(/needs a bed \(admission\)/i) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    expect(box.checked).toBe(true);
    const r = draftToBody({ ...EMPTY_DRAFT, callerPhone: '139 5740 0001', address: 'Hushan', complaint: 'positive, frail', clinicalClass: 'asymptomatic', needsBed: true }, { lon: 121.27, lat: 30.17 });
    expect(r.ok && r.body.flags).toEqual({ nursingHome: false, pregnant: false, needsBed: true });
  });

  it('puts a server error on lon or lat under the location field', () => {
    expect(fieldOf('lat')).toBe('location');
    expect(fieldOf('lon')).toBe('location');
    expect(fieldOf('callerPhone')).toBe('callerPhone');
    expect(fieldOf('flags.pregnant')).toBeNull();
  });
});
