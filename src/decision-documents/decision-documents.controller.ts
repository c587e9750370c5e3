import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, Authenticated, CurrentActor, Roles } from '../common/auth';
import { UuidParam } from '../common/params';
import { ApiProblem, ApiProblems } from '../openapi/problems';
import { DecisionView } from '../funding/dto/decision.dto';
import { DecisionCorrectionDto, DecisionDocumentQuery, DecisionDocumentView } from './decision-document.dto';
import { DecisionDocumentsService } from './decision-documents.service';

const READERS = 'FORBIDDEN: an assigned reviewer; only the application’s organisations and officers read its decision documents';
const HIDDEN = 'NOT_FOUND: no such application, or not one the caller may see';

/** The caller asks for HTML (`Accept: text/html` first, or `format=html`) rather than the PDF. */
function wantsHtml(accept: string | undefined, format: string | undefined): boolean {
  if (format) return format === 'html';
  return /^\s*text\/html/i.test(accept ?? '');
}

@ApiTags('decision documents')
@Authenticated()
@Controller()
export class DecisionDocumentsController {
  constructor(private readonly documents: DecisionDocumentsService) {}

  @Get('applications/:id/decision-documents')
  @ApiOperation({
    summary: 'Decision documents of an application',
    description: 'Every stored version, newest first, with its SHA-256; for the application’s organisations and officers.',
  })
  @ApiOkResponse({ type: DecisionDocumentView, isArray: true })
  @ApiProblem(403, READERS)
  @ApiProblem(404, HIDDEN)
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DecisionDocumentView[]> {
    return this.documents.list(actor, id);
  }

  @Get('applications/:id/decision')
  @ApiOperation({
    summary: 'The decision on an application',
    description:
      'Addition to API.md: outcome, granted amount, case number and acceptance deadline, for the application’s organisations once the decisions are published (officers at any time).',
  })
  @ApiOkResponse({ type: DecisionView })
  @ApiProblem(403, READERS)
  @ApiProblem(404, 'NOT_FOUND: no such application (or not one the caller may see), or no published decision on it')
  decision(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DecisionView> {
    return this.documents.decision(actor, id);
  }

  @Get('applications/:id/decision-document')
  @ApiProduces('application/pdf', 'text/html')
  @ApiOperation({
    summary: 'Read a decision document',
    description:
      'The latest version (or `version`) as stored: `application/pdf`, or `text/html` when asked (`Accept: text/html` or `format=html`). `X-Content-SHA256` carries the stored hash. Every read is audited.',
  })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The document' })
  @ApiProblem(403, READERS)
  @ApiProblem(404, 'NOT_FOUND: no such application (or not one the caller may see), or no document in that language or version')
  async read(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query() q: DecisionDocumentQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.documents.read(actor, id, q, wantsHtml(accept, q.format));
    void reply
      .header('content-type', file.contentType)
      .header('content-disposition', `inline; filename="${file.filename}"`)
      .header('x-content-sha256', file.sha256)
      .header('cache-control', 'private, no-store');
    return file.body;
  }

  @Roles('admin')
  @Post('applications/:id/decision-documents')
  @ApiOperation({
    summary: 'Correct a decision document',
    description:
      'Addition to API.md: issues the next version (with the reason, and corrected rationale or conditions if given); stored versions never change. The lead organisation is notified.',
  })
  @ApiCreatedResponse({ type: DecisionDocumentView })
  @ApiProblem(404, 'NOT_FOUND: no such application, or it has no decision')
  @ApiProblem(409, 'INVALID_STATE: the decisions have not been published')
  correct(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: DecisionCorrectionDto): Promise<DecisionDocumentView> {
    return this.documents.correct(actor, id, dto);
  }

  @Roles('admin')
  @Get('calls/:id/decision-documents')
  @ApiOperation({ summary: 'Decision documents of a call', description: 'Addition to API.md: every stored version, by case number.' })
  @ApiOkResponse({ type: DecisionDocumentView, isArray: true })
  @ApiProblems(404)
  listForCall(@UuidParam('id') id: string): Promise<DecisionDocumentView[]> {
    return this.documents.listForCall(id);
  }
}
