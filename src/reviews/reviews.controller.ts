import { Body, Controller, Get, Headers, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CATEGORY_KEY, KEY_MAX_LENGTH } from '../calls/dto/call.dto';
import { Actor, Authenticated, CurrentActor, Roles } from '../common/auth';
import { ApiSpreadsheetOk, spreadsheetOr, XLSX_MEDIA_TYPE } from '../common/xlsx';
import { UuidParam } from '../common/params';
import { ApiProblem, ApiProblems } from '../openapi/problems';
import {
  AssignDto,
  AssignmentView,
  AutoAssignResult,
  CallAssignmentView,
  ConflictDto,
  ConflictResult,
  MyAssignmentView,
  RankingRowView,
  ReviewDto,
  ReviewView,
} from './dto/review.dto';
import { RANKING_COLUMNS, RankingRow } from './ranking.query';
import { ReviewsService } from './reviews.service';

const NOT_ASSIGNED = 'FORBIDDEN: the caller is not assigned to review this application';

@ApiTags('review')
@Authenticated()
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Roles('admin')
  @Post('calls/:id/assignments')
  @ApiOperation({ summary: 'Assign a reviewer', description: 'By hand, to an application in review; the reviewer is notified.' })
  @ApiCreatedResponse({ type: AssignmentView })
  @ApiProblem(400, 'VALIDATION_FAILED: a field is invalid, or `reviewerId` is not a reviewer')
  @ApiProblem(404, 'NOT_FOUND: no such application in this call')
  @ApiProblem(
    409,
    'CONFLICT_OF_INTEREST: the reviewer belongs to the application’s organisations or declared a conflict; INVALID_STATE: not in review',
  )
  assign(@CurrentActor() actor: Actor, @UuidParam('id') callId: string, @Body() dto: AssignDto): Promise<AssignmentView> {
    return this.reviews.assign(actor, callId, dto);
  }

  @Roles('admin')
  @Get('calls/:id/assignments')
  @ApiOperation({
    summary: 'A call’s assignments',
    description:
      'Addition to API.md: every reviewer assignment of the call with its review’s progress; `overdue` when the review is not ' +
      'submitted and the call’s `reviewsDueAt` has passed.',
  })
  @ApiOkResponse({ type: CallAssignmentView, isArray: true })
  @ApiProblems(404)
  callAssignments(@UuidParam('id') callId: string): Promise<CallAssignmentView[]> {
    return this.reviews.callAssignments(callId);
  }

  @Roles('admin')
  @Post('calls/:id/assignments/auto')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign reviewers automatically',
    description: 'Every application in review gets the call’s number of reviewers, loads balanced, never one with a conflict of interest.',
  })
  @ApiOkResponse({ type: AutoAssignResult })
  @ApiProblems(404)
  @ApiProblem(409, 'INVALID_STATE: the call has not closed')
  autoAssign(@CurrentActor() actor: Actor, @UuidParam('id') callId: string): Promise<AutoAssignResult> {
    return this.reviews.autoAssign(actor, callId);
  }

  @Roles('reviewer')
  @Get('reviews')
  @ApiOperation({ summary: 'My assignments', description: 'The applications assigned to the caller, with the state of their review.' })
  @ApiOkResponse({ type: MyAssignmentView, isArray: true })
  mine(@CurrentActor() actor: Actor): Promise<MyAssignmentView[]> {
    return this.reviews.myAssignments(actor);
  }

  @Roles('reviewer')
  @Put('applications/:id/review')
  @ApiOperation({
    summary: 'Save my review',
    description: 'A draft: an integer 0..maxScore for every criterion of the call, and a comment.',
  })
  @ApiOkResponse({ type: ReviewView, description: 'The saved draft' })
  @ApiProblem(400, 'VALIDATION_FAILED: a score is missing, unknown, not an integer or out of range')
  @ApiProblem(403, NOT_ASSIGNED)
  @ApiProblem(409, 'INVALID_STATE: the review is submitted, or the application no longer in review')
  save(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReviewDto): Promise<ReviewView> {
    return this.reviews.save(actor, id, dto);
  }

  @Roles('reviewer')
  @Post('applications/:id/review/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit my review', description: 'Locks the saved review; an admin can reopen it.' })
  @ApiOkResponse({ type: ReviewView, description: '`status: "submitted"`' })
  @ApiProblem(403, NOT_ASSIGNED)
  @ApiProblem(409, 'INVALID_STATE: no saved review, or the application no longer in review')
  submit(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ReviewView> {
    return this.reviews.submit(actor, id);
  }

  @Roles('reviewer')
  @Post('applications/:id/conflict')
  @HttpCode(200)
  @ApiOperation({ summary: 'Declare a conflict of interest', description: 'The conflict is recorded and the caller’s assignment removed.' })
  @ApiOkResponse({ type: ConflictResult })
  @ApiProblem(403, NOT_ASSIGNED)
  @ApiProblem(409, 'INVALID_STATE: the application is no longer in review')
  conflict(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ConflictDto): Promise<ConflictResult> {
    return this.reviews.declareConflict(actor, id, dto.reason);
  }

  @Roles('admin', 'reviewer')
  @Get('applications/:id/reviews')
  @ApiOperation({
    summary: 'Reviews of an application',
    description: 'Addition to API.md: admins see all; a reviewer sees others’ only after submitting their own.',
  })
  @ApiOkResponse({ type: ReviewView, isArray: true })
  @ApiProblem(404, 'NOT_FOUND: no such application, or not assigned to the caller')
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ReviewView[]> {
    return this.reviews.list(actor, id);
  }

  @Roles('admin')
  @Post('applications/:id/reviews/:reviewerId/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a review', description: 'Addition to API.md: unlocks a submitted review for its reviewer.' })
  @ApiOkResponse({ type: ReviewView })
  @ApiProblem(404, 'NOT_FOUND: no submitted review of this reviewer')
  reopen(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('reviewerId') reviewerId: string): Promise<ReviewView> {
    return this.reviews.reopen(actor, id, reviewerId);
  }

  @Roles('admin')
  @Get('calls/:id/ranking')
  @ApiOperation({
    summary: 'Ranking',
    description:
      'Reviewed applications ranked per category: per review Σ(weight × score / maxScore) / Σ(weight), averaged, 0–100. ' +
      '`Accept: text/csv` gives CSV (UTF-8 with BOM); `Accept: ' +
      XLSX_MEDIA_TYPE +
      '` an XLSX workbook (numbers as numbers, euros with a euro format, the header row frozen).',
  })
  @ApiQuery({ name: 'category', required: false, pattern: CATEGORY_KEY.source, maxLength: KEY_MAX_LENGTH })
  @ApiSpreadsheetOk(RankingRowView, { isArray: true })
  @ApiProblem(400, 'VALIDATION_FAILED: `id` is not a UUID or `category` not a category key')
  @ApiProblems(404)
  async ranking(
    @UuidParam('id') callId: string,
    @Query('category') category: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RankingRow[] | string | Buffer> {
    const rows = await this.reviews.ranking(callId, category);
    return spreadsheetOr(reply, accept, { name: `ranking-${callId}`, sheet: 'Ranking' }, rows, RANKING_COLUMNS, rows);
  }
}
