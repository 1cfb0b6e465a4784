/**
 * Whether a password is strong enough for an account of this centre. One rule for the admin API, the
 * admin screen and `pnpm admin:create`; the demo seed's fixed passwords do not go through it.
 */

export const MIN_PASSWORD_LENGTH = 12;

/** Passwords that top every leaked-password list (lower case, compared case-insensitively). */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', 'qwertyuiopas', 'qwertyuiop12', '1qaz2wsx3edc', '1q2w3e4r5t6y',
  'passwordpassword', 'password1234', 'password123!', 'password@123', 'p@ssw0rd1234', 'iloveyou1234',
  'admin1234567', 'administrator', 'admin@123456', 'welcome12345', 'changeme1234', 'letmein12345',
  'woaini520131', 'woaini1314520', 'aa1234567890', 'abc123456789', 'abcd12345678', 'a123456789012',
  'qwe123456789', 'zxcvbnm12345', '1234qwerasdf', 'qwer1234asdf', 'asdf1234qwer', '5201314520131',
]);

export type PasswordProblem = 'too_short' | 'one_class' | 'contains_username' | 'common';

const MESSAGES: Record<PasswordProblem, string> = {
  too_short: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
  one_class: 'must mix at least two kinds of character (letters, digits, symbols)',
  contains_username: 'must not contain the username',
  common: 'is one of the most common passwords',
};

/** The character classes a password draws from: lower, upper, digit, anything else. */
function classCount(password: string): number {
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];
  return classes.filter((re) => re.test(password)).length;
}

/** The first reason a password is too weak, or null when it is acceptable. */
export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (classCount(password) < 2) return 'one_class';
  const user = username?.trim().toLowerCase() ?? '';
  if (user.length >= 3 && password.toLowerCase().includes(user)) return 'contains_username';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'common';
  return null;
}

/** The reason as a sentence about "password", for a 400 body or a terminal. */
export function passwordProblemMessage(problem: PasswordProblem): string {
  return `password ${MESSAGES[problem]}`;
}
