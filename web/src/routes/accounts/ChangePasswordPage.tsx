import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, InlineAlert, Paragraph } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeading } from '../../components/PageHeading';
import { checkPasswords, mapAccountErrors, type AccountError } from './account-errors';
import { errorOf, SecretField, summaryItems, useErrorText } from './fields';

const ORDER = ['currentPassword', 'newPassword', 'repeatPassword'] as const;

/** Any signed-in user changes their password: the current one, then the new one twice. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const text = useErrorText();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', repeatPassword: '' });
  const [errors, setErrors] = useState<AccountError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<'idle' | 'saving' | 'done'>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  const labels = {
    currentPassword: t('accounts.password.current'),
    newPassword: t('accounts.password.new'),
    repeatPassword: t('accounts.password.repeat'),
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const local = checkPasswords(values, { field: 'repeatPassword', of: 'newPassword' });
    setErrors(local);
    setAttempt((n) => n + 1);
    if (local.length > 0) {
      setStatus('idle');
      return;
    }
    setStatus('saving');
    try {
      await unwrap(api.POST('/api/auth/password', { body: { currentPassword: values.currentPassword, newPassword: values.newPassword } }));
      setValues({ currentPassword: '', newPassword: '', repeatPassword: '' });
      setStatus('done');
    } catch (err) {
      setStatus('idle');
      if (err instanceof ApiError && err.problem.errors?.length) {
        setErrors(mapAccountErrors(err.problem.errors, ORDER));
        setAttempt((n) => n + 1);
      } else setFailure(err instanceof ApiError && err.problem.status === 429 ? t('accounts.errors.tooMany') : t('errors.network'));
    }
  }

  const set = (field: keyof typeof values) => (v: string) => {
    setValues({ ...values, [field]: v });
    if (status === 'done') setStatus('idle');
  };

  return (
    <div className="narrow">
      <PageHeading title={t('accounts.password.title')}>{t('accounts.password.title')}</PageHeading>
      <Paragraph className="lead">{t('accounts.password.intro')}</Paragraph>
      <ErrorSummary
        items={summaryItems(errors, labels, text)}
        focusKey={attempt}
        title={t('accounts.errors.summary', { count: errors.length })}
      />
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="account-form">
        {/* For password managers: whose password this is. */}
        <input type="text" name="username" autoComplete="username" hidden readOnly />
        <SecretField
          id="currentPassword"
          label={labels.currentPassword}
          autoComplete="current-password"
          value={values.currentPassword}
          onChange={set('currentPassword')}
          error={errorOf(errors, 'currentPassword', text)}
        />
        <SecretField
          id="newPassword"
          label={labels.newPassword}
          hint={t('accounts.password.newHint')}
          autoComplete="new-password"
          value={values.newPassword}
          onChange={set('newPassword')}
          error={errorOf(errors, 'newPassword', text)}
        />
        <SecretField
          id="repeatPassword"
          label={labels.repeatPassword}
          autoComplete="new-password"
          value={values.repeatPassword}
          onChange={set('repeatPassword')}
          error={errorOf(errors, 'repeatPassword', text)}
        />
        <div aria-live="polite" className="form-status">
          {status === 'done' && (
            <InlineAlert status="neutral" role="status">
              {t('accounts.password.done')}
            </InlineAlert>
          )}
          {failure && (
            <InlineAlert status="error" role="alert">
              {failure}
            </InlineAlert>
          )}
        </div>
        <Button type="submit" disabled={status === 'saving'} className="primary-action">
          {status === 'saving' ? t('accounts.password.saving') : t('accounts.password.submit')}
        </Button>
      </form>
    </div>
  );
}
