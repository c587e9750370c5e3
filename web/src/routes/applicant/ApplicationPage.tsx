import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Button, Heading, InlineAlert, Paragraph, Textarea, TextInput } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import { PARTNER_KINDS, type Application, type ApplicationVersion, type Call, type Organization } from '../../api/types';
import { announce } from '../../components/announcer';
import { ClosingTime } from '../../components/ClosingTime';
import { NativeField } from '../../components/form/NativeField';
import { Countdown } from '../../components/Countdown';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { useSession } from '../../components/Layout';
import { PageHeading } from '../../components/PageHeading';
import { ApplicationStatusTag } from '../../components/StatusTag';
import { checkBudget, toFormValues, type FormValues } from '../../form/application-form';
import { mapFieldErrors } from '../../form/problem-errors';
import { formatClosingTime, formatDateTime, formatDateTimeSeconds, formatEuros, formatPercent, formatTime } from '../../format';
import { localized, useLang } from '../../lang';
import { DecisionSection } from './DecisionSection';
import { useApplication, useCall, useOrganizations } from './queries';
import { useAutosave, type SaveState } from './useAutosave';

export function ApplicationPage() {
  const { t } = useTranslation();
  const { applicationId } = useParams({ strict: false }) as { applicationId: string };
  const application = useApplication(applicationId);
  const call = useCall(application.data?.callId);
  const lang = useLang();
  // One heading from loading to loaded, so that the focus given to it on arrival stays.
  const title = application.data ? application.data.title || t('application.untitled') : t('application.title');
  return (
    <>
      <nav aria-label={t('nav.breadcrumb')} className="breadcrumb">
        <Link to="/" className="link">
          {t('nav.home')}
        </Link>
        {call.data && (
          <>
            {' › '}
            <Link to="/calls/$callId" params={{ callId: call.data.id }} className="link">
              {localized(call.data.title, lang)}
            </Link>
          </>
        )}
      </nav>
      <PageHeading title={title}>{title}</PageHeading>
      {application.isError || call.isError ? (
        <InlineAlert status="error">{t('errors.loadFailed')}</InlineAlert>
      ) : !application.data || !call.data ? (
        <p>{t('common.loading')}</p>
      ) : (
        <ApplicationEditor key={application.data.id} application={application.data} call={call.data} />
      )}
    </>
  );
}

type Receipt = { submittedAt: string; version: number };

