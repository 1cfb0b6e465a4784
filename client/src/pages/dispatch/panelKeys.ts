/**
 * What a key press in the call panel means. Pure, so the "no accidental second ambulance" rule is
 * tested without a browser: once a unit is on the call, Enter and the number keys no longer send;
 * only Alt+S opens the confirmation for an additional unit.
 */

export type PanelKeyAction =
  | { kind: 'assign' }
  | { kind: 'pickUnit'; index: number; send: boolean }
  | { kind: 'pickHospital'; index: number }
  | { kind: 'additional' }
  | { kind: 'blocked' }
  | { kind: 'override' };

export interface PanelKey {
  key: string;
  code: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** The key was pressed on a button, which handles Enter itself. */
  onButton: boolean;
}

/** The shortcut that opens "send an additional unit"; shown in the panel and the help overlay. */
export const ADDITIONAL_UNIT_KEY = 'Alt+S';

/** Maps a key press to the panel's action; `unitOnCall` is true once the call has an active transport. */
export function panelKeyAction(k: PanelKey, unitOnCall: boolean, canOverride: boolean): PanelKeyAction | null {
  if (k.altKey && !k.ctrlKey && !k.metaKey && !k.shiftKey && k.code === 'KeyS') return unitOnCall ? { kind: 'additional' } : null;
  const digit = /^Digit([1-9])$/.exec(k.code)?.[1];
  if (digit && !k.ctrlKey && !k.altKey && !k.metaKey) {
    const index = Number(digit) - 1;
    return k.shiftKey ? { kind: 'pickHospital', index } : { kind: 'pickUnit', index, send: !unitOnCall };
  }
  if (k.key === 'Enter' && !k.onButton) return unitOnCall ? { kind: 'blocked' } : { kind: 'assign' };
  if ((k.key === 'o' || k.key === 'O') && canOverride) return { kind: 'override' };
  return null;
}
