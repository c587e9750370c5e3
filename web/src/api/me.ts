import type { Lang } from '../format';
import { api, unwrap } from './client';

/** The signed-in user as /api/auth/me gives them, with their effective language. */
export async function fetchMe(): Promise<{ language?: string }> {
  return (await unwrap(api.GET('/api/auth/me'))) as { language?: string };
}

/** Remembers the language chosen in the menu on the user's account. */
export async function saveLanguage(language: Lang): Promise<void> {
  await unwrap(api.PATCH('/api/auth/me' as never, { body: { language } } as never));
}
