import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import type { Language } from '../identity/organization.entity';
import type { OutboxEntry } from '../notifications/outbox';
import { Localized, templates } from '../notifications/templates';
import { acceptanceDeadline, caseNumber, defaultCasePrefix, PaymentPlanEntry, paymentSchedule } from './decision.rules';
import { documentContent, DocumentFacts, documentLanguage, DocumentLanguage, finnishDate } from './document.content';
import { renderHtml, renderPdf, sha256 } from './document.render';

export interface IssuedDocument {
  applicationId: string;
  applicationTitle: string;
  leadOrganizationId: string;
  organizationLanguage: Language;
  language: DocumentLanguage;
  version: number;
  caseNumber: string;
  acceptanceLastDay: string | null;
}

type Row = Record<string, unknown>;

const DECISION_FACTS = `
  SELECT d.application_id, d.outcome, d.granted_amount, d.rationale, d.rationale_sv, d.conditions, d.case_number,
         d.notified_at, d.category, a.title, a.summary, a.requested_amount, a.project_start::text AS project_start,
         a.project_end::text AS project_end, a.lead_organization_id, o.name AS organization_name, o.business_id,
         o.language AS organization_language,
         c.title AS call_title, c.timezone, c.decided_at, c.acceptance_days, c.payment_plan, c.case_number_prefix, c.reports_due
    FROM decisions d
    JOIN applications a ON a.id = d.application_id
    JOIN organizations o ON o.id = a.lead_organization_id
    JOIN calls c ON c.id = d.call_id`;

/**
 * Issues the first decision document of every decided application of a published call that has
 * none yet, in the same transaction as the rest of the publication: each decision gets its case
 * number (the prefix's next running number), its notification time (now, the database clock) and,
 * when funded, its acceptance deadline; then the document in the lead organisation's language.
 */
export async function issueDecisionDocuments(m: EntityManager, callId: string): Promise<IssuedDocument[]> {
  const [call] = await m.query('SELECT case_number_prefix, decided_at, acceptance_days, timezone, now() AS now FROM calls WHERE id = $1', [
    callId,
  ]);
  const pending: { application_id: string; outcome: string }[] = await m.query(
    `SELECT d.application_id, d.outcome FROM decisions d JOIN applications a ON a.id = d.application_id
      WHERE d.call_id = $1 AND d.case_number IS NULL
      ORDER BY d.outcome, d.category, a.submitted_at NULLS LAST, a.id`,
    [callId],
  );
  if (pending.length > 0) {
    const prefix =
      (call.case_number_prefix as string | null) ?? defaultCasePrefix(DateTime.fromJSDate(call.decided_at, { zone: call.timezone }).year);
    const [{ last_number: last }] = await m.query(
      `INSERT INTO case_number_counters (prefix, last_number) VALUES ($1, $2)
       ON CONFLICT (prefix) DO UPDATE SET last_number = case_number_counters.last_number + EXCLUDED.last_number
       RETURNING last_number`,
      [prefix, pending.length],
    );
    const first = Number(last) - pending.length + 1;
    const deadline = acceptanceDeadline(call.now as Date, call.acceptance_days as number, call.timezone as string).endsAt;
    await m.query(
      `UPDATE decisions d SET case_number = x.case_number, notified_at = $3,
              acceptance_due_at = CASE WHEN d.outcome = 'funded' THEN $4::timestamptz END
         FROM unnest($1::uuid[], $2::text[]) AS x(application_id, case_number)
        WHERE d.application_id = x.application_id`,
      [
        pending.map((p) => p.application_id),
        pending.map((_, i) =>
          caseNumber(call.case_number_prefix, first + i, DateTime.fromJSDate(call.decided_at, { zone: call.timezone }).year),
        ),
        call.now,
        deadline,
      ],
    );
  }
  const rows: Row[] = await m.query(
    `${DECISION_FACTS} WHERE d.call_id = $1 AND NOT EXISTS (SELECT 1 FROM decision_documents x WHERE x.application_id = d.application_id)
      ORDER BY d.case_number`,
    [callId],
  );
  const issued: IssuedDocument[] = [];
  for (const r of rows) issued.push(await store(m, r, 1, null, null));
  return issued;
}

