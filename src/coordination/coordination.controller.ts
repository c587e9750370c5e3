import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, Authenticated, CurrentActor, Roles } from '../common/auth';
import { ApiSpreadsheetOk, spreadsheetOr, XLSX_MEDIA_TYPE, XlsxColumn } from '../common/xlsx';
import { UuidParam } from '../common/params';
import { Problem } from '../common/problem';
import { REPORT_TYPES } from '../calls/dto/call.dto';
import { ApiProblem, ApiProblems } from '../openapi/problems';
import {
  AnnouncementDto,
  AnnouncementResult,
  JoinableProjectView,
  JoinRequestDto,
  JoinRequestView,
  LeaveResult,
  MoveReportDueDto,
  OverviewView,
  PracticeDto,
  PracticeQuery,
  PracticeView,
  ProjectDetailView,
  ProjectQuery,
  ProjectView,
  ReportDto,
  ReportReviewDto,
  ReportView,
  UpdatePracticeDto,
} from './dto/coordination.dto';
import { OverviewRow, OverviewService } from './overview.service';
import { PracticesService } from './practices.service';
import { ProjectsService } from './projects.service';
import { ReportsService } from './reports.service';

/** The report's type in the path; another value is a 400 naming `type` (ReportsService). */
const ReportType = (): ParameterDecorator => (target, key, index) => {
  Param('type')(target, key, index);
  const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
  if (key !== undefined && descriptor) ApiParam({ name: 'type', enum: REPORT_TYPES })(target, key, descriptor);
};

const NOT_IN_PROJECT = 'FORBIDDEN: not one of the project’s organisations, its coordinator or an admin';
const LEAD_ONLY = 'FORBIDDEN: only applicants of the project’s lead organisation';
const COORDINATOR_ONLY = 'FORBIDDEN: only the call’s coordinator or an admin';
const NO_REPORT = 'NOT_FOUND: no such project, or it owes no report of this type';

