import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../jobs/logged-worker-host';
import { AcceptanceJobsService } from '../acceptance/acceptance-jobs.service';
import { AcceptanceJobData, CallJobData, JOB, QUEUE } from '../jobs/queues';
import { DecisionPublishingService } from './decision-publishing.service';

@Processor(QUEUE.decisions)
export class DecisionsProcessor extends LoggedWorkerHost {
  constructor(
    private readonly publishing: DecisionPublishingService,
    private readonly acceptance: AcceptanceJobsService,
  ) {
    super();
  }

  process(job: Job<CallJobData | AcceptanceJobData>): Promise<string> {
    switch (job.name) {
      case JOB.publishDecisions:
        return this.publishing.apply((job.data as CallJobData).callId);
      case JOB.acceptBySilence:
        return this.acceptance.acceptBySilence((job.data as AcceptanceJobData).applicationId);
      case JOB.acceptanceReminder:
        return this.acceptance.remind((job.data as AcceptanceJobData).applicationId);
      default:
        throw new Error(`Unknown job ${job.name} on ${QUEUE.decisions}`);
    }
  }
}
