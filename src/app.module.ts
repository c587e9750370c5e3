import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './common/auth.guard';
import { loggerModule } from './common/logging';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ApplicationsModule } from './applications/applications.module';
import { CallsModule } from './calls/calls.module';
import { CoordinationModule } from './coordination/coordination.module';
import { DecisionDocumentsModule } from './decision-documents/decision-documents.module';
import { AcceptanceModule } from './acceptance/acceptance.module';
import { FundingModule } from './funding/funding.module';
import { HealthModule } from './health/health.module';
import { ReviewsModule } from './reviews/reviews.module';
import { JobsModule } from './jobs/jobs.module';
import { NotificationsModule } from './notifications/notifications.module';
import { IdentityModule, jwtModule } from './identity/identity.module';

/** The HTTP API. */
@Module({
  imports: [
    AppConfigModule,
    loggerModule('avustus-api'),
    DatabaseModule,
    jwtModule,
    JobsModule.forRole('producer'),
    HealthModule,
    IdentityModule,
    CallsModule,
    ApplicationsModule,
    NotificationsModule,
    ReviewsModule,
    FundingModule,
    CoordinationModule,
    DecisionDocumentsModule,
    AcceptanceModule,
  ],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AppModule {}