function ApplicationEditor({ application: initial, call }: { application: Application; call: Call }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queries = useQueryClient();
  const session = useSession();
  const [app, setApp] = useState(initial);
  const [callClosed, setCallClosed] = useState(call.phase !== 'open');
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [submitErrors, setSubmitErrors] = useState<ReturnType<typeof mapFieldErrors>>([]);
  const [attempt, setAttempt] = useState(0);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const receiptRef = useRef<HTMLHeadingElement>(null);
  const closedRef = useRef<HTMLDivElement>(null);

  const form = useForm<FormValues>({ defaultValues: toFormValues(initial) });
  const { control, getValues, reset, watch } = form;
  const autosave = useAutosave(app, getValues);

  // Every change schedules a save; a field the applicant touches drops its old server error.
  useEffect(() => {
    const sub = watch((_values, { name }) => {
      autosave.schedule();
      if (name)
        setSubmitErrors((errs) =>
          errs.filter((e) => !(name === e.field || name.startsWith(`${e.field}.`) || e.field.startsWith(`${name}.`))),
        );
    });
    return () => sub.unsubscribe();
  }, [watch, autosave.schedule]);

  // Stored copies (after a save) keep the status and version shown here current.
  useEffect(
    () =>
      queries.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.query.queryKey[0] === 'application' && event.query.queryKey[1] === app.id) {
          const data = event.query.state.data as Application | undefined;
          if (data) setApp(data);
        }
      }),
    [queries, app.id],
  );

  useEffect(() => {
    if (autosave.state === 'closed') setCallClosed(true);
  }, [autosave.state]);

  const editable =
    !callClosed && (app.status === 'draft' || app.status === 'submitted') && session?.user.organizationId === app.leadOrganizationId;

  const versions = useQuery({
    queryKey: ['versions', app.id],
    queryFn: async () =>
      (await unwrap(api.GET('/api/applications/{id}/versions', { params: { path: { id: app.id } } }))) as ApplicationVersion[],
    enabled: app.submittedVersion !== null,
  });

  const submit = useMutation({
    mutationFn: async () => {
      const saved = await autosave.flush();
      if (!saved.ok) throw new SaveBlocked(saved.serverErrors);
      return unwrap(api.POST('/api/applications/{id}/submit', { params: { path: { id: app.id } } }));
    },
    onMutate: () => {
      setSubmitErrors([]);
      setReceipt(null);
    },
    onSuccess: (submitted) => {
      queries.setQueryData(['application', app.id], submitted);
      void queries.invalidateQueries({ queryKey: ['applications'] });
      void queries.invalidateQueries({ queryKey: ['versions', app.id] });
      setReceipt({
        submittedAt: submitted.submittedAt ?? new Date().toISOString(),
        version: submitted.submittedVersion ?? submitted.version,
      });
    },
    onError: (e) => {
      setAttempt((n) => n + 1);
      if (e instanceof SaveBlocked) {
        setSubmitErrors(mapFieldErrors(e.serverErrors));
        return;
      }
      if (e instanceof ApiError && e.code === 'CALL_CLOSED') setCallClosed(true);
      else if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') setSubmitErrors(mapFieldErrors(e.problem.errors));
    },
  });

  const withdraw = useMutation({
    mutationFn: () => unwrap(api.POST('/api/applications/{id}/withdraw', { params: { path: { id: app.id } } })),
    onSuccess: (withdrawn) => {
      queries.setQueryData(['application', app.id], withdrawn);
      void queries.invalidateQueries({ queryKey: ['applications'] });
      setConfirmWithdraw(false);
      announce(t('application.withdrawn'));
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'CALL_CLOSED') setCallClosed(true);
    },
  });

  useEffect(() => {
    if (receipt) receiptRef.current?.focus();
  }, [receipt]);
  useEffect(() => {
    if (callClosed && (submit.isError || withdraw.isError || autosave.state === 'closed')) closedRef.current?.focus();
  }, [callClosed, submit.isError, withdraw.isError, autosave.state]);

  async function reloadAfterConflict() {
    const fresh = await unwrap(api.GET('/api/applications/{id}', { params: { path: { id: app.id } } }));
    queries.setQueryData(['application', app.id], fresh);
    setApp(fresh);
    reset(toFormValues(fresh));
    autosave.reset(fresh.version);
    announce(t('autosave.reloaded'));
  }

  // Errors per field: the form's own (amounts that are not euros) and the server's.
  const fieldErrors = useMemo(() => {
    const map = new Map<string, string>();
    for (const e of autosave.localErrors) map.set(e.field, t(`fieldErrors.local.${e.kind}`));
    const server = [...mapFieldErrors(autosave.serverErrors), ...submitErrors];
    const category = call.categories.find((c) => c.key === app.category);
    for (const e of server) {
      if (map.has(e.field)) continue;
      map.set(
        e.field,
        t(`fieldErrors.${e.key}`, {
          field: t(`fields.${e.field.split('.')[0]}`, { defaultValue: e.field }),
          amount: category?.maxAmount != null ? formatEuros(category.maxAmount, lang) : '',
          percent: call.minSelfFinancingPercent != null ? formatPercent(call.minSelfFinancingPercent, lang) : '',
          detail: e.detail,
        }),
      );
    }
    return map;
  }, [autosave.localErrors, autosave.serverErrors, submitErrors, t, call, app.category, lang]);

  const summary: SummaryItem[] = [...fieldErrors.entries()].map(([field, text]) => ({
    field,
    text: `${fieldLabel(t, field)}: ${text}`,
  }));

  const title = app.title || t('application.untitled');
  const isResubmit = app.status === 'submitted';

  return (
    <>
      <div className="application-meta">
        <ApplicationStatusTag status={app.status} />
        <span>
          <ClosingTime call={call} closed={callClosed} /> {t('common.helsinkiTime')}
        </span>
        {!callClosed && <Countdown deadline={call.closesAt} />}
        {app.submittedVersion !== null && <span>{t('application.submittedVersion', { version: app.submittedVersion })}</span>}
      </div>

      <DecisionSection application={app} />

      {callClosed && (
        <div ref={closedRef} tabIndex={-1} className="focus-target">
          <InlineAlert status="warning" labelText={t('application.closedTitle')} className="page-alert">
            {t('application.closedText', { time: formatClosingTime(call.closesAt, lang) })}{' '}
            {app.status === 'submitted'
              ? t('application.closedSubmitted', { version: app.submittedVersion })
              : app.status === 'draft' || app.status === 'expired'
                ? t('application.closedNotSubmitted')
                : ''}
          </InlineAlert>
        </div>
      )}

      {receipt && (
        <section className="receipt" aria-labelledby="receipt-heading">
          <h2 id="receipt-heading" ref={receiptRef} tabIndex={-1}>
            {t('receipt.title')}
          </h2>
          <dl>
            <div>
              <dt>{t('receipt.time')}</dt>
              <dd>
                {formatDateTimeSeconds(receipt.submittedAt, lang)} {t('common.helsinkiTime')}
              </dd>
            </div>
            <div>
              <dt>{t('receipt.version')}</dt>
              <dd>{receipt.version}</dd>
            </div>
            <div>
              <dt>{t('receipt.application')}</dt>
              <dd>{title}</dd>
            </div>
          </dl>
          <p>{t('receipt.note', { time: formatClosingTime(call.closesAt, lang) })}</p>
        </section>
      )}

      {app.status === 'submitted' && app.hasUnsubmittedChanges && !receipt && !callClosed && (
        <InlineAlert status="warning" className="page-alert">
          {t('application.unsubmittedNote', { version: app.submittedVersion })}
        </InlineAlert>
      )}
      {app.status === 'withdrawn' && (
        <InlineAlert status="neutral" className="page-alert">
          {t('application.withdrawnNote', { time: app.withdrawnAt ? formatDateTime(app.withdrawnAt, lang) : '' })}
        </InlineAlert>
      )}

      {autosave.state === 'conflict' && (
        <div role="alert" className="conflict">
          <InlineAlert status="error" labelText={t('autosave.conflictTitle')}>
            {t('autosave.conflictText')}
          </InlineAlert>
          <Button variant="secondary" onClick={() => void reloadAfterConflict()}>
            {t('autosave.reload')}
          </Button>
        </div>
      )}

      <ErrorSummary items={summary} focusKey={attempt} />

      {editable && <SaveIndicator state={autosave.state} savedAt={autosave.savedAt} submittedAt={receipt?.submittedAt ?? null} />}

      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (editable) submit.mutate();
        }}
        aria-describedby={editable ? 'save-state' : undefined}
      >
        <fieldset disabled={!editable} className="form-fieldset">
          <legend className="visually-hidden">{t('application.form')}</legend>
          <BasicSection control={control} call={call} errors={fieldErrors} />
          <MoneySection control={control} call={call} errors={fieldErrors} />
          <MembersSection control={control} errors={fieldErrors} ownOrganizationId={app.leadOrganizationId} readOnly={!editable} />
          <PartnersSection control={control} errors={fieldErrors} readOnly={!editable} />
          <BudgetSection control={control} call={call} errors={fieldErrors} readOnly={!editable} />
        </fieldset>

        {editable && (
          <div className="actions">
            <Button type="submit" disabled={submit.isPending} className="primary-action">
              {submit.isPending ? t('application.submitting') : isResubmit ? t('application.resubmit') : t('application.submit')}
            </Button>
            <p className="hint">{t('application.submitHint', { time: formatClosingTime(call.closesAt, lang) })}</p>
          </div>
        )}
      </form>

      {submit.isError &&
        !(submit.error instanceof ApiError && ['CALL_CLOSED', 'VALIDATION_FAILED'].includes(submit.error.code ?? '')) &&
        !(submit.error instanceof SaveBlocked) && (
          <InlineAlert status="error" role="alert">
            {t('errors.submitFailed')}
          </InlineAlert>
        )}

      {editable && (
        <section aria-labelledby="withdraw-heading" className="section withdraw">
          <Heading variant="h2" id="withdraw-heading">
            {t('withdraw.title')}
          </Heading>
          <Paragraph>{t('withdraw.text')}</Paragraph>
          {!confirmWithdraw ? (
            <Button variant="secondary" onClick={() => setConfirmWithdraw(true)}>
              {t('withdraw.button')}
            </Button>
          ) : (
            <div role="group" aria-labelledby="withdraw-confirm" className="confirm">
              <p id="withdraw-confirm">
                <strong>{t('withdraw.confirm')}</strong>
              </p>
              <Button onClick={() => withdraw.mutate()} disabled={withdraw.isPending}>
                {t('withdraw.yes')}
              </Button>{' '}
              <Button variant="secondary" onClick={() => setConfirmWithdraw(false)}>
                {t('withdraw.no')}
              </Button>
            </div>
          )}
        </section>
      )}

      {(versions.data ?? []).length > 0 && (
        <section aria-labelledby="versions-heading" className="section">
          <Heading variant="h2" id="versions-heading">
            {t('versions.title')}
          </Heading>
          <ul className="versions">
            {[...(versions.data ?? [])]
              .sort((a, b) => b.version - a.version)
              .map((v) => (
                <li key={v.version}>
                  {t('versions.item', { version: v.version, time: formatDateTimeSeconds(v.submittedAt, lang) })}
                  {v.content.requestedAmount != null && (
                    <>
                      {' '}
                      · {t('application.requested')}: {formatEuros(v.content.requestedAmount, lang)}
                    </>
                  )}
                </li>
              ))}
          </ul>
        </section>
      )}
    </>
  );
}

