import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { DecisionTextDto } from '../funding/dto/decision.dto';
import { DOCUMENT_LANGUAGES, DocumentLanguage } from './document.content';

export class DecisionDocumentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ type: 'integer', format: 'int32', description: '1, then one more per correction' }) version!: number;
  @ApiProperty({ enum: DOCUMENT_LANGUAGES }) language!: DocumentLanguage;
  @ApiProperty({ example: 'OKM/2018/001' }) caseNumber!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the PDF’s bytes, as stored' }) sha256!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the HTML’s UTF-8 bytes, as stored' }) htmlSha256!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why this version corrects the one before' }) correctionReason!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class DecisionDocumentQuery {
  @ApiPropertyOptional({ enum: DOCUMENT_LANGUAGES, description: 'Default: the language the application’s document is in' })
  @IsOptional()
  @IsIn(DOCUMENT_LANGUAGES)
  lang?: DocumentLanguage;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Default: the latest version' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;

  @ApiPropertyOptional({ enum: ['pdf', 'html'], description: 'Instead of `Accept: text/html`' })
  @IsOptional()
  @IsIn(['pdf', 'html'])
  format?: 'pdf' | 'html';
}

export class DecisionCorrectionDto {
  @ApiProperty({ example: 'Maksuerien ehdot täsmennetty.', description: 'Why the decision is corrected; stated in the new version' })
  @IsString()
  @Length(1, 2_000)
  reason!: string;

  @ApiPropertyOptional({ type: DecisionTextDto, description: 'The corrected rationale; else the decision’s own' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DecisionTextDto)
  rationale?: DecisionTextDto;

  @ApiPropertyOptional({ type: DecisionTextDto, description: 'The corrected conditions; else the decision’s own' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DecisionTextDto)
  conditions?: DecisionTextDto;
}
