import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsString, IsUUID, Length, MaxLength } from 'class-validator';

export class AssignDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  applicationId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  reviewerId!: string;
}

export class ReviewDto {
  @ApiProperty({ example: { competence_based: 4, customers: 3 }, description: 'Every criterion key of the call → an integer 0..maxScore' })
  @IsObject()
  scores!: Record<string, number>;

  @ApiPropertyOptional({ example: 'Vahva kumppanuusverkosto; johtamisen tasot jäävät ohuiksi.' })
  @IsString()
  @MaxLength(20_000)
  comment: string = '';
}

export class ConflictDto {
  @ApiProperty({ example: 'Olen ollut hakijaorganisaation hallituksessa.' })
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

export class AssignmentView {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) reviewerId!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
}

export class MyAssignmentView {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['not_started', 'draft', 'submitted'] }) reviewStatus!: 'not_started' | 'draft' | 'submitted';
}

export class ReviewView {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) reviewerId!: string;
  @ApiProperty() scores!: Record<string, number>;
  @ApiProperty() comment!: string;
  @ApiProperty({ enum: ['draft', 'submitted'] }) status!: 'draft' | 'submitted';
  @ApiProperty({ nullable: true, type: Date }) submittedAt!: Date | null;
  @ApiProperty({ description: 'This review on the 0–100 scale' }) weightedScore!: number;
}

export class AutoAssignResult {
  @ApiProperty() created!: number;
}