/** A correction: the next version of an application's decision document, from the decision as it now stands. */
export async function issueCorrection(
  m: EntityManager,
  applicationId: string,
  reason: string,
  actorId: string,
): Promise<IssuedDocument | undefined> {
  const [r]: Row[] = await m.query(`${DECISION_FACTS} WHERE d.application_id = $1 AND d.case_number IS NOT NULL`, [applicationId]);
  if (!r) return undefined;
  const [{ version }] = await m.query(
    'SELECT coalesce(max(version), 0)::int + 1 AS version FROM decision_documents WHERE application_id = $1 AND language = $2',
    [applicationId, documentLanguage(r.organization_language as string)],
  );
  return store(m, r, version, reason, actorId);
}

async function store(m: EntityManager, r: Row, version: number, reason: string | null, actorId: string | null): Promise<IssuedDocument> {
  const facts = factsOf(r, version, reason);
  const content = documentContent(facts);
  const createdAt: Date = (await m.query('SELECT now() AS now'))[0].now;
  const pdf = await renderPdf(content, createdAt);
  const html = renderHtml(content);
  await m.query(
    `INSERT INTO decision_documents (application_id, call_id, version, language, case_number, pdf, sha256, html, html_sha256,
                                     correction_reason, created_by, created_at)
     SELECT $1, a.call_id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM applications a WHERE a.id = $1`,
    [r.application_id, version, facts.language, facts.caseNumber, pdf, sha256(pdf), html, sha256(html), reason, actorId, createdAt],
  );
  return {
    applicationId: r.application_id as string,
    applicationTitle: r.title as string,
    leadOrganizationId: r.lead_organization_id as string,
    organizationLanguage: r.organization_language as Language,
    language: facts.language,
    version,
    caseNumber: facts.caseNumber,
    acceptanceLastDay: facts.acceptanceLastDay,
  };
}

function factsOf(r: Row, version: number, reason: string | null): DocumentFacts {
  const language = documentLanguage(r.organization_language as string);
  const funded = r.outcome === 'funded';
  const zone = r.timezone as string;
  const conditions = r.conditions as { fi: string; sv?: string } | null;
  const plan = r.payment_plan as PaymentPlanEntry[];
  return {
    language,
    version,
    correctionReason: reason,
    caseNumber: r.case_number as string,
    decidedAt: r.decided_at as Date,
    zone,
    applicant: { name: r.organization_name as string, businessId: r.business_id as string },
    callTitle: r.call_title as Localized,
    applicationTitle: r.title as string,
    purpose: r.summary as string,
    outcome: r.outcome as DocumentFacts['outcome'],
    grantedAmount: funded ? Number(r.granted_amount) : null,
    requestedAmount: Number(r.requested_amount),
    projectStart: (r.project_start as string | null) ?? null,
    projectEnd: (r.project_end as string | null) ?? null,
    rationale: language === 'sv' ? ((r.rationale_sv as string | null) ?? (r.rationale as string)) : (r.rationale as string),
    conditions: conditions ? (language === 'sv' ? (conditions.sv ?? conditions.fi) : conditions.fi) : null,
    reports: (r.reports_due as { type: string; dueAt: string }[])
      .map((x) => ({ type: x.type, dueAt: new Date(x.dueAt) }))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()),
    schedule: funded ? paymentSchedule(Number(r.granted_amount), plan) : [],
    acceptanceLastDay: funded ? acceptanceDeadline(r.notified_at as Date, r.acceptance_days as number, zone).lastDay : null,
  };
}

/** "Decision document ready" to each lead organisation, in its own language (also English). */
export function documentReadyNotifications(documents: IssuedDocument[], callTitle: Localized): OutboxEntry[] {
  return documents.map((d) => ({
    recipient: { organizationId: d.leadOrganizationId },
    kind: 'decision_document_ready',
    language: d.organizationLanguage,
    dedupeKey: `decision-document-${d.applicationId}-${d.language}-v${d.version}`,
    message: templates.decisionDocumentReady(
      {
        applicationTitle: d.applicationTitle,
        callTitle,
        caseNumber: d.caseNumber,
        version: d.version,
        acceptanceLastDay: d.acceptanceLastDay ? finnishDate(d.acceptanceLastDay) : null,
      },
      d.organizationLanguage,
    ),
  }));
}