@ApiTags('coordination')
@Authenticated()
@Controller()
export class CoordinationController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly reports: ReportsService,
    private readonly practices: PracticesService,
    private readonly overviews: OverviewService,
  ) {}

  @Get('network-projects')
  @ApiOperation({
    summary: 'List network projects',
    description:
      'Admins: all; coordinators: the projects they coordinate; others: their organisation’s. ' +
      'With `joinable=true` (addition to API.md, any signed-in user): every running project’s public card (name, lead, members, call, period), so an organisation can find one to ask to join.',
  })
  @ApiExtraModels(ProjectView, JoinableProjectView)
  @ApiOkResponse({
    description: 'ProjectView[]; with joinable=true, JoinableProjectView[]',
    schema: {
      oneOf: [
        { type: 'array', items: { $ref: getSchemaPath(ProjectView) } },
        { type: 'array', items: { $ref: getSchemaPath(JoinableProjectView) } },
      ],
    },
  })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() q: ProjectQuery) {
    return q.joinable === 'true' ? this.projects.joinable(actor, q.callId) : this.projects.list(actor, q.callId);
  }

  @Get('network-projects/:id')
  @ApiOperation({ summary: 'Read a network project', description: 'The project with its reports and practices.' })
  @ApiOkResponse({ type: ProjectDetailView })
  @ApiProblem(403, NOT_IN_PROJECT)
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.projects.get(actor, id);
  }

  @Roles('applicant')
  @Post('network-projects/:id/join-requests')
  @ApiOperation({ summary: 'Ask to join', description: 'The caller’s organisation asks to join a running project; its lead decides.' })
  @ApiCreatedResponse({ type: JoinRequestView, description: '`status: "pending"`' })
  @ApiProblems(404)
  @ApiProblem(409, 'INVALID_STATE: the project is not running or the organisation is in it; DUPLICATE: a request is pending')
  requestJoin(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: JoinRequestDto) {
    return this.projects.requestJoin(actor, id, dto.message ?? '');
  }

  @Get('network-projects/:id/join-requests')
  @ApiOperation({ summary: 'Join requests', description: 'Addition to API.md: for the lead organisation, the coordinator and admins.' })
  @ApiOkResponse({ type: JoinRequestView, isArray: true })
  @ApiProblem(403, 'FORBIDDEN: only the lead organisation, the coordinator and admins')
  @ApiProblems(404)
  joinRequests(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.projects.joinRequests(actor, id);
  }

  @Roles('applicant')
  @Post('network-projects/:id/join-requests/:rid/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a join request', description: 'By the lead organisation; the organisation becomes a member.' })
  @ApiOkResponse({ type: JoinRequestView, description: '`status: "approved"`' })
  @ApiProblem(403, LEAD_ONLY)
  @ApiProblems(404)
  @ApiProblem(409, 'INVALID_STATE: the request has already been decided')
  approve(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('rid') rid: string) {
    return this.projects.decideJoin(actor, id, rid, true);
  }

  @Roles('applicant')
  @Post('network-projects/:id/join-requests/:rid/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline a join request', description: 'Addition to API.md: by the lead organisation.' })
  @ApiOkResponse({ type: JoinRequestView, description: '`status: "declined"`' })
  @ApiProblem(403, LEAD_ONLY)
  @ApiProblems(404)
  @ApiProblem(409, 'INVALID_STATE: the request has already been decided')
  decline(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('rid') rid: string) {
    return this.projects.decideJoin(actor, id, rid, false);
  }

  @Post('network-projects/:id/leave')
  @HttpCode(200)
  @ApiOperation({ summary: 'Leave a project', description: 'Addition to API.md: a member organisation leaves the project.' })
  @ApiOkResponse({ type: LeaveResult })
  @ApiProblem(403, 'FORBIDDEN: the caller’s organisation is not a member')
  @ApiProblems(404)
  @ApiProblem(409, 'INVALID_STATE: the lead organisation cannot leave its own project')
  leave(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.projects.leave(actor, id);
  }

  @Roles('admin', 'coordinator')
  @Post('network-projects/:id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a project', description: 'Addition to API.md: active → completed.' })
  @ApiOkResponse({ type: ProjectView })
  @ApiProblem(403, COORDINATOR_ONLY)
  @ApiProblems(404)
  complete(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.projects.complete(actor, id);
  }

  @Get('network-projects/:id/reports/:type')
  @ApiOperation({
    summary: 'Read a report',
    description: 'Addition to API.md: for the project’s organisations, its coordinator and admins.',
  })
  @ApiOkResponse({ type: ReportView })
  @ApiProblem(400, 'VALIDATION_FAILED: `id` is not a UUID or `type` not a report type')
  @ApiProblem(403, NOT_IN_PROJECT)
  @ApiProblem(404, NO_REPORT)
  report(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @ReportType() type: string) {
    return this.reports.get(actor, id, type);
  }

  @Roles('applicant')
  @Post('network-projects/:id/reports/:type')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit a report',
    description: 'The lead organisation submits (or after a return resubmits) the report’s text; after its due date it counts as late.',
  })
  @ApiOkResponse({ type: ReportView, description: '`status: "submitted"`' })
  @ApiProblem(403, LEAD_ONLY)
  @ApiProblem(404, NO_REPORT)
  @ApiProblem(409, 'INVALID_STATE: the report has been accepted')
  submitReport(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @ReportType() type: string, @Body() dto: ReportDto) {
    return this.reports.submit(actor, id, type, dto.content);
  }

  @Roles('applicant')
  @Post('network-projects/:id/reports/:type/attachment')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'The attachment' } },
    },
  })
  @ApiOperation({
    summary: 'Attach a file to a report',
    description: 'Addition to API.md: one file (multipart field `file`), up to REPORT_ATTACHMENT_MAX_BYTES; replaces an earlier one.',
  })
  @ApiOkResponse({ type: ReportView })
  @ApiProblem(400, 'VALIDATION_FAILED: no file, `id` not a UUID or `type` not a report type')
  @ApiProblem(403, LEAD_ONLY)
  @ApiProblem(404, NO_REPORT)
  @ApiProblem(409, 'INVALID_STATE: the report has been accepted')
  @ApiProblem(413, 'PAYLOAD_TOO_LARGE: the file is larger than REPORT_ATTACHMENT_MAX_BYTES')
  @ApiProblems(415)
  async attach(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @ReportType() type: string, @Req() req: FastifyRequest) {
    if (!req.isMultipart()) throw new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the attachment as multipart/form-data');
    const file = await req.file();
    if (!file) throw Problem.field('file', 'a file is required');
    const data = await file.toBuffer();
    return this.reports.attach(actor, id, type, { filename: file.filename, mimetype: file.mimetype, data });
  }

  @Get('network-projects/:id/reports/:type/attachment')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: 'Download a report’s attachment', description: 'Addition to API.md: with the media type it was uploaded with.' })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The file' })
  @ApiProblem(400, 'VALIDATION_FAILED: `id` is not a UUID or `type` not a report type')
  @ApiProblem(403, NOT_IN_PROJECT)
  @ApiProblem(404, 'NOT_FOUND: no such project or report, or the report has no attachment')
  async attachment(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @ReportType() type: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.reports.attachment(actor, id, type);
    void reply
      .header('content-type', file.type || 'application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    return file.data;
  }

  @Roles('admin', 'coordinator')
  @Post('network-projects/:id/reports/:type/review')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Review a report',
    description: 'Addition to API.md: the coordinator or an admin accepts or returns a submitted report.',
  })
  @ApiOkResponse({ type: ReportView })
  @ApiProblem(403, COORDINATOR_ONLY)
  @ApiProblem(404, NO_REPORT)
  @ApiProblem(409, 'INVALID_STATE: the report is not submitted')
  reviewReport(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @ReportType() type: string, @Body() dto: ReportReviewDto) {
    return this.reports.review(actor, id, type, dto.outcome, dto.comment);
  }

  @Roles('admin')
  @Patch('network-projects/:id/reports/:type')
  @ApiOperation({ summary: 'Move a report’s due date', description: 'Addition to API.md: its reminder and overdue jobs move too.' })
  @ApiOkResponse({ type: ReportView })
  @ApiProblem(404, NO_REPORT)
  @ApiProblem(409, 'INVALID_STATE: the report has been accepted')
  moveDue(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @ReportType() type: string, @Body() dto: MoveReportDueDto) {
    return this.reports.moveDue(actor, id, type, dto.dueAt);
  }

  @Post('network-projects/:id/practices')
  @ApiOperation({
    summary: 'Publish a practice',
    description: 'A practice card of a member organisation; the author’s organisation is the caller’s.',
  })
  @ApiCreatedResponse({ type: PracticeView })
  @ApiProblem(403, 'FORBIDDEN: the caller’s organisation is not in the project')
  @ApiProblems(404)
  createPractice(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: PracticeDto) {
    return this.practices.create(actor, id, dto);
  }

  @Patch('practices/:id')
  @ApiOperation({ summary: 'Edit a practice', description: 'Addition to API.md: by the authoring organisation.' })
  @ApiOkResponse({ type: PracticeView })
  @ApiProblem(403, 'FORBIDDEN: only the authoring organisation')
  @ApiProblems(404)
  updatePractice(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdatePracticeDto) {
    return this.practices.update(actor, id, dto);
  }

  @Get('practices')
  @ApiOperation({ summary: 'Search practices', description: 'Finnish full-text search across all projects, ranked, paginated.' })
  @ApiOkResponse({ type: PracticeView, isArray: true })
  @ApiProblems(400)
  searchPractices(@Query() q: PracticeQuery) {
    return this.practices.search(q);
  }

  @Get('practices/:id')
  @ApiOperation({ summary: 'Read a practice', description: 'Addition to API.md.' })
  @ApiOkResponse({ type: PracticeView })
  @ApiProblems(404)
  practice(@UuidParam('id') id: string) {
    return this.practices.get(id);
  }

  @Roles('admin', 'coordinator')
  @Get('calls/:id/coordination')
  @ApiOperation({
    summary: 'Coordination overview',
    description:
      'Per project: members, reports due/submitted/overdue, practices, granted money; totals. `Accept: text/csv` for CSV, ' +
      `\`Accept: ${XLSX_MEDIA_TYPE}\` for an XLSX workbook of the projects.`,
  })
  @ApiSpreadsheetOk(OverviewView)
  @ApiProblem(403, COORDINATOR_ONLY)
  @ApiProblems(404)
  async overview(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const overview = await this.overviews.overview(actor, id);
    const columns: XlsxColumn<OverviewRow>[] = [
      { key: 'projectId' },
      { key: 'name' },
      { key: 'category' },
      { key: 'leadOrganizationName' },
      { key: 'status' },
      { key: 'membersCount', kind: 'integer' },
      { key: 'reportsDue', kind: 'integer' },
      { key: 'reportsSubmitted', kind: 'integer' },
      { key: 'reportsAccepted', kind: 'integer' },
      { key: 'reportsOverdue', kind: 'integer' },
      { key: 'practicesCount', kind: 'integer' },
      { key: 'grantedAmount', kind: 'euros' },
    ];
    return spreadsheetOr(reply, accept, { name: `coordination-${id}`, sheet: 'Coordination' }, overview, columns, overview.projects);
  }

  @Roles('admin', 'coordinator')
  @Post('calls/:id/announcements')
  @ApiOperation({ summary: 'Send an announcement', description: 'Notifies every organisation of every project of the call.' })
  @ApiCreatedResponse({ type: AnnouncementResult })
  @ApiProblem(403, COORDINATOR_ONLY)
  @ApiProblems(404)
  announce(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: AnnouncementDto) {
    return this.overviews.announce(actor, id, dto.subject, dto.body);
  }
}
