import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../jobs/logged-worker-host';
import { CallJobData, QUEUE } from '../jobs/queues';
import { DecisionPublishingService } from './decision-publishing.service';

@Processor(QUEUE.decisions)
export class DecisionsProcessor extends LoggedWorkerHost {
  constructor(private readonly publishing: DecisionPublishingService) {
    super();
  }

  process(job: Job<CallJobData>): Promise<string> {
    return this.publishing.apply(job.data.callId);
  }
}
