import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';

export class DecisionDto {
  @ApiProperty({ enum: ['funded', 'rejected'] })
  @IsIn(['funded', 'rejected'])
  outcome!: 'funded' | 'rejected';

  @ApiPropertyOptional({ description: 'Cents; required when funded, at most the requested amount' })
  @ValidateIf((d: DecisionDto) => d.outcome === 'funded' || d.grantedAmount !== undefined)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  grantedAmount?: number;

  @ApiProperty({ example: 'Vahva alueellinen verkosto ja selkeä johtamisen kehittämissuunnitelma.' })
  @IsString()
  @Length(1, 20_000)
  rationale!: string;
}

export class DecisionView {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ enum: ['funded', 'rejected'] }) outcome!: 'funded' | 'rejected';
  @ApiProperty({ nullable: true, type: 'integer', format: 'int64', description: 'Cents' }) grantedAmount!: number | null;
  @ApiProperty() rationale!: string;
  @ApiProperty() decidedAt!: Date;
}

export class ProposalLineView {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() selected!: boolean;
  @ApiProperty({ enum: ['selected', 'missing_reviews', 'category_cap', 'budget', 'lower_score'] }) reason!: string;
  @ApiProperty() detail!: string;
}

export class FundingProposalView {
  @ApiProperty({ type: String, format: 'uuid', isArray: true }) selected!: string[];
  @ApiProperty() totalScore!: number;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'Cents, at the requested amounts' }) totalGranted!: number;
  @ApiProperty({ type: ProposalLineView, isArray: true }) explanation!: ProposalLineView[];
  @ApiProperty({
    description:
      'Addition to API.md: true when the total score is proven the optimum (the search ended, or its total reached upperBound); false when the time limit (PROPOSAL_TIME_LIMIT_MS) stopped the search and this is the best proposal found, still within both caps, at most gapPercent below the optimum',
  })
  optimal!: boolean;
  @ApiProperty({
    description:
      'Addition to API.md: a proven upper bound on the best total score under both caps (the LP relaxation with the category counts and the budget); at least totalScore, equal to it when optimal',
  })
  upperBound!: number;
  @ApiProperty({
    description:
      'Addition to API.md: 100 × (upperBound − totalScore) / upperBound, the most the proposal can be below the optimum; 0 when optimal',
  })
  gapPercent!: number;
}

export class PublishResult {
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty() decidedAt!: Date;
  @ApiProperty({ type: 'integer', format: 'int32' }) funded!: number;
  @ApiProperty({ type: 'integer', format: 'int32' }) rejected!: number;
}

export class DecisionQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  category?: string;
}
