import type { Lang } from '../format';
import { api, unwrap } from './client';

/** The signed-in user's language: their own choice, else their organisation's (/api/auth/me says which). */
export async function fetchUserLanguage(): Promise<string> {
  const me = await unwrap(api.GET('/api/auth/me'));
  return me.effectiveLanguage;
}

/** Remembers the language chosen in the menu on the user's account. */
export async function saveLanguage(language: Lang): Promise<void> {
  await unwrap(api.PATCH('/api/auth/me', { body: { language } }));
}
