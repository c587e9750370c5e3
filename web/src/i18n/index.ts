import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../format';
import en from './en.json';
import fi from './fi.json';
import sv from './sv.json';

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
  resources: { fi: { translation: fi }, sv: { translation: sv }, en: { translation: en } },
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
