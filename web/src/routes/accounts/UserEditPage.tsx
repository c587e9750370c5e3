import { useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, InlineAlert } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import type { Role, User } from '../../api/types';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/form/TextField';
import { PageHeading } from '../../components/PageHeading';
import { mapAccountErrors, type AccountError } from './account-errors';
import { BackToList } from './AdminNav';
import { errorOf, summaryItems, useErrorText } from './fields';
import { useOrganizations, useUsers } from './queries';

const ROLES: readonly Role[] = ['applicant', 'reviewer', 'coordinator', 'admin'];
const ORDER = ['name', 'roles', 'active'] as const;

/** `/admin/users/:userId`: name, roles (checkboxes) and whether the user may sign in. */
export function UserEditPage() {
  const { t } = useTranslation();
  const { userId } = useParams({ strict: false }) as { userId: string };
  const users = useUsers();
  const user = users.data?.find((u) => u.id === userId);
  if (!user) {
    return (
      <>
        <BackToList to="/admin/users" label={t('accounts.user.back')} />
        <p role={users.isError || users.isSuccess ? 'alert' : undefined}>
          {users.isPending ? t('common.loading') : users.isError ? t('errors.loadFailed') : t('accounts.errors.notFound')}
        </p>
      </>
    );
  }
  return <UserForm key={user.id} user={user} />;
}

function UserForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const queries = useQueryClient();
  const orgs = useOrganizations();
  const [form, setForm] = useState({ name: user.name, roles: [...user.roles], active: user.active });
  const [errors, setErrors] = useState<AccountError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  const labels = { name: t('accounts.users.name'), roles: t('accounts.user.rolesLegend'), active: t('accounts.user.activeLabel') };
  const org = orgs.data?.find((o) => o.id === user.organizationId);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const local: AccountError[] = [];
    if (!form.name.trim()) local.push({ field: 'name', key: 'required' });
    if (form.roles.length === 0) local.push({ field: 'roles', key: 'required' });
    setErrors(local);
    setAttempt((n) => n + 1);
    if (local.length > 0) return;
    setStatus('saving');
    try {
      await unwrap(
        api.PATCH('/api/users/{id}', {
          params: { path: { id: user.id } },
          body: { name: form.name.trim(), roles: ROLES.filter((r) => form.roles.includes(r)), active: form.active },
        }),
      );
      await queries.invalidateQueries({ queryKey: ['admin', 'users'] });
      setStatus('saved');
    } catch (err) {
      setStatus('idle');
      if (err instanceof ApiError && err.problem.errors?.length) {
        setErrors(mapAccountErrors(err.problem.errors, ORDER));
        setAttempt((n) => n + 1);
      } else if (err instanceof ApiError && err.problem.status === 409) setFailure(t('accounts.errors.lastAdmin'));
      else if (err instanceof ApiError && err.problem.status === 403) setFailure(t('accounts.errors.forbidden'));
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
      <BackToList to="/admin/users" label={t('accounts.user.back')} />
      <PageHeading title={`${t('accounts.user.title')}: ${user.name}`}>{t('accounts.user.title')}</PageHeading>
      <dl className="facts">
        <div>
          <dt>{t('accounts.users.email')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t('accounts.users.organization')}</dt>
          <dd>{org?.name ?? '…'}</dd>
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
        <fieldset className="form-fieldset checkbox-group" aria-describedby={errorOf(errors, 'roles', text) ? 'roles-error' : undefined}>
          <legend id="roles" tabIndex={-1}>
            {labels.roles}
          </legend>
          {ROLES.map((r) => (
            <label key={r} className="checkbox-option">
              <input
                type="checkbox"
                checked={form.roles.includes(r)}
                onChange={(e) => edit({ roles: e.target.checked ? [...form.roles, r] : form.roles.filter((x) => x !== r) })}
              />
              {t(`roles.${r}`)}
            </label>
          ))}
          {errorOf(errors, 'roles', text) && (
            <span id="roles-error" className="native-error">
              {errorOf(errors, 'roles', text)}
            </span>
          )}
        </fieldset>
        <div className="checkbox-field">
          <label className="checkbox-option">
            <input
              id="active"
              type="checkbox"
              checked={form.active}
              aria-describedby="active-hint"
              onChange={(e) => edit({ active: e.target.checked })}
            />
            {labels.active}
          </label>
          <span id="active-hint" className="native-hint">
            {t('accounts.user.activeHint')}
          </span>
        </div>
        <div className="form-status" aria-live="polite">
          {status === 'saved' && (
            <InlineAlert status="neutral" role="status">
              {t('accounts.user.saved')}
            </InlineAlert>
          )}
          {failure && (
            <InlineAlert status="error" role="alert">
              {failure}
            </InlineAlert>
          )}
        </div>
        <Button type="submit" disabled={status === 'saving'} className="primary-action">
          {t('accounts.user.save')}
        </Button>
      </form>
    </>
  );
}
