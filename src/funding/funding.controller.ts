import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor, Roles } from '../common/auth';
import { UuidParam } from '../common/params';
import { ApiProblem, ApiProblems } from '../openapi/problems';
import { DecisionDto, DecisionView, FundingProposalView, PublishResult } from './dto/decision.dto';
import { FundingService } from './funding.service';

@ApiTags('decisions')
@Authenticated()
@Roles('admin')
@Controller()
export class FundingController {
  constructor(private readonly funding: FundingService) {}

  @Post('applications/:id/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decide an application',
    description: 'Funded (with `grantedAmount`) or rejected, with a rationale; may be changed until the decisions are published.',
  })
  @ApiOkResponse({ type: DecisionView })
  @ApiProblem(400, 'VALIDATION_FAILED: a field is invalid, e.g. grantedAmount above the requested amount')
  @ApiProblems(404)
  @ApiProblem(409, 'CAP_REACHED (funded per category), BUDGET_EXCEEDED (Σ granted), INVALID_STATE once published or not in review')
  decide(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: DecisionDto): Promise<DecisionView> {
    return this.funding.decide(actor, id, dto);
  }

  @Get('calls/:id/decisions')
  @ApiOperation({ summary: 'Decisions of a call', description: 'Addition to API.md: the decisions recorded so far.' })
  @ApiOkResponse({ type: DecisionView, isArray: true })
  decisions(@UuidParam('id') callId: string): Promise<DecisionView[]> {
    return this.funding.decisions(callId);
  }

  @Get('calls/:id/funding-proposal')
  @ApiOperation({
    summary: 'Funding proposal',
    description:
      'The highest-scoring set that fits every category cap and the budget at the requested amounts, exactly, explained per application.',
  })
  @ApiOkResponse({ type: FundingProposalView })
  @ApiProblems(404)
  proposal(@UuidParam('id') callId: string): Promise<FundingProposalView> {
    return this.funding.proposal(callId);
  }

  @Post('calls/:id/decisions/publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish the decisions',
    description: 'Idempotent; applicants are notified and network projects created by a job.',
  })
  @ApiOkResponse({ type: PublishResult })
  @ApiProblems(404)
  @ApiProblem(409, 'INVALID_STATE: the call has not closed, or applications in review have no decision')
  publish(@CurrentActor() actor: Actor, @UuidParam('id') callId: string): Promise<PublishResult> {
    return this.funding.publish(actor, callId);
  }
}
