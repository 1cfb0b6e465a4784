import { describe, expect, it } from 'vitest';
import { decodePositions, encodePositions } from './positionsWire.ts';
import type { PositionFrame } from './realtime.ts';

describe('binary positions frame', () => {
  it('round-trips every field at the precision the screens use, in 20 bytes a fix', () => {
    const frame: PositionFrame = {
      at: 1_795_625_000_000,
      fixes: [
        [5, 121.272123, 30.186845, 359, 57, 1_795_624_999_750],
        [64, 121.04, 30.51, 0, 0, 1_795_624_400_000],
      ],
    };
    const wire = encodePositions(frame);
    expect(wire.fixes.byteLength).toBe(40);
    expect(decodePositions(wire)).toEqual(frame);
  });

  it('decodes a Node Buffer view that does not start at offset 0', () => {
    const wire = encodePositions({ at: 1000, fixes: [[7, 121.5, 30.2, 90, 40, 900]] });
    const padded = Buffer.concat([Buffer.alloc(3), Buffer.from(wire.fixes as Uint8Array)]).subarray(3);
    expect(decodePositions({ at: 1000, fixes: padded }).fixes).toEqual([[7, 121.5, 30.2, 90, 40, 900]]);
  });

  it('an empty frame is empty', () => {
    expect(decodePositions(encodePositions({ at: 1, fixes: [] })).fixes).toEqual([]);
  });
});