class SaveBlocked extends Error {
  constructor(readonly serverErrors?: { field: string; message: string }[]) {
    super('The draft could not be saved');
  }
}

function fieldLabel(t: TFunction, field: string): string {
  const [top, index, sub] = field.split('.');
  if (index !== undefined && sub) return t(`fields.${top}Row.${sub}`, { n: Number(index) + 1 });
  return t(`fields.${top}`, { defaultValue: field });
}

function SaveIndicator({ state, savedAt, submittedAt }: { state: SaveState; savedAt: Date | null; submittedAt: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const text =
    state === 'saving'
      ? t('autosave.saving')
      : state === 'dirty'
        ? t('autosave.dirty')
        : state === 'invalid'
          ? t('autosave.invalid')
          : state === 'failed'
            ? t('autosave.failed')
            : state === 'conflict'
              ? t('autosave.conflictTitle')
              : state === 'closed'
                ? t('autosave.closed')
                : submittedAt && (!savedAt || new Date(submittedAt) >= savedAt)
                  ? t('autosave.submitted', { time: formatTime(submittedAt, lang) })
                  : savedAt
                    ? t('autosave.saved', { time: formatTime(savedAt, lang) })
                    : t('autosave.idle');
  return (
    <p id="save-state" role="status" className={`save-state save-${state}`} data-state={state}>
      {text}
    </p>
  );
}

type SectionProps = { control: Control<FormValues>; errors: Map<string, string>; readOnly?: boolean };

/** A suomifi text input bound to a form field; its id is the field's path, which the error summary links to. */
function TextField({
  control,
  name,
  label,
  hint,
  errors,
  inputMode,
  multiline,
}: SectionProps & {
  name:
    | 'title'
    | 'summary'
    | 'requestedAmount'
    | 'selfFinancingAmount'
    | `partners.${number}.name`
    | `budget.${number}.item`
    | `budget.${number}.amount`;
  label: string;
  hint?: string;
  inputMode?: 'decimal';
  multiline?: boolean;
}) {
  const error = errors.get(name);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) =>
        multiline ? (
          <Textarea
            id={name}
            labelText={label}
            hintText={hint}
            value={String(field.value ?? '')}
            onChange={(e) => field.onChange(e.target.value)}
            onBlur={field.onBlur}
            status={error ? 'error' : 'default'}
            statusText={error}
            fullWidth
            className="field"
          />
        ) : (
          <TextInput
            id={name}
            labelText={label}
            hintText={hint}
            value={String(field.value ?? '')}
            onChange={(v) => field.onChange(String(v ?? ''))}
            onBlur={field.onBlur}
            status={error ? 'error' : 'default'}
            statusText={error}
            inputMode={inputMode}
            fullWidth
            className="field"
          />
        )
      }
    />
  );
}

