import { describe, expect, it } from 'vitest';
import { passwordProblem, passwordProblemMessage } from './passwordStrength.ts';

describe('passwordProblem', () => {
  it('accepts a long password mixing two kinds of character', () => {
    expect(passwordProblem('long-enough-pw', 'ed.h03')).toBeNull();
    expect(passwordProblem('Tiger lily 44', 'root')).toBeNull();
  });

  it('refuses fewer than 12 characters, counting code points', () => {
    expect(passwordProblem('short-pw-1')).toBe('too_short');
    expect(passwordProblem('急救急救-急救急救-120')).toBeNull();
    expect(passwordProblem('😀😀😀😀😀😀😀😀😀😀😀')).toBe('too_short');
  });

  it('refuses a password of one character class', () => {
    expect(passwordProblem('abcdefghijklmn')).toBe('one_class');
    expect(passwordProblem('12345678901234')).toBe('one_class');
    expect(passwordProblem('ABCDEFGHIJKLMN')).toBe('one_class');
  });

  it('refuses a password with the username inside, in any case', () => {
    expect(passwordProblem('my-Chief.Admin-2026', 'chief.admin')).toBe('contains_username');
    // A username of one or two characters is inside too many passwords to mean anything.
    expect(passwordProblem('ab-is-not-checked', 'ab')).toBeNull();
  });

  it('refuses the most common passwords, ignoring case', () => {
    expect(passwordProblem('Password1234')).toBe('common');
    expect(passwordProblem('1qaz2wsx3edc')).toBe('common');
  });

  it('says why in a sentence naming the password', () => {
    expect(passwordProblemMessage('too_short')).toBe('password must be at least 12 characters');
  });
});
