import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { MAX_CRITERIA, MAX_SCORE_LIMIT } from '../../calls/dto/call.dto';

/** The OpenAPI schema of a review's `scores`: criterion key → integer score 0..maxScore (checked by ReviewsService). */
const SCORES_SCHEMA = {
  type: 'object',
  maxProperties: MAX_CRITERIA,
  additionalProperties: { type: 'integer', format: 'int32', minimum: 0, maximum: MAX_SCORE_LIMIT },
} as const;

export class AssignDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  applicationId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  reviewerId!: string;
}

export class ReviewDto {
  @ApiProperty({
    ...SCORES_SCHEMA,
    example: { competence_based: 4, customers: 3 },
    description: 'Every criterion key of the call → an integer 0..maxScore',
  })
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
  @ApiProperty({ nullable: true, type: Date, description: "Addition to API.md: the call's review due date" }) reviewsDueAt!: Date | null;
  @ApiProperty({ description: 'Addition to API.md: not submitted and the review due date has passed' }) overdue!: boolean;
}

/** One assignment of a call as the officer sees it (GET /api/calls/:id/assignments, addition to API.md). */
export class CallAssignmentView {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) reviewerId!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ description: "The application's title" }) title!: string;
  @ApiProperty() reviewerName!: string;
  @ApiProperty() assignedAt!: Date;
  @ApiProperty({ enum: ['not_started', 'draft', 'submitted'] }) reviewStatus!: 'not_started' | 'draft' | 'submitted';
  @ApiProperty({ nullable: true, type: Date }) submittedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: "The call's review due date" }) reviewsDueAt!: Date | null;
  @ApiProperty({ description: 'Not submitted although reviewsDueAt has passed (database clock)' }) overdue!: boolean;
}

export class ReviewView {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) reviewerId!: string;
  @ApiProperty({ ...SCORES_SCHEMA, description: 'Criterion key → score' }) scores!: Record<string, number>;
  @ApiProperty() comment!: string;
  @ApiProperty({ enum: ['draft', 'submitted'] }) status!: 'draft' | 'submitted';
  @ApiProperty({ nullable: true, type: Date }) submittedAt!: Date | null;
  @ApiProperty({ description: 'This review on the 0–100 scale' }) weightedScore!: number;
}

export class AutoAssignResult {
  @ApiProperty({ type: 'integer', format: 'int32', description: 'Assignments made' }) created!: number;
}

export class ConflictResult {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ enum: [true] }) assignmentRemoved!: true;
}

export class RankingRowView {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'The lead organisation' }) organizationName!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: Number, nullable: true, description: '0–100; null without submitted reviews' }) score!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 100,
    description:
      "Addition to API.md: each review's weighted score standardised over its reviewer's submitted reviews in the call " +
      '(z = (s − reviewer mean) / reviewer σ; 0 for a reviewer with one review or one score), averaged per application, ' +
      "then min–max scaled over the call's reviewed applications to 0–100 (50 for all when they are equal); null without submitted reviews",
  })
  normalizedScore!: number | null;
  @ApiProperty({ type: 'integer', format: 'int32' }) reviewCount!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Highest minus lowest review score' }) spread!: number | null;
  @ApiProperty({ description: "Addition to API.md: at least two reviews and spread ≥ the call's disagreementThreshold" })
  disagreement!: boolean;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'Cents' }) requestedAmount!: number;
  @ApiProperty({ description: 'Final submission; the earlier wins a tie' }) submittedAt!: Date;
  @ApiProperty({ type: 'integer', format: 'int32', description: 'Within the category, from 1' }) rank!: number;
}