/** A native control (select, date) with the same label, hint and error tie as the suomifi inputs. */

function BasicSection({ control, call, errors }: SectionProps & { call: Call }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="basic-heading" className="form-section">
      <Heading variant="h2" id="basic-heading">
        {t('sections.basic')}
      </Heading>
      <Controller
        control={control}
        name="category"
        render={({ field }) => (
          <NativeField id="category" label={t('fields.category')} error={errors.get('category')}>
            {(describedBy) => (
              <select
                id="category"
                value={field.value}
                onChange={(e) => field.onChange(e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={errors.has('category') || undefined}
              >
                {call.categories.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.title}
                  </option>
                ))}
              </select>
            )}
          </NativeField>
        )}
      />
      <TextField control={control} errors={errors} name="title" label={t('fields.title')} hint={t('hints.title')} />
      <TextField control={control} errors={errors} name="summary" label={t('fields.summary')} hint={t('hints.summary')} multiline />
      <div className="two-columns">
        {(['projectStart', 'projectEnd'] as const).map((name) => (
          <Controller
            key={name}
            control={control}
            name={name}
            render={({ field }) => (
              <NativeField id={name} label={t(`fields.${name}`)} error={errors.get(name)}>
                {(describedBy) => (
                  <input
                    id={name}
                    type="date"
                    value={field.value}
                    onChange={(e) => field.onChange(e.target.value)}
                    onBlur={field.onBlur}
                    aria-describedby={describedBy}
                    aria-invalid={errors.has(name) || undefined}
                  />
                )}
              </NativeField>
            )}
          />
        ))}
      </div>
    </section>
  );
}

