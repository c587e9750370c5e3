import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, Authenticated, CurrentActor, Roles } from '../common/auth';
import { UuidParam } from '../common/params';
import { ApiSpreadsheetOk, spreadsheetOr, XLSX_MEDIA_TYPE, XlsxColumn } from '../common/xlsx';
import { ApiProblem, ApiProblems } from '../openapi/problems';
import { ApplicationsService } from './applications.service';
import {
  ApplicationQuery,
  ApplicationVersionView,
  ApplicationView,
  CreateApplicationDto,
  UpdateApplicationDto,
} from './dto/application.dto';

/** A listing's spreadsheet columns (CSV and XLSX). */
const APPLICATION_COLUMNS: XlsxColumn<ApplicationView>[] = [
  { key: 'id' },
  { key: 'callId' },
  { key: 'category' },
  { key: 'title' },
  { key: 'leadOrganizationId' },
  { key: 'status' },
  { key: 'requestedAmount', kind: 'euros' },
  { key: 'selfFinancingAmount', kind: 'euros' },
  { key: 'projectStart' },
  { key: 'projectEnd' },
  { key: 'version', kind: 'integer' },
  { key: 'submittedVersion', kind: 'integer' },
  { key: 'hasUnsubmittedChanges', kind: 'boolean' },
  { key: 'submittedAt', kind: 'date' },
  { key: 'createdAt', kind: 'date' },
];

const LEAD_ONLY = 'FORBIDDEN: only applicants of the lead organisation';

@ApiTags('applications')
@Authenticated()
@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Roles('applicant')
  @Post('calls/:id/applications')
  @ApiOperation({
    summary: 'Start an application',
    description: 'A draft in an open call; the lead organisation is the caller’s. Checked against `closesAt` by the database clock.',
  })
  @ApiCreatedResponse({ type: ApplicationView, description: '`status: "draft"`' })
  @ApiProblem(404, 'NOT_FOUND: no published call with this id')
  @ApiProblem(409, 'CALL_CLOSED: at or after the call’s closesAt')
  create(@CurrentActor() actor: Actor, @UuidParam('id') callId: string, @Body() dto: CreateApplicationDto): Promise<ApplicationView> {
    return this.applications.create(actor, callId, dto);
  }

  @Roles('applicant')
  @Patch('applications/:id')
  @ApiOperation({
    summary: 'Edit an application',
    description:
      'Fields to change and the `version` last read. A submitted application stays submitted; the edit counts once submitted again.',
  })
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblem(403, LEAD_ONLY)
  @ApiProblems(404)
  @ApiProblem(409, 'VERSION_CONFLICT on a stale version; CALL_CLOSED at or after closesAt; INVALID_STATE once withdrawn or decided')
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateApplicationDto): Promise<ApplicationView> {
    return this.applications.update(actor, id, dto);
  }

  @Roles('applicant')
  @Post('applications/:id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit an application',
    description: 'Checks the submit rules and records `submittedAt` by the database clock, strictly before `closesAt`.',
  })
  @ApiOkResponse({ type: ApplicationView, description: '`status: "submitted"`' })
  @ApiProblem(400, 'VALIDATION_FAILED naming each field that blocks the submit')
  @ApiProblem(403, LEAD_ONLY)
  @ApiProblems(404)
  @ApiProblem(
    409,
    'CALL_CLOSED at or after closesAt (database clock); INVALID_STATE when the call is not open yet or the application withdrawn',
  )
  @ApiProblem(503, 'SERVICE_UNAVAILABLE: the application kept changing during the submit; retry')
  submit(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ApplicationView> {
    return this.applications.submit(actor, id);
  }

  @Roles('applicant')
  @Post('applications/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw an application', description: 'Before the call closes.' })
  @ApiOkResponse({ type: ApplicationView, description: '`status: "withdrawn"`' })
  @ApiProblem(403, LEAD_ONLY)
  @ApiProblems(404)
  @ApiProblem(409, 'CALL_CLOSED at or after closesAt; INVALID_STATE when already withdrawn')
  withdraw(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ApplicationView> {
    return this.applications.withdraw(actor, id);
  }

  @Get('applications')
  @ApiOperation({
    summary: 'List applications',
    description:
      'Those the caller may see: their organisation’s (lead or member), assigned to them for review, or all for admins. ' +
      `The same page as a spreadsheet with \`Accept: text/csv\` or \`Accept: ${XLSX_MEDIA_TYPE}\` (addition to API.md).`,
  })
  @ApiSpreadsheetOk(ApplicationView, { isArray: true })
  @ApiProblems(400)
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ApplicationQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApplicationView[] | string | Buffer> {
    const rows = await this.applications.list(actor, query);
    const name = query.callId ? `applications-${query.callId}` : 'applications';
    return spreadsheetOr(reply, accept, { name, sheet: 'Applications' }, rows, APPLICATION_COLUMNS, rows);
  }

  @Get('applications/:id')
  @ApiOperation({
    summary: 'Read an application',
    description: 'For its lead and member organisations, its assigned reviewers and admins.',
  })
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ApplicationView> {
    return this.applications.get(actor, id);
  }

  @Get('applications/:id/versions')
  @ApiOperation({ summary: 'Submitted versions', description: 'Addition to API.md: every submitted version (admins, lead organisation).' })
  @ApiOkResponse({ type: ApplicationVersionView, isArray: true })
  @ApiProblem(403, 'FORBIDDEN: only the lead organisation and admins')
  @ApiProblems(404)
  versions(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ApplicationVersionView[]> {
    return this.applications.versions(actor, id);
  }
}
