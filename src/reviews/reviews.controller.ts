import { Body, Controller, Get, Headers, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, Authenticated, CurrentActor, Roles } from '../common/auth';
import { UuidParam } from '../common/params';
import { AssignDto, AssignmentView, AutoAssignResult, ConflictDto, MyAssignmentView, ReviewDto, ReviewView } from './dto/review.dto';
import { rankingCsv, RankingRow } from './ranking.query';
import { ReviewsService } from './reviews.service';
import { wantsCsv } from '../common/csv';

@ApiTags('review')
@Authenticated()
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Roles('admin')
  @Post('calls/:id/assignments')
  @ApiCreatedResponse({ type: AssignmentView })
  @ApiConflictResponse({
    description: 'CONFLICT_OF_INTEREST: the reviewer belongs to the application’s organisations or declared a conflict',
  })
  assign(@CurrentActor() actor: Actor, @UuidParam('id') callId: string, @Body() dto: AssignDto): Promise<AssignmentView> {
    return this.reviews.assign(actor, callId, dto);
  }

  @Roles('admin')
  @Post('calls/:id/assignments/auto')
  @HttpCode(200)
  @ApiOkResponse({ type: AutoAssignResult })
  autoAssign(@CurrentActor() actor: Actor, @UuidParam('id') callId: string): Promise<AutoAssignResult> {
    return this.reviews.autoAssign(actor, callId);
  }

  @Roles('reviewer')
  @Get('reviews')
  @ApiOkResponse({ type: MyAssignmentView, isArray: true })
  mine(@CurrentActor() actor: Actor): Promise<MyAssignmentView[]> {
    return this.reviews.myAssignments(actor);
  }

  @Roles('reviewer')
  @Put('applications/:id/review')
  @ApiOkResponse({ type: ReviewView, description: 'The saved draft' })
  save(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReviewDto): Promise<ReviewView> {
    return this.reviews.save(actor, id, dto);
  }

  @Roles('reviewer')
  @Post('applications/:id/review/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewView })
  submit(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ReviewView> {
    return this.reviews.submit(actor, id);
  }

  @Roles('reviewer')
  @Post('applications/:id/conflict')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The conflict is recorded and the assignment removed' })
  conflict(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: ConflictDto,
  ): Promise<{ applicationId: string; assignmentRemoved: true }> {
    return this.reviews.declareConflict(actor, id, dto.reason);
  }

  @Roles('admin', 'reviewer')
  @Get('applications/:id/reviews')
  @ApiOkResponse({
    type: ReviewView,
    isArray: true,
    description: 'Addition to API.md: admins see all; a reviewer sees others’ only after submitting their own',
  })
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ReviewView[]> {
    return this.reviews.list(actor, id);
  }

  @Roles('admin')
  @Post('applications/:id/reviews/:reviewerId/reopen')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewView, description: 'Addition to API.md: unlocks a submitted review for its reviewer' })
  reopen(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('reviewerId') reviewerId: string): Promise<ReviewView> {
    return this.reviews.reopen(actor, id, reviewerId);
  }

  @Roles('admin')
  @Get('calls/:id/ranking')
  @ApiQuery({ name: 'category', required: false })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'Ranked applications per category; `Accept: text/csv` gives CSV (UTF-8 with BOM)' })
  async ranking(
    @UuidParam('id') callId: string,
    @Query('category') category: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RankingRow[] | string> {
    const rows = await this.reviews.ranking(callId, category);
    if (wantsCsv(accept)) {
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="ranking-${callId}.csv"`);
      return rankingCsv(rows);
    }
    return rows;
  }
}
