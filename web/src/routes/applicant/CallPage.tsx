import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert, RadioButton, RadioButtonGroup } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import type { Call } from '../../api/types';
import { Countdown } from '../../components/Countdown';
import { useSession } from '../../components/Layout';
import { PageHeading } from '../../components/PageHeading';
import { ApplicationStatusTag, PhaseTag } from '../../components/StatusTag';
import { formatClosingTime, formatDateTime, formatEuros, formatPercent } from '../../format';
import { localized, useLang } from '../../lang';
import { useApplications, useCall } from './queries';

export function CallPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { callId } = useParams({ strict: false }) as { callId: string };
  const call = useCall(callId);
  const applications = useApplications(callId);
  const title = call.data ? localized(call.data.title, lang) : t('call.title');
  return (
    <>
      <nav aria-label={t('nav.breadcrumb')} className="breadcrumb">
        <Link to="/calls" className="link">
          {t('nav.calls')}
        </Link>
      </nav>
      <PageHeading title={title}>{title}</PageHeading>
      {call.isPending && <p>{t('common.loading')}</p>}
      {call.isError && <InlineAlert status="error">{t('errors.loadFailed')}</InlineAlert>}
      {call.data && (
        <>
          <CallFacts call={call.data} />
          {(applications.data ?? []).length > 0 && (
            <section aria-labelledby="call-applications" className="section">
              <Heading variant="h2" id="call-applications">
                {t('call.myApplications')}
              </Heading>
              <ul className="card-list">
                {(applications.data ?? []).map((a) => (
                  <li key={a.id} className="card">
                    <Link to="/applications/$applicationId" params={{ applicationId: a.id }} className="card-link">
                      {a.title || t('application.untitled')}
                    </Link>
                    <p className="meta">
                      <ApplicationStatusTag status={a.status} />
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {call.data.phase === 'open' && <StartApplication call={call.data} />}
          <section aria-labelledby="call-description" className="section">
            <Heading variant="h2" id="call-description">
              {t('call.description')}
            </Heading>
            <div className="call-description">{localized(call.data.description, lang)}</div>
          </section>
          <section aria-labelledby="call-categories" className="section">
            <Heading variant="h2" id="call-categories">
              {t('call.categories')}
            </Heading>
            <ul>
              {call.data.categories.map((c) => (
                <li key={c.key}>
                  <strong>{c.title}</strong>: {t('call.maxFunded', { count: c.maxFunded })}
                  {c.maxAmount != null && <> · {t('call.maxAmount', { amount: formatEuros(c.maxAmount, lang) })}</>}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="call-criteria" className="section">
            <Heading variant="h2" id="call-criteria">
              {t('call.criteria')}
            </Heading>
            <table className="table">
              <caption className="visually-hidden">{t('call.criteria')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('call.criterion')}</th>
                  <th scope="col">{t('call.weight')}</th>
                  <th scope="col">{t('call.maxScore')}</th>
                </tr>
              </thead>
              <tbody>
                {call.data.criteria.map((c) => (
                  <tr key={c.key}>
                    <td>{c.title}</td>
                    <td>{c.weight}</td>
                    <td>{c.maxScore}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}

function CallFacts({ call }: { call: Call }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queries = useQueryClient();
  return (
    <dl className="facts">
      <div>
        <dt>{t('call.phase')}</dt>
        <dd>
          <PhaseTag phase={call.phase} />
        </dd>
      </div>
      <div>
        <dt>{t(call.phase === 'closed' || call.phase === 'decided' ? 'call.closed' : 'call.closes')}</dt>
        <dd>
          {formatClosingTime(call.closesAt, lang)} {t('common.helsinkiTime')}
          {call.phase === 'open' && (
            <>
              <br />
              <Countdown deadline={call.closesAt} onPassed={() => void queries.invalidateQueries({ queryKey: ['call', call.id] })} />
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('call.opens')}</dt>
        <dd>{formatDateTime(call.opensAt, lang)}</dd>
      </div>
      <div>
        <dt>{t('call.budget')}</dt>
        <dd>{formatEuros(call.totalBudget, lang)}</dd>
      </div>
      <div>
        <dt>{t('call.eligible')}</dt>
        <dd>{call.eligibleKinds.map((k) => t(`orgKind.${k}`)).join(', ')}</dd>
      </div>
      {call.minSelfFinancingPercent != null && (
        <div>
          <dt>{t('call.minSelfFinancing')}</dt>
          <dd>{formatPercent(call.minSelfFinancingPercent, lang)}</dd>
        </div>
      )}
    </dl>
  );
}

function StartApplication({ call }: { call: Call }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const session = useSession();
  const [category, setCategory] = useState(call.categories[0]?.key ?? '');
  const start = useMutation({
    mutationFn: () => unwrap(api.POST('/api/calls/{id}/applications', { params: { path: { id: call.id } }, body: { category } })),
    onSuccess: async (app) => {
      await queries.invalidateQueries({ queryKey: ['applications'] });
      await navigate({ to: '/applications/$applicationId', params: { applicationId: app.id } });
    },
  });
  if (!session?.user.roles.includes('applicant')) return null;
  const code = start.error instanceof ApiError ? start.error.code : undefined;
  return (
    <section aria-labelledby="start-application" className="section start-panel">
      <Heading variant="h2" id="start-application">
        {t('call.start')}
      </Heading>
      {call.categories.length > 1 && (
        <RadioButtonGroup labelText={t('application.category')} name="category" value={category} onChange={setCategory}>
          {call.categories.map((c) => (
            <RadioButton key={c.key} value={c.key}>
              {c.title}
            </RadioButton>
          ))}
        </RadioButtonGroup>
      )}
      {start.isError && (
        <InlineAlert status="error" role="alert">
          {code === 'CALL_CLOSED' ? t('errors.callClosed') : t('errors.saveFailed')}
        </InlineAlert>
      )}
      <Button onClick={() => start.mutate()} disabled={start.isPending || !category} className="primary-action">
        {t('call.startButton')}
      </Button>
    </section>
  );
}
