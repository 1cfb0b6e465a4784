import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import type { GeocodeCandidate, LonLat, Place } from '@dispatch/shared';
import i18n from '../../i18n/index.ts';
import { IntakeForm } from './IntakeForm.tsx';

const place = (name: string, town: string, kind: Place['kind'], lon: number, lat: number): Place => ({ name, aliases: [], kind, town, setting: 'rural', lon, lat });
const ZHOU: GeocodeCandidate[] = [
  { place: place('周巷镇', '周巷镇', 'town', 121.148, 30.186), score: 13.9 },
  { place: place('周家村', '周巷镇', 'village', 121.151, 30.19), score: 12.1 },
  { place: place('周塘村', '周巷镇', 'village', 121.155, 30.181), score: 12.0 },
];

let asked: string[] = [];
beforeAll(async () => {
  await i18n.changeLanguage('en');
});
beforeEach(() => {
  asked = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith('/api/geocode')) asked.push(new URL(url, 'http://x').searchParams.get('q') ?? '');
    const body = url.startsWith('/api/geocode') ? ZHOU : url.startsWith('/api/calls/check') ? { repeatOf: [], nearby: [] } : { features: [] };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  localStorage.clear();
});

function Harness({ onCancel = () => {}, onLocation = () => {} }: { onCancel?: () => void; onLocation?: (l: LonLat | null) => void }) {
  const [location, setLocation] = useState<LonLat | null>(null);
  return (
    <IntakeForm
      user="dispatcher"
      location={location}
      onLocation={(l) => {
        setLocation(l);
        onLocation(l);
      }}
      onQueued={() => {}}
      onMerged={() => {}}
      onCancel={onCancel}
    />
  );
}

const address = () => screen.getByRole('combobox', { name: /^address/i }) as HTMLInputElement;
const options = () => screen.queryAllByRole('option');

describe('address search in the intake form (combobox)', () => {
  it('lists candidates as you type, moves with the arrows, and Enter picks: location as a map click sets it, the name as address', async () => {
    const onLocation = vi.fn();
    render(<Harness onLocation={onLocation} />);
    fireEvent.change(address(), { target: { value: 'z' } });
    await new Promise((r) => setTimeout(r, 200));
    expect(asked).toEqual([]);
    expect(address().getAttribute('aria-expanded')).toBe('false');

    fireEvent.change(address(), { target: { value: 'zhou' } });
    await waitFor(() => expect(options()).toHaveLength(3));
    expect(asked).toEqual(['zhou']);
    expect(address().getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('listbox').id).toBe(address().getAttribute('aria-controls'));
    expect(address().getAttribute('aria-activedescendant')).toBe(options()[0]?.id);

    fireEvent.keyDown(address(), { key: 'ArrowDown' });
    expect(options()[1]?.getAttribute('aria-selected')).toBe('true');
    expect(address().getAttribute('aria-activedescendant')).toBe(options()[1]?.id);
    fireEvent.keyDown(address(), { key: 'ArrowDown' });
    fireEvent.keyDown(address(), { key: 'ArrowDown' });
    expect(options()[0]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(address(), { key: 'ArrowUp' });
    expect(options()[2]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(address(), { key: 'ArrowUp' });

    const notPrevented = fireEvent.keyDown(address(), { key: 'Enter' });
    expect(notPrevented).toBe(false);
    expect(onLocation).toHaveBeenLastCalledWith({ lon: 121.151, lat: 30.19 });
    expect(address().value).toBe('周巷镇 周家村');
    expect((screen.getByLabelText(/^location/i) as HTMLInputElement).value).toBe('121.15100, 30.19000');
    expect(screen.getByText(/Location set to 周家村 \(周巷镇\)/)).toBeTruthy();
    expect(options()).toHaveLength(0);
    expect(address().getAttribute('aria-expanded')).toBe('false');
  });

  it('keeps an address the caller gave, and Esc closes the list without losing the text or cancelling the call', async () => {
    const onCancel = vi.fn();
    render(<Harness onCancel={onCancel} />);
    fireEvent.change(address(), { target: { value: '周巷镇 周巷大街 12号' } });
    await waitFor(() => expect(options()).toHaveLength(3));
    fireEvent.keyDown(address(), { key: 'Escape' });
    expect(options()).toHaveLength(0);
    expect(address().value).toBe('周巷镇 周巷大街 12号');
    expect(onCancel).not.toHaveBeenCalled();
    // With the list closed, Enter is the form's again (not held back) and Esc cancels as before.
    expect(fireEvent.keyDown(address(), { key: 'Enter' })).toBe(true);
    fireEvent.keyDown(address(), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);

    fireEvent.change(address(), { target: { value: '周巷镇 周巷大街 128号' } });
    await waitFor(() => expect(options()).toHaveLength(3));
    fireEvent.keyDown(address(), { key: 'Enter' });
    expect(address().value).toBe('周巷镇 周巷大街 128号');
    expect((screen.getByLabelText(/^location/i) as HTMLInputElement).value).toBe('121.14800, 30.18600');
  });

  it('leaves Ctrl+Enter to the form while the list is open: it submits, it does not pick', async () => {
    render(<Harness />);
    fireEvent.change(address(), { target: { value: 'zhou' } });
    await waitFor(() => expect(options()).toHaveLength(3));
    fireEvent.keyDown(address(), { key: 'Enter', ctrlKey: true });
    // Submitted: the empty phone is flagged; nothing was picked.
    expect((screen.getByLabelText(/caller phone/i) as HTMLInputElement).getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByLabelText(/^location/i) as HTMLInputElement).value).toBe('');
  });
});
