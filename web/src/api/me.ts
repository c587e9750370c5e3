import type { Lang } from '../format';
import { api, unwrap } from './client';

/**
 * The signed-in user's effective language: the one /api/auth/me gives (their own choice, else
 * their organisation's), or, from an API that does not say, their organisation's.
 */
export async function fetchUserLanguage(organizationId: string): Promise<string | undefined> {
  const me = (await unwrap(api.GET('/api/auth/me'))) as { language?: string };
  if (me.language) return me.language;
  const org = await unwrap(api.GET('/api/organizations/{id}', { params: { path: { id: organizationId } } }));
  return org.language;
}

/** Remembers the language chosen in the menu on the user's account. */
export async function saveLanguage(language: Lang): Promise<void> {
  await unwrap(api.PATCH('/api/auth/me' as never, { body: { language } } as never));
}
