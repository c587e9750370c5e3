import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../jobs/logged-worker-host';
import { DeliverJobData, QUEUE } from '../jobs/queues';
import { DeliveryService } from './delivery.service';

@Processor(QUEUE.notifications, { concurrency: 5 })
export class DeliveryProcessor extends LoggedWorkerHost {
  constructor(private readonly delivery: DeliveryService) {
    super();
  }

  process(job: Job<DeliverJobData>): Promise<string> {
    return this.delivery.deliver(job.data.notificationId);
  }
}
