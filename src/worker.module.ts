import { Module } from '@nestjs/common';
import { CallsWorkerModule } from './calls/calls.module';
import { loggerModule } from './common/logging';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { CoordinationWorkerModule } from './coordination/coordination.module';
import { FundingWorkerModule } from './funding/funding.module';
import { JobsModule } from './jobs/jobs.module';
import { ReconcileProcessor, Reconciler } from './jobs/reconciler.service';
import { DeliveryProcessor } from './notifications/delivery.processor';
import { DeliveryService } from './notifications/delivery.service';
import { MailTransport } from './notifications/mail.transport';
import { ReviewsWorkerModule } from './reviews/reviews.module';

/** The background worker: BullMQ processors and the reconciler, no HTTP. */
@Module({
  imports: [
    AppConfigModule,
    loggerModule('avustus-worker'),
    DatabaseModule,
    JobsModule.forRole('worker'),
    CallsWorkerModule,
    FundingWorkerModule,
    CoordinationWorkerModule,
    ReviewsWorkerModule,
  ],
  providers: [Reconciler, ReconcileProcessor, MailTransport, DeliveryService, DeliveryProcessor],
})
export class WorkerModule {}
