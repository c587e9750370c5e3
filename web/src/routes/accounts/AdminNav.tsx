import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

/** Back from an edit page to its list. */
export function BackToList({ to, label }: { to: '/admin/users' | '/admin/organizations'; label: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.breadcrumb')} className="breadcrumb">
      <Link to={to}>{label}</Link>
    </nav>
  );
}

/** Why a list could not be shown: not an admin (403), or the service could not be reached. */
export function LoadError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const forbidden = error instanceof ApiError && error.problem.status === 403;
  return <p role="alert">{forbidden ? t('accounts.errors.forbidden') : t('errors.loadFailed')}</p>;
}
