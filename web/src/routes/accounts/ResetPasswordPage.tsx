import { Link, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, InlineAlert, Paragraph } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeading } from '../../components/PageHeading';
import { checkPasswords, mapAccountErrors, type AccountError } from './account-errors';
import { errorOf, SecretField, summaryItems, useErrorText } from './fields';

const ORDER = ['token', 'newPassword', 'repeatPassword'] as const;

/** Public: the e-mailed link `/password-reset?token=…` — the new password twice, then a way to sign in. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const text = useErrorText();
  const { token } = useSearch({ strict: false }) as { token?: string };
  const [values, setValues] = useState({ newPassword: '', repeatPassword: '' });
  const [errors, setErrors] = useState<AccountError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<'idle' | 'saving' | 'done'>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  const labels = {
    token: t('accounts.reset.title'),
    newPassword: t('accounts.password.new'),
    repeatPassword: t('accounts.password.repeat'),
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!token) return;
    setFailure(null);
    const local = checkPasswords(values, { field: 'repeatPassword', of: 'newPassword' });
    setErrors(local);
    setAttempt((n) => n + 1);
    if (local.length > 0) return;
    setStatus('saving');
    try {
      await unwrap(api.POST('/api/auth/password-reset/confirm', { body: { token, newPassword: values.newPassword } }));
      setStatus('done');
    } catch (err) {
      setStatus('idle');
      if (err instanceof ApiError && err.problem.errors?.length) {
        setErrors(mapAccountErrors(err.problem.errors, ORDER));
        setAttempt((n) => n + 1);
      } else setFailure(err instanceof ApiError && err.problem.status === 429 ? t('accounts.errors.tooMany') : t('errors.network'));
    }
  }

  const tokenError = errors.find((e) => e.field === 'token');
  const fieldErrors = errors.filter((e) => e.field !== 'token');

  return (
    <div className="narrow">
      <PageHeading title={t('accounts.reset.title')}>{t('accounts.reset.title')}</PageHeading>
      {!token ? (
        <InlineAlert status="error">{t('accounts.reset.noToken')}</InlineAlert>
      ) : status === 'done' ? (
        <InlineAlert status="neutral" role="status">
          {t('accounts.reset.done')}
        </InlineAlert>
      ) : (
        <>
          <Paragraph className="lead">{t('accounts.reset.intro')}</Paragraph>
          {tokenError && (
            <InlineAlert status="error" role="alert" className="form-alert">
              {text(tokenError)}{' '}
              <Link to="/forgot-password" className="link">
                {t('accounts.reset.askNew')}
              </Link>
            </InlineAlert>
          )}
          <ErrorSummary
            items={summaryItems(fieldErrors, labels, text)}
            focusKey={attempt}
            title={t('accounts.errors.summary', { count: fieldErrors.length })}
          />
          <form onSubmit={(e) => void onSubmit(e)} noValidate className="account-form">
            <SecretField
              id="newPassword"
              label={labels.newPassword}
              hint={t('accounts.password.newHint')}
              autoComplete="new-password"
              value={values.newPassword}
              onChange={(v) => setValues({ ...values, newPassword: v })}
              error={errorOf(errors, 'newPassword', text)}
            />
            <SecretField
              id="repeatPassword"
              label={labels.repeatPassword}
              autoComplete="new-password"
              value={values.repeatPassword}
              onChange={(v) => setValues({ ...values, repeatPassword: v })}
              error={errorOf(errors, 'repeatPassword', text)}
            />
            {failure && (
              <InlineAlert status="error" role="alert">
                {failure}
              </InlineAlert>
            )}
            <Button type="submit" disabled={status === 'saving'} className="primary-action">
              {t('accounts.reset.submit')}
            </Button>
          </form>
        </>
      )}
      <p className="after-form">
        {status === 'done' ? (
          <Link to="/login" className="button-link">
            {t('accounts.reset.signIn')}
          </Link>
        ) : (
          !tokenError && (
            <Link to="/forgot-password" className="link">
              {t('accounts.reset.askNew')}
            </Link>
          )
        )}
      </p>
    </div>
  );
}
