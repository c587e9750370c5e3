import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { saveLanguage } from '../api/me';
import type { Lang } from '../format';
import { getSession, setSession } from '../session';
import en from './en.json';
import fi from './fi.json';
import sv from './sv.json';

type Messages = { [key: string]: string | string[] | Messages };

/**
 * Each room of the UI may keep its own texts beside the shared ones, in `i18n/<room>/<lang>.json`
 * (keys under the room's own top-level name, e.g. `officer.*`), so rooms add texts without touching
 * one another's files. They are merged into the one `translation` namespace.
 */
const roomFiles = import.meta.glob<Messages>('./*/*.json', { eager: true, import: 'default' });

function isMessages(v: unknown): v is Messages {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge(target: Messages, source: Messages): Messages {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    target[key] = isMessages(value) && isMessages(existing) ? merge({ ...existing }, value) : value;
  }
  return target;
}

function messages(lang: Lang, base: Messages): Messages {
  return Object.entries(roomFiles)
    .filter(([path]) => path.endsWith(`/${lang}.json`))
    .sort(([a], [b]) => a.localeCompare(b))
    .reduce((all, [, room]) => merge(all, room), merge({}, base));
}

export const LANGS: readonly Lang[] = ['fi', 'sv', 'en'];
const KEY = 'avustus.lang';

function asLang(v: unknown): Lang | null {
  return LANGS.includes(v as Lang) ? (v as Lang) : null;
}

/** The language picked in the menu before signing in on this browser, if any. */
function picked(): Lang | null {
  try {
    return asLang(localStorage.getItem(KEY));
  } catch {
    return null;
  }
}

/** The browser's first language that the UI speaks (`sv-FI` → sv), else Finnish. */
export function browserLang(languages: readonly string[]): Lang {
  for (const l of languages) {
    const lang = asLang(l.toLowerCase().split('-')[0]);
    if (lang) return lang;
  }
  return 'fi';
}

/**
 * The language of the first page: the signed-in user's own (their organisation's unless they chose
 * another), else the one picked in the menu on this browser, else the browser's.
 */
function initialLang(): Lang {
  return asLang(getSession()?.language) ?? picked() ?? browserLang(navigator.languages ?? [navigator.language]);
}

void i18n.use(initReactI18next).init({
  resources: {
    fi: { translation: messages('fi', fi) },
    sv: { translation: messages('sv', sv) },
    en: { translation: messages('en', en) },
  },
  lng: initialLang(),
  fallbackLng: 'fi',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

/**
 * The language chosen in the menu: remembered on the account when signed in (PATCH /api/auth/me),
 * on this browser otherwise.
 */
export async function chooseLanguage(lang: Lang): Promise<void> {
  await i18n.changeLanguage(lang);
  const session = getSession();
  if (session) {
    setSession({ ...session, language: lang });
    // The page speaks the chosen language either way; if the account cannot store it now, the
    // next sign-in starts in the account's own language again.
    await saveLanguage(lang).catch(() => undefined);
    return;
  }
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}

/** After sign-in: the user's language (from /api/auth/me) becomes the page's. */
export async function adoptLanguage(language: unknown): Promise<void> {
  const lang = asLang(language);
  const session = getSession();
  if (!lang || !session) return;
  setSession({ ...session, language: lang });
  await i18n.changeLanguage(lang);
}

export function currentLang(): Lang {
  return (LANGS.includes(i18n.language as Lang) ? i18n.language : 'fi') as Lang;
}

export default i18n;
