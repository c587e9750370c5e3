import { Module } from '@nestjs/common';
import { AcceptanceJobsService } from '../acceptance/acceptance-jobs.service';
import { DecisionPublishingService } from './decision-publishing.service';
import { DecisionsProcessor } from './decisions.processor';
import { FundingController } from './funding.controller';
import { FundingService } from './funding.service';
import { ProposalRunner } from './proposal-runner';

@Module({
  controllers: [FundingController],
  providers: [FundingService, ProposalRunner],
})
export class FundingModule {}

/** The worker side: acting on published decisions. */
@Module({
  providers: [DecisionPublishingService, DecisionsProcessor, AcceptanceJobsService],
  exports: [DecisionPublishingService, AcceptanceJobsService],
})
export class FundingWorkerModule {}
