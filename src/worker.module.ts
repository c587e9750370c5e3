import { Module } from '@nestjs/common';
import { loggerModule } from './common/logging';
import { AppConfigModule } from './config/config.module';
import { databaseModule } from './database/database.module';

/** The background worker: BullMQ processors and the reconciler, no HTTP. */
@Module({
  imports: [AppConfigModule, loggerModule, databaseModule],
})
export class WorkerModule {}
