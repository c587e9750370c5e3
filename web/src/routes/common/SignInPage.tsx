import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, InlineAlert, Paragraph, TextInput } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import { fetchUserLanguage } from '../../api/me';
import { PageHeading } from '../../components/PageHeading';
import { adoptLanguage } from '../../i18n';
import { clearActiveRole, roleStart } from '../../roles';
import { setSession } from '../../session';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { redirect?: string };
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const nowMissing = { email: !email.trim(), password: !password };
    setMissing(nowMissing);
    if (nowMissing.email || nowMissing.password) {
      document.getElementById(nowMissing.email ? 'email' : 'password')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await unwrap(api.POST('/api/auth/login', { body: { email: email.trim(), password } }));
      setSession({ token: result.accessToken, user: result.user });
      clearActiveRole();
      await adoptLanguage(await fetchUserLanguage());
      await navigate({ to: search.redirect ?? roleStart() });
    } catch (err) {
      const status = err instanceof ApiError ? err.problem.status : 0;
      setError(status === 401 ? t('signIn.wrong') : status === 429 ? t('signIn.tooMany') : t('errors.network'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageHeading title={t('signIn.title')}>{t('signIn.title')}</PageHeading>
      <Paragraph className="lead">{t('signIn.intro')}</Paragraph>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="sign-in-form">
        {error && (
          <InlineAlert status="error" role="alert" className="form-alert">
            {error}
          </InlineAlert>
        )}
        <TextInput
          id="email"
          labelText={t('signIn.email')}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(v) => setEmail(String(v ?? ''))}
          status={missing.email ? 'error' : 'default'}
          statusText={missing.email ? t('signIn.emailMissing') : undefined}
          fullWidth
        />
        <TextInput
          id="password"
          labelText={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(v) => setPassword(String(v ?? ''))}
          status={missing.password ? 'error' : 'default'}
          statusText={missing.password ? t('signIn.passwordMissing') : undefined}
          fullWidth
        />
        <Button type="submit" disabled={busy} className="primary-action">
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </Button>
      </form>
      <p className="after-form">
        <Link to="/forgot-password" className="link">
          {t('accounts.forgot.link')}
        </Link>
      </p>
    </div>
  );
}
