import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

/** A text of the decision document in Finnish (required) and Swedish. */
export class DecisionTextDto {
  @ApiProperty({ example: 'Vahva alueellinen verkosto ja selkeä johtamisen kehittämissuunnitelma.' })
  @IsString()
  @Length(1, 20_000)
  fi!: string;

  @ApiPropertyOptional({ example: 'Ett starkt regionalt nätverk och en tydlig plan för att utveckla ledningen.' })
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  sv?: string;
}

/** `{fi, sv?}` as the v2 contract has it, or a plain string as v1 had it (the Finnish text). */
const toDecisionText = ({ value }: { value: unknown }): unknown => {
  if (typeof value === 'string') return plainToInstance(DecisionTextDto, { fi: value });
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return plainToInstance(DecisionTextDto, value);
  return value;
};

/** The rationale as validated: a v1 string has become `{fi}`. */
export function decisionText(text: DecisionTextDto | string): DecisionTextDto {
  return typeof text === 'string' ? { fi: text } : text;
}

@ApiExtraModels(DecisionTextDto)
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

  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(DecisionTextDto) }, { type: 'string', minLength: 1, maxLength: 20_000 }],
    description: 'In Finnish and Swedish (`{fi, sv?}`); a plain string is the Finnish text (API v1)',
  })
  @Transform(toDecisionText)
  @IsObject({ message: 'rationale must be a text or {fi, sv?}' })
  @ValidateNested()
  // Declared as either, so that the OpenAPI document offers both; after validation it is always DecisionTextDto.
  rationale!: DecisionTextDto | string;

  @ApiPropertyOptional({ type: DecisionTextDto, description: 'Conditions of the grant, stated in the decision document' })
  @IsOptional()
  @Transform(toDecisionText)
  @IsObject({ message: 'conditions must be {fi, sv?}' })
  @ValidateNested()
  @Type(() => DecisionTextDto)
  conditions?: DecisionTextDto;
}

export class DecisionView {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ enum: ['funded', 'rejected'] }) outcome!: 'funded' | 'rejected';
  @ApiProperty({ nullable: true, type: 'integer', format: 'int64', description: 'Cents' }) grantedAmount!: number | null;
  @ApiProperty({ description: 'The Finnish rationale (API v1)' }) rationale!: string;
  @ApiProperty({ type: DecisionTextDto, description: 'The rationale in Finnish and Swedish' }) rationaleText!: DecisionTextDto;
  @ApiProperty({ type: DecisionTextDto, nullable: true }) conditions!: DecisionTextDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'Given when the decisions are published' }) caseNumber!: string | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When the lead organisation was notified (publication)' })
  notifiedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'First instant after the acceptance deadline (funded decisions)' })
  acceptanceDueAt!: Date | null;
  @ApiProperty({
    nullable: true,
    enum: ['pending', 'accepted', 'refused'],
    description: 'The lead organisation’s answer to a published funded grant; null otherwise',
  })
  grantStatus!: 'pending' | 'accepted' | 'refused' | null;
  @ApiProperty({
    nullable: true,
    type: Date,
    description: 'When the grant was accepted or refused (the deadline, for acceptance by silence)',
  })
  grantAnsweredAt!: Date | null;
  @ApiProperty({ description: 'Accepted because the acceptance deadline passed without an answer' })
  acceptedBySilence!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The lead organisation’s reason for refusing the grant' })
  refusalReason!: string | null;
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
