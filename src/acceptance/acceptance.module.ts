import { Module } from '@nestjs/common';
import { AcceptanceController } from './acceptance.controller';
import { AcceptanceService } from './acceptance.service';

@Module({
  controllers: [AcceptanceController],
  providers: [AcceptanceService],
})
export class AcceptanceModule {}