function MoneySection({ control, call, errors }: SectionProps & { call: Call }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section aria-labelledby="money-heading" className="form-section">
      <Heading variant="h2" id="money-heading">
        {t('sections.money')}
      </Heading>
      <div className="two-columns">
        <TextField
          control={control}
          errors={errors}
          name="requestedAmount"
          label={t('fields.requestedAmount')}
          hint={t('hints.euros')}
          inputMode="decimal"
        />
        <TextField
          control={control}
          errors={errors}
          name="selfFinancingAmount"
          label={t('fields.selfFinancingAmount')}
          hint={
            call.minSelfFinancingPercent != null
              ? t('hints.selfFinancing', { percent: formatPercent(call.minSelfFinancingPercent, lang) })
              : t('hints.euros')
          }
          inputMode="decimal"
        />
      </div>
    </section>
  );
}

function MembersSection({ control, errors, ownOrganizationId, readOnly }: SectionProps & { ownOrganizationId: string }) {
  const { t } = useTranslation();
  const organizations = useOrganizations();
  const [query, setQuery] = useState('');
  const byId = new Map((organizations.data ?? []).map((o) => [o.id, o]));
  const error = errors.get('memberOrganizationIds');
  return (
    <section aria-labelledby="members-heading" className="form-section">
      <Heading variant="h2" id="members-heading">
        {t('sections.members')}
      </Heading>
      <Paragraph className="hint">{t('hints.members')}</Paragraph>
      <Controller
        control={control}
        name="memberOrganizationIds"
        render={({ field }) => {
          const selected: string[] = field.value;
          const q = query.trim().toLowerCase();
          const matches: Organization[] =
            q.length < 2
              ? []
              : (organizations.data ?? [])
                  .filter((o) => o.id !== ownOrganizationId && !selected.includes(o.id))
                  .filter((o) => o.name.toLowerCase().includes(q) || o.businessId.includes(q))
                  .slice(0, 8);
          return (
            <>
              {selected.length > 0 ? (
                <ul className="chosen" aria-label={t('members.chosen')}>
                  {selected.map((id) => {
                    const org = byId.get(id);
                    return (
                      <li key={id}>
                        <span>
                          {org?.name ?? id}
                          {org && <span className="meta"> ({org.businessId})</span>}
                        </span>
                        {!readOnly && (
                          <Button
                            variant="secondary"
                            onClick={() => field.onChange(selected.filter((s) => s !== id))}
                            aria-label={t('members.removeNamed', { name: org?.name ?? id })}
                          >
                            {t('common.remove')}
                          </Button>
                        )}
                      </li>
                    );
                  })}
                </ul>
              ) : (
                <p>{t('members.none')}</p>
              )}
              {!readOnly && (
                <>
                  <TextInput
                    id="memberOrganizationIds"
                    labelText={t('members.search')}
                    hintText={t('members.searchHint')}
                    value={query}
                    onChange={(v) => setQuery(String(v ?? ''))}
                    status={error ? 'error' : 'default'}
                    statusText={error}
                    fullWidth
                    className="field"
                  />
                  <p role="status" className="visually-hidden">
                    {q.length >= 2 ? t('members.found', { count: matches.length }) : ''}
                  </p>
                  {matches.length > 0 && (
                    <ul className="matches" aria-label={t('members.results')}>
                      {matches.map((o) => (
                        <li key={o.id}>
                          <span>
                            {o.name} <span className="meta">({o.businessId})</span>
                          </span>
                          <Button
                            variant="secondary"
                            onClick={() => {
                              field.onChange([...selected, o.id]);
                              setQuery('');
                              document.getElementById('memberOrganizationIds')?.focus();
                              announce(t('members.added', { name: o.name }));
                            }}
                            aria-label={t('members.addNamed', { name: o.name })}
                          >
                            {t('common.add')}
                          </Button>
                        </li>
                      ))}
                    </ul>
                  )}
                  {q.length >= 2 && matches.length === 0 && <p>{t('members.noMatches')}</p>}
                </>
              )}
            </>
          );
        }}
      />
    </section>
  );
}

