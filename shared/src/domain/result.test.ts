import { describe, expect, it } from 'vitest';
import { err, ok } from './result.ts';

describe('result', () => {
  it('wraps values and errors', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(err('X', 'bad', 'now')).toEqual({ ok: false, error: { code: 'X', message: 'bad', current: 'now' } });
    expect(err('X', 'bad')).toStrictEqual({ ok: false, error: { code: 'X', message: 'bad' } });
  });
});
