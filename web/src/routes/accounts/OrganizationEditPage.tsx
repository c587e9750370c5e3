import { useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, InlineAlert } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import { ORG_KINDS, type Organization } from '../../api/types';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { PageHeading } from '../../components/PageHeading';
import type { Lang } from '../../format';
import { mapAccountErrors, type AccountError } from './account-errors';
import { BackToList } from './AdminNav';
import { errorOf, summaryItems, useErrorText } from './fields';
import { friendlyIban } from './iban';
import { useOrganizations } from './queries';

const LANGS: readonly Lang[] = ['fi', 'sv', 'en'];
const ORDER = ['name', 'kind', 'municipality', 'language', 'iban', 'bic'] as const;

/** `/admin/organizations/:organizationId`: name, kind, municipality, language and the bank account. */
export function OrganizationEditPage() {
  const { t } = useTranslation();
  const { organizationId } = useParams({ strict: false }) as { organizationId: string };
  const orgs = useOrganizations();
  const org = orgs.data?.find((o) => o.id === organizationId);
  if (!org) {
    return (
      <>
        <BackToList to="/admin/organizations" label={t('accounts.organization.back')} />
        <p role={orgs.isError || orgs.isSuccess ? 'alert' : undefined}>
          {orgs.isPending ? t('common.loading') : orgs.isError ? t('errors.loadFailed') : t('accounts.errors.notFound')}
        </p>
      </>
    );
  }
  return <OrganizationForm key={org.id} org={org} />;
}

function OrganizationForm({ org }: { org: Organization }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const queries = useQueryClient();
  const [form, setForm] = useState({
    name: org.name,
    kind: org.kind,
    municipality: org.municipality ?? '',
    language: org.language,
    iban: org.iban ? friendlyIban(org.iban) : '',
    bic: org.bic ?? '',
  });
  const [errors, setErrors] = useState<AccountError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  const labels: Record<string, string> = {
    name: t('accounts.organizations.name'),
    kind: t('accounts.organizations.kind'),
    municipality: t('accounts.organizations.municipality'),
    language: t('accounts.organizations.language'),
    iban: t('accounts.organizations.iban'),
    bic: t('accounts.organizations.bic'),
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const local: AccountError[] = form.name.trim() ? [] : [{ field: 'name', key: 'required' }];
    setErrors(local);
    setAttempt((n) => n + 1);
    if (local.length > 0) return;
    setStatus('saving');
    try {
      const saved = await unwrap(
        api.PATCH('/api/organizations/{id}', {
          params: { path: { id: org.id } },
          body: {
            name: form.name.trim(),
            kind: form.kind,
            municipality: form.municipality.trim() || null,
            language: form.language,
            iban: form.iban.trim() || null,
            bic: form.bic.trim() || null,
          },
        }),
      );
      setForm({ ...form, iban: saved.iban ? friendlyIban(saved.iban) : '', bic: saved.bic ?? '' });
      await queries.invalidateQueries({ queryKey: ['admin', 'organizations'] });
      await queries.invalidateQueries({ queryKey: ['organization', org.id] });
      setStatus('saved');
    } catch (err) {
      setStatus('idle');
      if (err instanceof ApiError && err.problem.errors?.length) {
        setErrors(mapAccountErrors(err.problem.errors, ORDER));
        setAttempt((n) => n + 1);
      } else if (err instanceof ApiError && err.problem.status === 403) setFailure(t('accounts.errors.forbidden'));
      else if (err instanceof ApiError && err.problem.status === 404) setFailure(t('accounts.errors.notFound'));
      else setFailure(t('errors.saveFailed'));
    }
  }

  const edit = (next: Partial<typeof form>) => {
    setForm({ ...form, ...next });
    if (status === 'saved') setStatus('idle');
  };

  return (
    <>
      <BackToList to="/admin/organizations" label={t('accounts.organization.back')} />
      <PageHeading title={`${t('accounts.organization.title')}: ${org.name}`}>{t('accounts.organization.title')}</PageHeading>
      <dl className="facts">
        <div>
          <dt>{t('accounts.organizations.businessId')}</dt>
          <dd>{org.businessId}</dd>
        </div>
      </dl>
      <ErrorSummary
        items={summaryItems(errors, labels, text)}
        focusKey={attempt}
        title={t('accounts.errors.summary', { count: errors.length })}
      />
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="account-form">
        <TextField
          id="name"
          label={labels.name}
          value={form.name}
          onChange={(name) => edit({ name })}
          error={errorOf(errors, 'name', text)}
        />
        <SelectField
          id="kind"
          label={labels.kind}
          value={form.kind}
          options={ORG_KINDS.map((k) => ({ value: k, label: t(`accounts.kind.${k}`) }))}
          onChange={(kind) => edit({ kind: kind as Organization['kind'] })}
          error={errorOf(errors, 'kind', text)}
        />
        <TextField
          id="municipality"
          label={labels.municipality}
          value={form.municipality}
          onChange={(municipality) => edit({ municipality })}
          error={errorOf(errors, 'municipality', text)}
        />
        <SelectField
          id="language"
          label={labels.language}
          value={form.language}
          options={LANGS.map((l) => ({ value: l, label: t(`accounts.lang.${l}`) }))}
          onChange={(language) => edit({ language: language as Lang })}
          error={errorOf(errors, 'language', text)}
        />
        <TextField
          id="iban"
          label={labels.iban}
          hint={t('accounts.organization.ibanHint')}
          value={form.iban}
          onChange={(iban) => edit({ iban })}
          error={errorOf(errors, 'iban', text)}
        />
        <TextField
          id="bic"
          label={labels.bic}
          hint={t('accounts.organization.bicHint')}
          value={form.bic}
          onChange={(bic) => edit({ bic })}
          error={errorOf(errors, 'bic', text)}
        />
        <div className="form-status" aria-live="polite">
          {status === 'saved' && (
            <InlineAlert status="neutral" role="status">
              {t('accounts.organization.saved')}
            </InlineAlert>
          )}
          {failure && (
            <InlineAlert status="error" role="alert">
              {failure}
            </InlineAlert>
          )}
        </div>
        <Button type="submit" disabled={status === 'saving'} className="primary-action">
          {t('accounts.organization.save')}
        </Button>
      </form>
    </>
  );
}
