import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../format';
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

function stored(): Lang {
  try {
    const v = localStorage.getItem(KEY);
    return LANGS.includes(v as Lang) ? (v as Lang) : 'fi';
  } catch {
    return 'fi';
  }
}

void i18n.use(initReactI18next).init({
  resources: {
    fi: { translation: messages('fi', fi) },
    sv: { translation: messages('sv', sv) },
    en: { translation: messages('en', en) },
  },
  lng: stored(),
  fallbackLng: 'fi',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(KEY, lng);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
});

export function currentLang(): Lang {
  return (LANGS.includes(i18n.language as Lang) ? i18n.language : 'fi') as Lang;
}

export default i18n;
