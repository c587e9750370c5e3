import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, InlineAlert, Paragraph } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeading } from '../../components/PageHeading';
import { mapAccountErrors, type AccountError } from './account-errors';
import { errorOf, SecretField, summaryItems, useErrorText } from './fields';

/**
 * Public: asks for the e-mail address and always answers alike ("if the address is known, a link
 * is on its way"), as the API does, so the page says nothing about who has an account.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const text = useErrorText();
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<AccountError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<'idle' | 'sending' | 'sent'>('idle');
  const [failure, setFailure] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const local: AccountError[] = email.trim() ? [] : [{ field: 'email', key: 'required' }];
    setErrors(local);
    setAttempt((n) => n + 1);
    if (local.length > 0) return;
    setStatus('sending');
    try {
      await unwrap(api.POST('/api/auth/password-reset', { body: { email: email.trim() } }));
      setStatus('sent');
    } catch (err) {
      setStatus('idle');
      if (err instanceof ApiError && err.problem.errors?.length) {
        setErrors(mapAccountErrors(err.problem.errors, ['email']));
        setAttempt((n) => n + 1);
      } else setFailure(err instanceof ApiError && err.problem.status === 429 ? t('accounts.errors.tooMany') : t('errors.network'));
    }
  }

  return (
    <div className="narrow">
      <PageHeading title={t('accounts.forgot.title')}>{t('accounts.forgot.title')}</PageHeading>
      <Paragraph className="lead">{t('accounts.forgot.intro')}</Paragraph>
      <ErrorSummary
        items={summaryItems(errors, { email: t('accounts.forgot.email') }, text)}
        focusKey={attempt}
        title={t('accounts.errors.summary', { count: errors.length })}
      />
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="account-form">
        <SecretField
          id="email"
          type="email"
          label={t('accounts.forgot.email')}
          autoComplete="email"
          value={email}
          onChange={(v) => {
            setEmail(v);
            if (status === 'sent') setStatus('idle');
          }}
          error={errorOf(errors, 'email', text)}
        />
        <div aria-live="polite" className="form-status">
          {status === 'sent' && (
            <InlineAlert status="neutral" role="status">
              {t('accounts.forgot.sent')}
            </InlineAlert>
          )}
          {failure && (
            <InlineAlert status="error" role="alert">
              {failure}
            </InlineAlert>
          )}
        </div>
        <Button type="submit" disabled={status === 'sending'} className="primary-action">
          {status === 'sending' ? t('accounts.forgot.sending') : t('accounts.forgot.submit')}
        </Button>
      </form>
      <p className="after-form">
        <Link to="/login" className="link">
          {t('accounts.forgot.back')}
        </Link>
      </p>
    </div>
  );
}
