import { Module } from '@nestjs/common';
import { CallClosingService } from './call-closing.service';
import { CallRemindersService } from './call-reminders.service';
import { CallsController } from './calls.controller';
import { CallsProcessor } from './calls.processor';
import { CallsService } from './calls.service';

@Module({
  controllers: [CallsController],
  providers: [CallsService],
  exports: [CallsService],
})
export class CallsModule {}

/** The worker side: closing and reminders, run by BullMQ and by the reconciler. */
@Module({
  providers: [CallsService, CallClosingService, CallRemindersService, CallsProcessor],
  exports: [CallsService, CallClosingService, CallRemindersService],
})
export class CallsWorkerModule {}
