/** Names in the console's language. */
import type { Hospital } from '@dispatch/shared';

export const hospitalName = (h: Pick<Hospital, 'name' | 'nameEn'> | undefined, lang: string, fallback = '—'): string =>
  h ? (lang.startsWith('en') ? h.nameEn : h.name) : fallback;
