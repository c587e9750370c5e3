import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../jobs/logged-worker-host';
import { JOB, QUEUE, ReportJobData } from '../jobs/queues';
import { ReportJobsService } from './report-jobs.service';

@Processor(QUEUE.reports)
export class ReportsProcessor extends LoggedWorkerHost {
  constructor(private readonly reports: ReportJobsService) {
    super();
  }

  process(job: Job<ReportJobData>): Promise<string> {
    switch (job.name) {
      case JOB.reportOverdue:
        return this.reports.markOverdue(job.data.reportId);
      case JOB.reportReminder:
        return this.reports.remind(job.data.reportId, job.data.daysBefore ?? 0);
      default:
        throw new Error(`Unknown job ${job.name} on ${QUEUE.reports}`);
    }
  }
}
