import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../jobs/logged-worker-host';
import { CallJobData, JOB, QUEUE, ReminderJobData } from '../jobs/queues';
import { CallClosingService } from './call-closing.service';
import { CallRemindersService } from './call-reminders.service';

@Processor(QUEUE.calls, { concurrency: 2 })
export class CallsProcessor extends LoggedWorkerHost {
  constructor(
    private readonly closing: CallClosingService,
    private readonly reminders: CallRemindersService,
  ) {
    super();
  }

  process(job: Job<CallJobData | ReminderJobData>): Promise<string> {
    switch (job.name) {
      case JOB.closeCall:
        return this.closing.close(job.data.callId);
      case JOB.callReminder:
        return this.reminders.remind(job.data.callId, (job.data as ReminderJobData).daysBefore);
      default:
        throw new Error(`Unknown job ${job.name} on ${QUEUE.calls}`);
    }
  }
}
