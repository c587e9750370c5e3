import type { User } from './api/types';
import type { Lang } from './format';

/**
 * The signed-in user and their token, kept for the browser tab only (sessionStorage): a shared
 * computer at a provider's office does not stay signed in after the browser closes.
 */
const KEY = 'avustus.session';

export interface Session {
  token: string;
  user: User;
  /** The user's effective language (their organisation's unless they chose another) */
  language?: Lang;
}

let current: Session | null = read();
const listeners = new Set<() => void>();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
