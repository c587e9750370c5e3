import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor, Roles } from '../common/auth';
import { UuidParam } from '../common/params';
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
  @ApiOkResponse({ type: DecisionView })
  @ApiConflictResponse({ description: 'CAP_REACHED (funded per category), BUDGET_EXCEEDED (Σ granted), INVALID_STATE once published' })
  decide(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: DecisionDto): Promise<DecisionView> {
    return this.funding.decide(actor, id, dto);
  }

  @Get('calls/:id/decisions')
  @ApiOkResponse({ type: DecisionView, isArray: true, description: 'Addition to API.md: the decisions recorded so far' })
  decisions(@UuidParam('id') callId: string): Promise<DecisionView[]> {
    return this.funding.decisions(callId);
  }

  @Get('calls/:id/funding-proposal')
  @ApiOkResponse({ type: FundingProposalView, description: 'The highest-scoring set that fits every category cap and the budget, exactly' })
  proposal(@UuidParam('id') callId: string): Promise<FundingProposalView> {
    return this.funding.proposal(callId);
  }

  @Post('calls/:id/decisions/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: PublishResult, description: 'Idempotent; applicants are notified and network projects created by a job' })
  publish(@CurrentActor() actor: Actor, @UuidParam('id') callId: string): Promise<PublishResult> {
    return this.funding.publish(actor, callId);
  }
}
