import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Paragraph } from 'suomifi-ui-components';
import { PageHeading } from '../../components/PageHeading';
import { LoadError } from './AdminNav';
import { friendlyIban } from './iban';
import { useOrganizations } from './queries';

/** The admin's list of organisations: name, business ID, kind, municipality, language, IBAN; each with an edit link. */
export function OrganizationsPage() {
  const { t } = useTranslation();
  const orgs = useOrganizations();
  const [q, setQ] = useState('');
  const needle = q.trim().toLowerCase();
  const shown = (orgs.data ?? []).filter((o) => !needle || o.name.toLowerCase().includes(needle) || o.businessId.includes(needle));
  return (
    <>
      <PageHeading title={t('accounts.organizations.title')}>{t('accounts.organizations.title')}</PageHeading>
      <Paragraph className="lead">{t('accounts.organizations.intro')}</Paragraph>
      <div className="native-field list-filter">
        <label htmlFor="org-filter">{t('accounts.organizations.filter')}</label>
        <input id="org-filter" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      {orgs.isPending && <p>{t('common.loading')}</p>}
      {orgs.isError && <LoadError error={orgs.error} />}
      {orgs.isSuccess && (
        <>
          <p className="meta" aria-live="polite">
            {t('accounts.organizations.count', { count: shown.length })}
          </p>
          {shown.length === 0 ? (
            <p>{t('accounts.organizations.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">{t('accounts.organizations.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('accounts.organizations.name')}</th>
                    <th scope="col">{t('accounts.organizations.businessId')}</th>
                    <th scope="col">{t('accounts.organizations.kind')}</th>
                    <th scope="col">{t('accounts.organizations.municipality')}</th>
                    <th scope="col">{t('accounts.organizations.language')}</th>
                    <th scope="col">{t('accounts.organizations.iban')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('accounts.organizations.edit')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((o) => (
                    <tr key={o.id}>
                      <th scope="row">{o.name}</th>
                      <td className="nowrap">{o.businessId}</td>
                      <td>{t(`accounts.kind.${o.kind}`)}</td>
                      <td>{o.municipality ?? ''}</td>
                      <td>{t(`accounts.lang.${o.language}`)}</td>
                      <td className="nowrap">
                        {o.iban ? friendlyIban(o.iban) : <span className="meta">{t('accounts.organizations.noIban')}</span>}
                      </td>
                      <td>
                        <Link
                          to="/admin/organizations/$organizationId"
                          params={{ organizationId: o.id }}
                          className="link"
                          aria-label={t('accounts.organizations.editLabel', { name: o.name })}
                        >
                          {t('accounts.organizations.edit')}
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
