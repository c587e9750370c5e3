import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** Back from an edit page to its list. */
export function BackToList({ to, label }: { to: '/admin/users' | '/admin/organizations'; label: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.breadcrumb')} className="breadcrumb">
      <Link to={to}>{label}</Link>
    </nav>
  );
}
