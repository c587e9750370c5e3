import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Paragraph } from 'suomifi-ui-components';
import { PageHeading } from '../../components/PageHeading';
import { LoadError } from './AdminNav';
import { userRoles } from '../../roles';
import { useOrganizations, useUsers } from './queries';

/** The admin's list of users: name, e-mail, organisation, roles, whether active; each with an edit link. */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const orgs = useOrganizations();
  const [q, setQ] = useState('');
  const orgName = new Map((orgs.data ?? []).map((o) => [o.id, o.name]));
  const needle = q.trim().toLowerCase();
  const shown = [...(users.data ?? [])]
    .filter((u) => !needle || u.name.toLowerCase().includes(needle) || u.email.includes(needle))
    .sort((a, b) => a.name.localeCompare(b.name, 'fi'));
  return (
    <>
      <PageHeading title={t('accounts.users.title')}>{t('accounts.users.title')}</PageHeading>
      <Paragraph className="lead">{t('accounts.users.intro')}</Paragraph>
      <div className="native-field list-filter">
        <label htmlFor="user-filter">{t('accounts.users.filter')}</label>
        <input id="user-filter" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      {users.isPending && <p>{t('common.loading')}</p>}
      {users.isError && <LoadError error={users.error} />}
      {users.isSuccess && (
        <>
          <p className="meta" aria-live="polite">
            {t('accounts.users.count', { count: shown.length })}
          </p>
          {shown.length === 0 ? (
            <p>{t('accounts.users.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">{t('accounts.users.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('accounts.users.name')}</th>
                    <th scope="col">{t('accounts.users.email')}</th>
                    <th scope="col">{t('accounts.users.organization')}</th>
                    <th scope="col">{t('accounts.users.roles')}</th>
                    <th scope="col">{t('accounts.users.active')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('accounts.users.edit')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((u) => (
                    <tr key={u.id} className={u.active ? undefined : 'row-inactive'}>
                      <th scope="row">{u.name}</th>
                      <td className="break">{u.email}</td>
                      <td>{orgName.get(u.organizationId) ?? '…'}</td>
                      <td>
                        {userRoles(u.roles)
                          .map((r) => t(`roles.${r}`))
                          .join(', ')}
                      </td>
                      <td>{u.active ? t('accounts.users.yes') : t('accounts.users.no')}</td>
                      <td>
                        <Link
                          to="/admin/users/$userId"
                          params={{ userId: u.id }}
                          className="link"
                          aria-label={t('accounts.users.editLabel', { name: u.name })}
                        >
                          {t('accounts.users.edit')}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
