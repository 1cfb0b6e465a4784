import { describe, expect, it } from 'vitest';
import { panelKeyAction, type PanelKey } from './panelKeys.ts';

const press = (over: Partial<PanelKey>): PanelKey => ({ key: '', code: '', shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, onButton: false, ...over });
const enter = press({ key: 'Enter', code: 'Enter' });
const one = press({ key: '1', code: 'Digit1' });
const altS = press({ key: 's', code: 'KeyS', altKey: true });

describe('call panel keys', () => {
  it('first assignment: Enter and number keys send, as before', () => {
    expect(panelKeyAction(enter, false, false)).toEqual({ kind: 'assign' });
    expect(panelKeyAction(one, false, false)).toEqual({ kind: 'pickUnit', index: 0, send: true });
    expect(panelKeyAction(press({ key: '!', code: 'Digit1', shiftKey: true }), false, false)).toEqual({ kind: 'pickHospital', index: 0 });
    expect(panelKeyAction(altS, false, false)).toBeNull();
  });

  it('unit already on the call: Enter is blocked, number keys only choose, Alt+S asks for confirmation', () => {
    expect(panelKeyAction(enter, true, false)).toEqual({ kind: 'blocked' });
    expect(panelKeyAction(press({ key: '3', code: 'Digit3' }), true, false)).toEqual({ kind: 'pickUnit', index: 2, send: false });
    expect(panelKeyAction(altS, true, false)).toEqual({ kind: 'additional' });
    // Alt+S is read from the physical key, so a layout or IME that yields "ß" or "s" alike still works.
    expect(panelKeyAction(press({ key: 'ß', code: 'KeyS', altKey: true }), true, false)).toEqual({ kind: 'additional' });
  });

  it('Enter on a button is left to the button; Ctrl+digit is not a shortcut', () => {
    expect(panelKeyAction(press({ key: 'Enter', onButton: true }), false, false)).toBeNull();
    expect(panelKeyAction(press({ key: 'Enter', onButton: true }), true, false)).toBeNull();
    expect(panelKeyAction(press({ key: '1', code: 'Digit1', ctrlKey: true }), false, false)).toBeNull();
  });

  it('O toggles the override only where a diversion needs it', () => {
    expect(panelKeyAction(press({ key: 'o', code: 'KeyO' }), false, true)).toEqual({ kind: 'override' });
    expect(panelKeyAction(press({ key: 'o', code: 'KeyO' }), false, false)).toBeNull();
  });
});
