import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert } from 'suomifi-ui-components';
import { ApiError } from '../../api/client';
import type { Application } from '../../api/types';
import { formatClosingTime, formatDateTime, formatEuros } from '../../format';
import { useLang } from '../../lang';
import {
  downloadDecisionDocument,
  useApplicationDecision,
  useApplicationDocuments,
  type DecisionDocument,
  type DocumentFormat,
} from './decision-document';
import { GrantAnswer } from './GrantAnswer';
import './decision.css';

/**
 * The published decision on the applicant's application: outcome, granted amount, case number,
 * the acceptance deadline of a funded grant, the rationale, and the decision document (PDF and
 * HTML) of each stored version as downloads.
 */
export function DecisionSection({ application }: { application: Application }) {
  const { t } = useTranslation();
  const lang = useLang();
  const decided = application.status === 'funded' || application.status === 'rejected';
  const decision = useApplicationDecision(application.id, decided);
  const documents = useApplicationDocuments(application.id, decided && decision.isSuccess);
  if (!decided || decision.isPending) return null;
  if (decision.isError) {
    // Before publication the API does not tell the applicant of the decision (404): nothing to show yet.
    if (decision.error instanceof ApiError && decision.error.problem.status === 404) return null;
    return <InlineAlert status="error">{t('errors.loadFailed')}</InlineAlert>;
  }
  const d = decision.data;
  const funded = d.outcome === 'funded';
  const rationale = lang === 'sv' && d.rationaleText.sv ? d.rationaleText.sv : d.rationaleText.fi;
  const conditions = d.conditions ? (lang === 'sv' && d.conditions.sv ? d.conditions.sv : d.conditions.fi) : null;
  return (
    <section aria-labelledby="decision-heading" className={`decision-box ${funded ? 'decision-funded' : 'decision-rejected'}`}>
      <Heading variant="h2" id="decision-heading">
        {t('applicant.decision.title')}
      </Heading>
      <dl className="decision-facts">
        <div>
          <dt>{t('applicant.decision.outcome')}</dt>
          <dd data-testid="decision-outcome">{t(funded ? 'applicant.decision.funded' : 'applicant.decision.rejected')}</dd>
        </div>
        {funded && d.grantedAmount != null && (
          <div>
            <dt>{t('applicant.decision.granted')}</dt>
            <dd data-testid="decision-granted">{formatEuros(d.grantedAmount, lang)}</dd>
          </div>
        )}
        {d.caseNumber && (
          <div>
            <dt>{t('applicant.decision.caseNumber')}</dt>
            <dd>{d.caseNumber}</dd>
          </div>
        )}
        {d.notifiedAt && (
          <div>
            <dt>{t('applicant.decision.notified')}</dt>
            <dd>
              {formatDateTime(d.notifiedAt, lang)} {t('common.helsinkiTime')}
            </dd>
          </div>
        )}
        {funded && d.acceptanceDueAt && (
          <div>
            <dt>{t('applicant.decision.acceptBy')}</dt>
            <dd data-testid="decision-accept-by">
              {formatClosingTime(d.acceptanceDueAt, lang)} {t('common.helsinkiTime')}
            </dd>
          </div>
        )}
      </dl>
      {funded && d.acceptanceDueAt && <GrantAnswer decision={d} applicationId={application.id} />}
      <Heading variant="h3" className="decision-subheading">
        {t('applicant.decision.rationale')}
      </Heading>
      <p className="decision-text">{rationale}</p>
      {conditions && (
        <>
          <Heading variant="h3" className="decision-subheading">
            {t('applicant.decision.conditions')}
          </Heading>
          <p className="decision-text">{conditions}</p>
        </>
      )}
      <Heading variant="h3" className="decision-subheading">
        {t('applicant.decision.documents')}
      </Heading>
      {documents.isError ? (
        <InlineAlert status="error">{t('errors.loadFailed')}</InlineAlert>
      ) : !documents.data ? (
        <p>{t('common.loading')}</p>
      ) : documents.data.length === 0 ? (
        <p>{t('applicant.decision.noDocuments')}</p>
      ) : (
        <ul className="plain-list decision-documents">
          {documents.data.map((doc) => (
            <DocumentItem key={doc.id} doc={doc} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** One stored version: what it is, and its PDF and HTML as downloads. */
export function DocumentDownloads({ doc, label, compact }: { doc: DecisionDocument; label: string; compact?: boolean }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState<DocumentFormat | null>(null);
  const get = (format: DocumentFormat) => {
    setFailed(false);
    setBusy(format);
    downloadDecisionDocument(doc, format)
      .catch(() => setFailed(true))
      .finally(() => setBusy(null));
  };
  return (
    <span className="document-downloads">
      <Button
        type="button"
        variant="secondary"
        onClick={() => get('pdf')}
        disabled={busy !== null}
        aria-label={`${t('applicant.decision.pdf')}: ${label}`}
      >
        {compact ? 'PDF' : t('applicant.decision.pdf')}
      </Button>
      <Button
        type="button"
        variant="secondary"
        onClick={() => get('html')}
        disabled={busy !== null}
        aria-label={`${t('applicant.decision.html')}: ${label}`}
      >
        {compact ? 'HTML' : t('applicant.decision.html')}
      </Button>
      {failed && (
        <span role="alert" className="native-error">
          {t('applicant.decision.downloadFailed')}
        </span>
      )}
    </span>
  );
}

function DocumentItem({ doc }: { doc: DecisionDocument }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = t('applicant.decision.documentLabel', {
    version: doc.version,
    language: t(`applicant.decision.language.${doc.language}`),
    time: formatDateTime(doc.createdAt, lang),
  });
  return (
    <li>
      <span>
        {label}
        {doc.correctionReason && (
          <>
            {' · '}
            {t('applicant.decision.correction', { reason: doc.correctionReason })}
          </>
        )}
      </span>
      <DocumentDownloads doc={doc} label={label} />
    </li>
  );
}
