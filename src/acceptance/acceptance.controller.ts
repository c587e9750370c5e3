import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor, Roles } from '../common/auth';
import { UuidParam } from '../common/params';
import { ApiProblem, ApiProblems } from '../openapi/problems';
import { GrantView, RefuseGrantDto, ReserveRowView } from './acceptance.dto';
import { AcceptanceService } from './acceptance.service';

const LATE =
  'DEADLINE_PASSED at or after the acceptance deadline (database clock; nothing is written); INVALID_STATE when there is no published grant or the other answer was given';

@ApiTags('decisions')
@Authenticated()
@Controller()
export class AcceptanceController {
  constructor(private readonly acceptance: AcceptanceService) {}

  @Roles('applicant')
  @Post('applications/:id/grant/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept the grant',
    description: 'By an applicant of the lead organisation, before the acceptance deadline; accepting again changes nothing.',
  })
  @ApiOkResponse({ type: GrantView })
  @ApiProblem(403, 'FORBIDDEN: not an applicant of the lead organisation')
  @ApiProblem(404, 'NOT_FOUND: no such application, or not one the caller may see')
  @ApiProblem(409, LATE)
  accept(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<GrantView> {
    return this.acceptance.answer(actor, id, 'accept');
  }

  @Roles('applicant')
  @Post('applications/:id/grant/refuse')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refuse the grant',
    description:
      'By an applicant of the lead organisation, with a reason, before the acceptance deadline. The category slot and the money are free at once (same transaction); the officers are told.',
  })
  @ApiOkResponse({ type: GrantView })
  @ApiProblem(400, 'VALIDATION_FAILED: reason missing')
  @ApiProblem(403, 'FORBIDDEN: not an applicant of the lead organisation')
  @ApiProblem(404, 'NOT_FOUND: no such application, or not one the caller may see')
  @ApiProblem(409, LATE)
  refuse(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: RefuseGrantDto): Promise<GrantView> {
    return this.acceptance.answer(actor, id, 'refuse', dto.reason);
  }

  @Roles('admin')
  @Get('calls/:id/reserve')
  @ApiOperation({
    summary: 'Reserve list',
    description:
      'In ranking order, the applications without a grant (and not having refused one) that fit a free slot of their category and the remaining budget. Fund one with the ordinary decision; the caps hold under any concurrency.',
  })
  @ApiOkResponse({ type: ReserveRowView, isArray: true })
  @ApiProblems(404)
  reserve(@UuidParam('id') id: string): Promise<ReserveRowView[]> {
    return this.acceptance.reserve(id);
  }
}
