import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../jobs/logged-worker-host';
import { JOB, QUEUE, ReviewReminderJobData } from '../jobs/queues';
import { ReviewRemindersService } from './review-reminders.service';

@Processor(QUEUE.reviews)
export class ReviewsProcessor extends LoggedWorkerHost {
  constructor(private readonly reminders: ReviewRemindersService) {
    super();
  }

  process(job: Job<ReviewReminderJobData>): Promise<string> {
    switch (job.name) {
      case JOB.reviewReminder:
        return this.reminders.remind(job.data.callId, job.data.daysBefore);
      default:
        throw new Error(`Unknown job ${job.name} on ${QUEUE.reviews}`);
    }
  }
}
