import { Module } from '@nestjs/common';
import { ReviewRemindersService } from './review-reminders.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsProcessor } from './reviews.processor';
import { ReviewsService } from './reviews.service';

@Module({
  controllers: [ReviewsController],
  providers: [ReviewsService],
})
export class ReviewsModule {}

/** The worker side: reviewer reminders before the call's review due date. */
@Module({
  providers: [ReviewRemindersService, ReviewsProcessor],
  exports: [ReviewRemindersService],
})
export class ReviewsWorkerModule {}
