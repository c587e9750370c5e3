import { Module } from '@nestjs/common';
import { CoordinationController } from './coordination.controller';
import { OverviewService } from './overview.service';
import { PracticesService } from './practices.service';
import { ProjectsService } from './projects.service';
import { ReportJobsService } from './report-jobs.service';
import { ReportsProcessor } from './reports.processor';
import { ReportsService } from './reports.service';

@Module({
  controllers: [CoordinationController],
  providers: [ProjectsService, ReportsService, PracticesService, OverviewService],
})
export class CoordinationModule {}

/** The worker side: report reminders and overdue marking. */
@Module({
  providers: [ReportJobsService, ReportsProcessor],
  exports: [ReportJobsService],
})
export class CoordinationWorkerModule {}
