import { Module } from '@nestjs/common';
import { DecisionDocumentsController } from './decision-documents.controller';
import { DecisionDocumentsService } from './decision-documents.service';

@Module({
  controllers: [DecisionDocumentsController],
  providers: [DecisionDocumentsService],
})
export class DecisionDocumentsModule {}
