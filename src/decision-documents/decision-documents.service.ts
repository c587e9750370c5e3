import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { visibleTo } from '../applications/submit.statements';
import { Actor, hasRole } from '../common/auth';
import { audit } from '../common/audit';
import { Problem } from '../common/problem';
import type { DecisionView } from '../funding/dto/decision.dto';
import { toDecision } from '../funding/funding.service';
import { JobScheduler } from '../jobs/job-scheduler';
import { enqueueNotifications } from '../notifications/outbox';
import type { Localized } from '../notifications/templates';
import { DecisionCorrectionDto, DecisionDocumentQuery, DecisionDocumentView } from './decision-document.dto';
import { documentReadyNotifications, issueCorrection } from './document.generator';

type Row = Record<string, unknown>;

const VIEW_COLUMNS = `id, application_id, call_id, version, language, case_number, sha256, html_sha256, correction_reason, created_at`;

function toView(r: Row): DecisionDocumentView {
  return {
    id: r.id as string,
    applicationId: r.application_id as string,
    callId: r.call_id as string,
    version: r.version as number,
    language: r.language as DecisionDocumentView['language'],
    caseNumber: r.case_number as string,
    sha256: r.sha256 as string,
    htmlSha256: r.html_sha256 as string,
    correctionReason: (r.correction_reason as string | null) ?? null,
    createdAt: r.created_at as Date,
  };
}

export interface DocumentFile {
  contentType: string;
  filename: string;
  sha256: string;
  body: Buffer | string;
}

/**
 * Reading the stored decision documents: only members of the application's organisations (lead
 * and members) and officers (admin) may; every read of a document's content is audited, in the
 * transaction that reads it. An assigned reviewer sees the application but not its decision
 * document (403); anyone else is not told the application exists (404).
 */
@Injectable()
export class DecisionDocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
  ) {}

  async list(actor: Actor, applicationId: string): Promise<DecisionDocumentView[]> {
    await this.mayRead(this.db.manager, actor, applicationId);
    const rows: Row[] = await this.db.query(
      `SELECT ${VIEW_COLUMNS} FROM decision_documents WHERE application_id = $1 ORDER BY version DESC, language`,
      [applicationId],
    );
    return rows.map(toView);
  }

  /**
   * The application's decision for its organisations once published (before that they are not told
   * of it: 404), for officers at any time; the same readers as its documents.
   */
  async decision(actor: Actor, applicationId: string): Promise<DecisionView> {
    await this.mayRead(this.db.manager, actor, applicationId);
    const [row]: Row[] = await this.db.query('SELECT * FROM decisions WHERE application_id = $1', [applicationId]);
    if (!row || (row.notified_at === null && !hasRole(actor, 'admin'))) throw Problem.notFound('Decision');
    return toDecision(row);
  }

  async listForCall(callId: string): Promise<DecisionDocumentView[]> {
    const [call] = await this.db.query('SELECT id FROM calls WHERE id = $1', [callId]);
    if (!call) throw Problem.notFound('Call');
    const rows: Row[] = await this.db.query(
      `SELECT ${VIEW_COLUMNS} FROM decision_documents WHERE call_id = $1 ORDER BY case_number, version DESC, language`,
      [callId],
    );
    return rows.map(toView);
  }

  async read(actor: Actor, applicationId: string, q: DecisionDocumentQuery, html: boolean): Promise<DocumentFile> {
    return this.db.transaction(async (m) => {
      await this.mayRead(m, actor, applicationId);
      const [doc]: Row[] = await m.query(
        `SELECT id, version, language, case_number, sha256, html_sha256, ${html ? 'html' : 'pdf'} AS body FROM decision_documents
          WHERE application_id = $1 AND ($2::text IS NULL OR language = $2) AND ($3::int IS NULL OR version = $3)
          ORDER BY version DESC LIMIT 1`,
        [applicationId, q.lang ?? null, q.version ?? null],
      );
      if (!doc) {
        throw new Problem(
          404,
          'NOT_FOUND',
          `No decision document${q.lang ? ` in ${q.lang}` : ''}${q.version ? ` of version ${q.version}` : ''} for this application`,
        );
      }
      await audit(m, {
        actorId: actor.id,
        action: 'decision_document.read',
        entity: 'decision_document',
        entityId: doc.id as string,
        after: { applicationId, version: doc.version, language: doc.language, format: html ? 'html' : 'pdf' },
      });
      const name = `${String(doc.case_number).replace(/[^A-Za-z0-9-]+/g, '_')}-v${doc.version}-${doc.language}`;
      return html
        ? { contentType: 'text/html; charset=utf-8', filename: `${name}.html`, sha256: doc.html_sha256 as string, body: doc.body as string }
        : { contentType: 'application/pdf', filename: `${name}.pdf`, sha256: doc.sha256 as string, body: doc.body as Buffer };
    });
  }

  /** A correction: the decision's texts as corrected, and a new version of its document; the old versions stay. */
  async correct(actor: Actor, applicationId: string, dto: DecisionCorrectionDto): Promise<DecisionDocumentView> {
    const { view, ids } = await this.db.transaction(async (m) => {
      const [decision] = await m.query(
        `SELECT d.call_id, c.title AS call_title FROM decisions d JOIN calls c ON c.id = d.call_id WHERE d.application_id = $1 FOR UPDATE OF d`,
        [applicationId],
      );
      if (!decision) throw Problem.notFound('Decision');
      if (dto.rationale) {
        await m.query('UPDATE decisions SET rationale = $2, rationale_sv = $3 WHERE application_id = $1', [
          applicationId,
          dto.rationale.fi,
          dto.rationale.sv ?? null,
        ]);
      }
      if (dto.conditions) {
        await m.query('UPDATE decisions SET conditions = $2 WHERE application_id = $1', [
          applicationId,
          JSON.stringify({ fi: dto.conditions.fi, ...(dto.conditions.sv ? { sv: dto.conditions.sv } : {}) }),
        ]);
      }
      const issued = await issueCorrection(m, applicationId, dto.reason, actor.id);
      if (!issued) throw Problem.invalidState('The decisions of this call have not been published yet; there is no document to correct');
      const ids = await enqueueNotifications(m, documentReadyNotifications([issued], decision.call_title as Localized));
      await audit(m, {
        actorId: actor.id,
        action: 'decision_document.correct',
        entity: 'application',
        entityId: applicationId,
        after: { version: issued.version, reason: dto.reason, rationale: dto.rationale, conditions: dto.conditions },
      });
      const [row]: Row[] = await m.query(
        `SELECT ${VIEW_COLUMNS} FROM decision_documents WHERE application_id = $1 AND language = $2 AND version = $3`,
        [applicationId, issued.language, issued.version],
      );
      return { view: toView(row), ids };
    });
    await this.jobs.deliver(ids);
    return view;
  }

  private async mayRead(m: EntityManager, actor: Actor, applicationId: string): Promise<void> {
    const [row] = await m.query(
      `SELECT (a.lead_organization_id = $2
               OR EXISTS (SELECT 1 FROM application_members x WHERE x.application_id = a.id AND x.organization_id = $2)) AS member,
              ${visibleTo('$2', '$3')} AS visible
         FROM applications a WHERE a.id = $1`,
      [applicationId, actor.organizationId, actor.id],
    );
    if (!row) throw Problem.notFound('Application');
    if (hasRole(actor, 'admin') || row.member) return;
    if (row.visible) throw Problem.forbidden('Only the application’s organisations and officers may read its decision documents');
    throw Problem.notFound('Application');
  }
}
