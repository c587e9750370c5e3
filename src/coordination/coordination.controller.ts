import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, Authenticated, CurrentActor, Roles } from '../common/auth';
import { CsvColumn, toCsv, wantsCsv } from '../common/csv';
import { UuidParam } from '../common/params';
import { Problem } from '../common/problem';
import {
  AnnouncementDto,
  JoinRequestDto,
  PracticeDto,
  PracticeQuery,
  ProjectQuery,
  ReportDto,
  MoveReportDueDto,
  ReportReviewDto,
  UpdatePracticeDto,
} from './dto/coordination.dto';
import { OverviewRow, OverviewService } from './overview.service';
import { PracticesService } from './practices.service';
import { ProjectsService } from './projects.service';
import { ReportsService } from './reports.service';

const ReportType = () => Param('type');

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
  @ApiOkResponse({ description: 'Admins: all; coordinators: the projects they coordinate; others: their organisation’s' })
  list(@CurrentActor() actor: Actor, @Query() q: ProjectQuery) {
    return q.joinable === 'true' ? this.projects.joinable(actor, q.callId) : this.projects.list(actor, q.callId);
  }

  @Get('network-projects/:id')
  @ApiOkResponse({ description: 'The project with its reports and practices' })
  @ApiForbiddenResponse({ description: 'Not one of the project’s organisations, its coordinator or an admin' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.projects.get(actor, id);
  }

  @Roles('applicant')
  @Post('network-projects/:id/join-requests')
  @ApiCreatedResponse({ description: 'The caller’s organisation asks to join a running project' })
  requestJoin(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: JoinRequestDto) {
    return this.projects.requestJoin(actor, id, dto.message ?? '');
  }

  @Get('network-projects/:id/join-requests')
  @ApiOkResponse({ description: 'Addition to API.md: for the lead organisation, the coordinator and admins' })
  joinRequests(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.projects.joinRequests(actor, id);
  }

  @Roles('applicant')
  @Post('network-projects/:id/join-requests/:rid/approve')
  @HttpCode(200)
  approve(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('rid') rid: string) {
    return this.projects.decideJoin(actor, id, rid, true);
  }

  @Roles('applicant')
  @Post('network-projects/:id/join-requests/:rid/decline')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Addition to API.md' })
  decline(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('rid') rid: string) {
    return this.projects.decideJoin(actor, id, rid, false);
  }

  @Post('network-projects/:id/leave')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Addition to API.md: a member organisation leaves the project' })
  leave(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.projects.leave(actor, id);
  }

  @Roles('admin', 'coordinator')
  @Post('network-projects/:id/complete')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Addition to API.md: active → completed' })
  complete(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.projects.complete(actor, id);
  }

  @Get('network-projects/:id/reports/:type')
  @ApiOkResponse({ description: 'Addition to API.md' })
  report(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @ReportType() type: string) {
    return this.reports.get(actor, id, type);
  }

  @Roles('applicant')
  @Post('network-projects/:id/reports/:type')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The lead organisation submits the report → status "submitted"' })
  submitReport(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @ReportType() type: string, @Body() dto: ReportDto) {
    return this.reports.submit(actor, id, type, dto.content);
  }

  @Roles('applicant')
  @Post('network-projects/:id/reports/:type/attachment')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiOkResponse({ description: 'Addition to API.md: one file (multipart field "file"), up to REPORT_ATTACHMENT_MAX_BYTES' })
  async attach(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @ReportType() type: string, @Req() req: FastifyRequest) {
    if (!req.isMultipart()) throw new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the attachment as multipart/form-data');
    const file = await req.file();
    if (!file) throw Problem.field('file', 'a file is required');
    const data = await file.toBuffer();
    return this.reports.attach(actor, id, type, { filename: file.filename, mimetype: file.mimetype, data });
  }

  @Get('network-projects/:id/reports/:type/attachment')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'Addition to API.md: the report’s attachment' })
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
  @ApiOkResponse({ description: 'Addition to API.md: the coordinator or an admin accepts or returns a submitted report' })
  reviewReport(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @ReportType() type: string, @Body() dto: ReportReviewDto) {
    return this.reports.review(actor, id, type, dto.outcome, dto.comment);
  }

  @Roles('admin')
  @Patch('network-projects/:id/reports/:type')
  @ApiOkResponse({ description: 'Addition to API.md: move a report’s due date; its reminder and overdue jobs move too' })
  moveDue(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @ReportType() type: string, @Body() dto: MoveReportDueDto) {
    return this.reports.moveDue(actor, id, type, dto.dueAt);
  }

  @Post('network-projects/:id/practices')
  @ApiCreatedResponse({ description: 'A practice card; the author’s organisation is the caller’s' })
  createPractice(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: PracticeDto) {
    return this.practices.create(actor, id, dto);
  }

  @Patch('practices/:id')
  @ApiOkResponse({ description: 'Addition to API.md: edit by the authoring organisation' })
  updatePractice(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdatePracticeDto) {
    return this.practices.update(actor, id, dto);
  }

  @Get('practices')
  @ApiOkResponse({ description: 'Finnish full-text search across all projects, ranked, paginated' })
  searchPractices(@Query() q: PracticeQuery) {
    return this.practices.search(q);
  }

  @Get('practices/:id')
  @ApiOkResponse({ description: 'Addition to API.md' })
  practice(@UuidParam('id') id: string) {
    return this.practices.get(id);
  }

  @Roles('admin', 'coordinator')
  @Get('calls/:id/coordination')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'Per project: members, reports due/submitted/overdue, practices, granted money; totals. `Accept: text/csv` for CSV',
  })
  async overview(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const overview = await this.overviews.overview(actor, id);
    if (!wantsCsv(accept)) return overview;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="coordination-${id}.csv"`);
    const columns: CsvColumn<OverviewRow>[] = [
      'projectId',
      'name',
      'category',
      'leadOrganizationName',
      'status',
      'membersCount',
      'reportsDue',
      'reportsSubmitted',
      'reportsAccepted',
      'reportsOverdue',
      'practicesCount',
      { key: 'grantedAmount', euros: true },
    ];
    return toCsv(columns, overview.projects);
  }

  @Roles('admin', 'coordinator')
  @Post('calls/:id/announcements')
  @ApiCreatedResponse({ description: 'Notifies every organisation of every project of the call' })
  announce(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: AnnouncementDto) {
    return this.overviews.announce(actor, id, dto.subject, dto.body);
  }
}
