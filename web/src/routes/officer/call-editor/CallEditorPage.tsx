import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../../api/client';
import { ORG_KINDS } from '../../../api/types';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { DateTimeField } from '../../../components/form/DateTimeField';
import { EuroField } from '../../../components/form/EuroField';
import { TextField } from '../../../components/form/TextField';
import { PageHeading } from '../../../components/PageHeading';
import { useOfficerCall } from '../queries';
import { callToForm, checkCallForm, emptyCallForm, formToBody, type CallForm } from './call-form';
import { CategoriesSection } from './CategoriesSection';
import { CriteriaSection } from './CriteriaSection';

/** The error said beside a field, by the field's path. */
export type FieldErrors = (field: string) => string | undefined;

const LANG_FIELDS = ['fi', 'sv', 'en'] as const;

/** A call's editor: new (`/officer/calls/new`) or a draft (`/officer/calls/:id/edit`). */
export function CallEditorPage() {
  const { callId } = useParams({ strict: false }) as { callId?: string };
  return callId ? <ExistingCall callId={callId} /> : <Editor initial={emptyCallForm()} />;
}

function ExistingCall({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const call = useOfficerCall(callId);
  if (!call.data) return <p>{call.isError ? t('errors.network') : t('common.loading')}</p>;
  return <Editor key={call.data.updatedAt} callId={callId} initial={callToForm(call.data)} published={call.data.status === 'published'} />;
}

function Editor({ callId, initial, published = false }: { callId?: string; initial: CallForm; published?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'failed' | 'confirm' | 'published'>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  const fieldError: FieldErrors = (field) => errors.get(field);

  async function save(): Promise<string | null> {
    const checked = checkCallForm(form);
    const mapped = new Map([...checked].map(([field, key]) => [field, t(`officer.editor.errors.${key}`)]));
    setErrors(mapped);
    setAttempt((n) => n + 1);
    if (mapped.size > 0) return null;
    setStatus('saving');
    setFailure(null);
    try {
      const body = formToBody(form);
      const saved = callId
        ? await unwrap(api.PATCH('/api/calls/{id}', { params: { path: { id: callId } }, body }))
        : await unwrap(api.POST('/api/calls', { body }));
      await queries.invalidateQueries({ queryKey: ['calls'] });
      setStatus('saved');
      if (!callId) await navigate({ to: '/officer/calls/$callId/edit', params: { callId: saved.id } });
      return saved.id;
    } catch (e) {
      setStatus('failed');
      if (e instanceof ApiError && e.problem.errors?.length) {
        setErrors(new Map(e.problem.errors.map((fe) => [fe.field, fe.message])));
        setAttempt((n) => n + 1);
      } else setFailure(e instanceof ApiError ? (e.problem.detail ?? e.message) : t('errors.network'));
      return null;
    }
  }

  async function publish() {
    const id = await save();
    if (!id) return;
    try {
      await unwrap(api.POST('/api/calls/{id}/publish', { params: { path: { id } } }));
      await queries.invalidateQueries({ queryKey: ['calls'] });
      await queries.invalidateQueries({ queryKey: ['call', id] });
      setStatus('published');
    } catch (e) {
      setStatus('failed');
      setFailure(e instanceof ApiError ? (e.problem.detail ?? e.message) : t('errors.network'));
    }
  }

  const labelOf = (field: string) => document.querySelector(`label[for="${CSS.escape(field)}"]`)?.textContent ?? field;
  const summary = [...errors].map(([field, text]) => ({ field, text: `${labelOf(field)}: ${text}` }));
  const title = callId ? t('officer.editor.editTitle') : t('officer.editor.newTitle');

  return (
    <>
      <nav aria-label={t('nav.breadcrumb')} className="breadcrumb">
        <Link to="/officer">{t('officer.calls.title')}</Link>
      </nav>
      <PageHeading title={title}>{title}</PageHeading>
      {published && <InlineAlert status="neutral">{t('officer.editor.publishedNote')}</InlineAlert>}
      <ErrorSummary items={summary} focusKey={attempt} />
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void save();
        }}
      >
        <section aria-labelledby="texts-heading" className="form-section">
          <Heading variant="h2" id="texts-heading">
            {t('officer.editor.texts')}
          </Heading>
          {LANG_FIELDS.map((l) => (
            <TextField
              key={`title-${l}`}
              id={`title.${l}`}
              label={t(`officer.editor.title_${l}`)}
              value={form.title[l]}
              onChange={(v) => setForm({ ...form, title: { ...form.title, [l]: v } })}
              error={fieldError(`title.${l}`)}
            />
          ))}
          {LANG_FIELDS.map((l) => (
            <TextField
              key={`description-${l}`}
              id={`description.${l}`}
              label={t(`officer.editor.description_${l}`)}
              multiline
              value={form.description[l]}
              onChange={(v) => setForm({ ...form, description: { ...form.description, [l]: v } })}
              error={fieldError(`description.${l}`)}
            />
          ))}
        </section>

        <section aria-labelledby="dates-heading" className="form-section">
          <Heading variant="h2" id="dates-heading">
            {t('officer.editor.dates')}
          </Heading>
          <p className="hint">{t('officer.editor.datesHint')}</p>
          <div className="two-columns">
            <DateTimeField
              id="opensAt"
              label={t('officer.editor.opensAt')}
              iso={form.opensAt}
              onChange={(opensAt) => setForm({ ...form, opensAt })}
              error={fieldError('opensAt')}
            />
            <DateTimeField
              id="closesAt"
              label={t('officer.editor.closesAt')}
              hint={t('officer.editor.closesAtHint')}
              iso={form.closesAt}
              onChange={(closesAt) => setForm({ ...form, closesAt })}
              error={fieldError('closesAt')}
            />
            <DateTimeField
              id="reviewsDueAt"
              label={t('officer.editor.reviewsDueAt')}
              iso={form.reviewsDueAt}
              onChange={(reviewsDueAt) => setForm({ ...form, reviewsDueAt })}
              error={fieldError('reviewsDueAt')}
            />
            <TextField
              id="timezone"
              label={t('officer.editor.timezone')}
              value={form.timezone}
              onChange={(timezone) => setForm({ ...form, timezone })}
              error={fieldError('timezone')}
            />
            <DateTimeField
              id="reportsDue.interim"
              label={t('officer.editor.interimDueAt')}
              iso={form.interimDueAt}
              onChange={(interimDueAt) => setForm({ ...form, interimDueAt })}
              error={fieldError('reportsDue')}
            />
            <DateTimeField
              id="reportsDue.final"
              label={t('officer.editor.finalDueAt')}
              iso={form.finalDueAt}
              onChange={(finalDueAt) => setForm({ ...form, finalDueAt })}
            />
          </div>
        </section>

        <section aria-labelledby="money-heading" className="form-section">
          <Heading variant="h2" id="money-heading">
            {t('officer.editor.money')}
          </Heading>
          <div className="two-columns">
            <EuroField
              id="totalBudget"
              label={t('officer.editor.totalBudget')}
              cents={form.totalBudget}
              onChange={(totalBudget) => setForm({ ...form, totalBudget })}
              error={fieldError('totalBudget')}
            />
            <TextField
              id="minSelfFinancingPercent"
              label={t('officer.editor.minSelfFinancingPercent')}
              inputMode="decimal"
              value={form.minSelfFinancingPercent}
              onChange={(minSelfFinancingPercent) => setForm({ ...form, minSelfFinancingPercent })}
              error={fieldError('minSelfFinancingPercent')}
            />
          </div>
          <fieldset
            className="form-fieldset checkbox-group"
            aria-describedby={fieldError('eligibleKinds') ? 'eligibleKinds-error' : undefined}
          >
            <legend id="eligibleKinds">{t('officer.editor.eligibleKinds')}</legend>
            {ORG_KINDS.map((k) => (
              <label key={k} className="checkbox-option">
                <input
                  type="checkbox"
                  checked={form.eligibleKinds.includes(k)}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      eligibleKinds: e.target.checked ? [...form.eligibleKinds, k] : form.eligibleKinds.filter((x) => x !== k),
                    })
                  }
                />
                {t(`orgKind.${k}`)}
              </label>
            ))}
            {fieldError('eligibleKinds') && (
              <span id="eligibleKinds-error" className="native-error">
                {fieldError('eligibleKinds')}
              </span>
            )}
          </fieldset>
        </section>

        <CategoriesSection form={form} set={setForm} errors={fieldError} />
        <CriteriaSection form={form} set={setForm} errors={fieldError} />

        <section aria-labelledby="review-heading" className="form-section">
          <Heading variant="h2" id="review-heading">
            {t('officer.editor.review')}
          </Heading>
          <div className="two-columns">
            <TextField
              id="reviewsPerApplication"
              label={t('officer.editor.reviewsPerApplication')}
              inputMode="numeric"
              value={form.reviewsPerApplication}
              onChange={(reviewsPerApplication) => setForm({ ...form, reviewsPerApplication })}
              error={fieldError('reviewsPerApplication')}
            />
            <TextField
              id="disagreementThreshold"
              label={t('officer.editor.disagreementThreshold')}
              hint={t('officer.editor.disagreementThresholdHint')}
              inputMode="decimal"
              value={form.disagreementThreshold}
              onChange={(disagreementThreshold) => setForm({ ...form, disagreementThreshold })}
              error={fieldError('disagreementThreshold')}
            />
          </div>
        </section>

        <div className="form-actions" aria-live="polite">
          {failure && (
            <InlineAlert status="error" role="alert">
              {failure}
            </InlineAlert>
          )}
          {status === 'saved' && <p className="save-state">{t('officer.editor.saved')}</p>}
          {status === 'published' && (
            <InlineAlert status="neutral" role="status">
              {t('officer.editor.publishedNow')}
            </InlineAlert>
          )}
          <Button type="submit" variant="secondary" disabled={status === 'saving'}>
            {t('officer.editor.saveDraft')}
          </Button>
          {callId && !published && status !== 'published' && status !== 'confirm' && (
            <Button type="button" onClick={() => setStatus('confirm')}>
              {t('officer.editor.publish')}
            </Button>
          )}
          {status === 'confirm' && (
            <div role="alertdialog" aria-labelledby="publish-confirm" className="confirm-box">
              <p id="publish-confirm">{t('officer.editor.publishConfirm')}</p>
              <Button type="button" onClick={() => void publish()}>
                {t('officer.editor.publishYes')}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setStatus('idle')}>
                {t('officer.cancel')}
              </Button>
            </div>
          )}
        </div>
      </form>
    </>
  );
}
