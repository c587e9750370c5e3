import { Heading } from 'suomifi-ui-components';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { announce, takeNavigation } from './announcer';

/**
 * The page's one h1. After a navigation inside the app it takes the focus (so keyboard and
 * screen-reader users start at the new page's top) and the page's name is announced; the
 * document title follows it.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
    if (takeNavigation()) {
      ref.current?.focus();
      announce(title);
    }
  }, [title, t]);
  return (
    <Heading variant="h1" ref={ref} tabIndex={-1} id="page-heading" className="page-heading">
      {children}
    </Heading>
  );
}