function PartnersSection({ control, errors, readOnly }: SectionProps) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control, name: 'partners' });
  return (
    <section aria-labelledby="partners-heading" className="form-section">
      <Heading variant="h2" id="partners-heading">
        {t('sections.partners')}
      </Heading>
      <Paragraph className="hint">{t('hints.partners')}</Paragraph>
      {fields.length === 0 && <p id="partners">{t('partners.none')}</p>}
      {fields.map((f, i) => (
        <fieldset key={f.id} className="row">
          <legend>{t('partners.row', { n: i + 1 })}</legend>
          <TextField control={control} errors={errors} name={`partners.${i}.name`} label={t('fields.partnersRow.name', { n: i + 1 })} />
          <Controller
            control={control}
            name={`partners.${i}.kind`}
            render={({ field }) => (
              <NativeField
                id={`partners.${i}.kind`}
                label={t('fields.partnersRow.kind', { n: i + 1 })}
                error={errors.get(`partners.${i}.kind`)}
              >
                {(describedBy) => (
                  <select
                    id={`partners.${i}.kind`}
                    value={field.value}
                    onChange={(e) => field.onChange(e.target.value)}
                    aria-describedby={describedBy}
                  >
                    {PARTNER_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`partnerKind.${k}`)}
                      </option>
                    ))}
                  </select>
                )}
              </NativeField>
            )}
          />
          {!readOnly && (
            <Button variant="secondary" onClick={() => remove(i)} aria-label={t('partners.removeNamed', { n: i + 1 })}>
              {t('common.remove')}
            </Button>
          )}
        </fieldset>
      ))}
      {!readOnly && (
        <Button variant="secondary" onClick={() => append({ name: '', kind: 'working_life' })}>
          {t('partners.add')}
        </Button>
      )}
    </section>
  );
}

