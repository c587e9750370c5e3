import { Processor } from '@nestjs/bullmq';
import { LoggedWorkerHost } from '../jobs/logged-worker-host';
import { QUEUE } from '../jobs/queues';
import { DeliveryService, DeliveryResult } from './delivery.service';

/**
 * Every job on the notifications queue means "deliver the outbox"; its data is not needed (so
 * per-notification `deliver` jobs queued before batching are handled the same way).
 */
@Processor(QUEUE.notifications, { concurrency: 2 })
export class DeliveryProcessor extends LoggedWorkerHost {
  constructor(private readonly delivery: DeliveryService) {
    super();
  }

  process(): Promise<DeliveryResult> {
    return this.delivery.deliverPending();
  }
}
