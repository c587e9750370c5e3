import { useTranslation } from 'react-i18next';
import type { LocalizedText } from './api/types';
import type { Lang } from './format';

/** The UI's language as the formatters take it. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  const l = i18n.language;
  return l === 'sv' || l === 'en' ? l : 'fi';
}

/** A call's text in the user's language, else Finnish (always present). */
export function localized(text: LocalizedText, lang: Lang): string {
  return text[lang] ?? text.fi;
}