function BudgetSection({ control, call, errors, readOnly }: SectionProps & { call: Call }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { fields, append, remove } = useFieldArray({ control, name: 'budget' });
  const [requestedAmount, selfFinancingAmount, budget] = useWatch({ control, name: ['requestedAmount', 'selfFinancingAmount', 'budget'] });
  const check = checkBudget({ requestedAmount, selfFinancingAmount, budget }, call.minSelfFinancingPercent);
  const budgetError = errors.get('budget');
  return (
    <section aria-labelledby="budget-heading" className="form-section">
      <Heading variant="h2" id="budget-heading">
        {t('sections.budget')}
      </Heading>
      <Paragraph className="hint">{t('hints.budget')}</Paragraph>
      {fields.map((f, i) => (
        <fieldset key={f.id} className="row">
          <legend>{t('budget.row', { n: i + 1 })}</legend>
          <TextField control={control} errors={errors} name={`budget.${i}.item`} label={t('fields.budgetRow.item', { n: i + 1 })} />
          <TextField
            control={control}
            errors={errors}
            name={`budget.${i}.amount`}
            label={t('fields.budgetRow.amount', { n: i + 1 })}
            hint={t('hints.euros')}
            inputMode="decimal"
          />
          {!readOnly && (
            <Button variant="secondary" onClick={() => remove(i)} aria-label={t('budget.removeNamed', { n: i + 1 })}>
              {t('common.remove')}
            </Button>
          )}
        </fieldset>
      ))}
      {!readOnly && (
        <Button variant="secondary" onClick={() => append({ item: '', amount: '' })}>
          {t('budget.add')}
        </Button>
      )}
      <div
        id="budget"
        tabIndex={-1}
        className={budgetError ? 'budget-summary budget-summary-error focus-target' : 'budget-summary focus-target'}
      >
        <dl>
          <div>
            <dt>{t('budget.total')}</dt>
            <dd data-testid="budget-total">{formatEuros(check.total, lang)}</dd>
          </div>
          <div>
            <dt>{t('budget.expected')}</dt>
            <dd>{formatEuros(check.expected, lang)}</dd>
          </div>
          {check.selfFinancingPercent !== null && (
            <div>
              <dt>{t('budget.selfShare')}</dt>
              <dd>{formatPercent(check.selfFinancingPercent, lang)}</dd>
            </div>
          )}
        </dl>
        <p className={check.balanced ? 'check-ok' : 'check-warn'}>
          {check.balanced
            ? t('budget.balanced')
            : t('budget.unbalanced', {
                difference: formatEuros(Math.abs(check.expected - check.total), lang),
                direction: t(check.total < check.expected ? 'budget.less' : 'budget.more'),
              })}
        </p>
        {call.minSelfFinancingPercent != null && (
          <p className={check.selfFinancingOk ? 'check-ok' : 'check-warn'}>
            {check.selfFinancingOk
              ? t('budget.selfOk', { percent: formatPercent(call.minSelfFinancingPercent, lang) })
              : t('budget.selfLow', { percent: formatPercent(call.minSelfFinancingPercent, lang) })}
          </p>
        )}
        {budgetError && <p className="native-error">{budgetError}</p>}
      </div>
    </section>
  );
}
