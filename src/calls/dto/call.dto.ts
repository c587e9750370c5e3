import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsTimeZone,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { LocalizedTextDto } from '../../common/localized.dto';
import { ORGANIZATION_KINDS, OrganizationKind } from '../../identity/organization.entity';
import {
  DEFAULT_ACCEPTANCE_DAYS,
  DEFAULT_PAYMENT_PLAN,
  PAYMENT_TRIGGERS,
  PaymentPlanEntry,
  PaymentTrigger,
} from '../../decision-documents/decision.rules';

export const REPORT_TYPES = ['interim', 'final'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
export const CALL_PHASES = ['draft', 'upcoming', 'open', 'closed', 'decided'] as const;
export type CallPhase = (typeof CALL_PHASES)[number];

/** Longest category or criterion key. */
export const KEY_MAX_LENGTH = 50;
const KEY = new RegExp(`^[a-z][a-z0-9_]{0,${KEY_MAX_LENGTH - 1}}$`);
/** A category key, as a category's `key` must be. */
export const CATEGORY_KEY = KEY;
/** Highest maxScore a criterion may have, and so the highest score of a review. */
export const MAX_SCORE_LIMIT = 100;
/** Most criteria a call may have, and so the most scores of a review. */
export const MAX_CRITERIA = 50;
/** An instant with an explicit offset or Z: a deadline must never depend on the server's zone. */
const INSTANT = /(Z|[+-]\d{2}:\d{2})$/;
const MAX_CENTS = Number.MAX_SAFE_INTEGER;
/** The spread (points of the 0–100 score) from which the ranking flags a disagreement, unless the call sets another. */
export const DEFAULT_DISAGREEMENT_THRESHOLD = 25;

export class CategoryDto {
  @ApiProperty({ example: 'network_project', maxLength: KEY_MAX_LENGTH })
  @Matches(KEY, { message: 'key must be lower-case letters, digits and _' })
  key!: string;

  @ApiProperty({ example: 'Alueellinen verkostohanke' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiProperty({ example: 6, description: 'Most applications that may be funded in this category' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  maxFunded!: number;

  @ApiPropertyOptional({ description: 'Largest requested amount per application, cents' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  maxAmount?: number;
}

export class CriterionDto {
  @ApiProperty({ example: 'partnerships', maxLength: KEY_MAX_LENGTH })
  @Matches(KEY, { message: 'key must be lower-case letters, digits and _' })
  key!: string;

  @ApiProperty({ example: 'Kumppanuudet työelämän, opiskelijoiden ja kolmannen sektorin kanssa' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiProperty({ example: 3 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(0.0001)
  @Max(1_000)
  weight!: number;

  @ApiProperty({ example: 5 })
  @IsInt()
  @Min(1)
  @Max(MAX_SCORE_LIMIT)
  maxScore!: number;
}

export class ReportDueDto {
  @ApiProperty({ enum: REPORT_TYPES })
  @IsIn(REPORT_TYPES)
  type!: ReportType;

  @ApiProperty({ example: '2020-06-30T23:59:59+03:00' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: 'dueAt must carry an offset' })
  dueAt!: string;
}

export class PaymentPlanEntryDto {
  @ApiProperty({
    example: 60,
    minimum: 0.01,
    maximum: 100,
    description: 'Percent of the grant (up to two decimals); the shares sum to 100',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  share!: number;

  @ApiProperty({ enum: PAYMENT_TRIGGERS, description: 'What releases the instalment' })
  @IsIn(PAYMENT_TRIGGERS)
  trigger!: PaymentTrigger;
}

export class CreateCallDto {
  @ApiProperty({ type: LocalizedTextDto })
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  title!: LocalizedTextDto;

  @ApiProperty({ type: LocalizedTextDto })
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  description!: LocalizedTextDto;

  @ApiProperty({ example: '2018-10-22T09:00:00+03:00' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: 'opensAt must carry an offset' })
  opensAt!: string;

  @ApiProperty({ example: '2018-11-21T23:59:59+02:00', description: 'Exact instant; submits at or after it are refused' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: 'closesAt must carry an offset' })
  closesAt!: string;

  // maxLength: IANA zone names are far shorter (the longest has 32 characters); IsTimeZone refuses others.
  @ApiPropertyOptional({ default: 'Europe/Helsinki', example: 'Europe/Helsinki', description: 'IANA time zone', maxLength: 64 })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiProperty({ example: 400_000_000, description: 'Cents' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  totalBudget!: number;

  @ApiProperty({ type: CategoryDto, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CategoryDto)
  categories!: CategoryDto[];

  @ApiProperty({ type: CriterionDto, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CRITERIA)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria!: CriterionDto[];

  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  @Max(20)
  reviewsPerApplication!: number;

  @ApiProperty({ enum: ORGANIZATION_KINDS, isArray: true, maxItems: ORGANIZATION_KINDS.length, description: 'Each kind once' })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ORGANIZATION_KINDS, { each: true })
  eligibleKinds!: OrganizationKind[];

  @ApiPropertyOptional({ example: 30 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  minSelfFinancingPercent?: number;

  @ApiPropertyOptional({ type: ReportDueDto, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => ReportDueDto)
  reportsDue?: ReportDueDto[];

  @ApiPropertyOptional({
    example: '2018-12-14T16:00:00+02:00',
    nullable: true,
    type: String,
    format: 'date-time',
    description:
      "Addition to API.md: when the reviews are due; drives the reviewer reminders (3 and 1 days before, 09:00 in the call's zone) and the overdue flags. May change, or be cleared with null, after publishing.",
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: 'reviewsDueAt must carry an offset' })
  reviewsDueAt?: string | null;

  @ApiPropertyOptional({
    default: DEFAULT_DISAGREEMENT_THRESHOLD,
    minimum: 0,
    maximum: 100,
    description:
      "Addition to API.md: the ranking flags `disagreement` when an application's spread (0–100 points) is at least this. May change after publishing.",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  disagreementThreshold?: number;

  @ApiPropertyOptional({
    default: DEFAULT_ACCEPTANCE_DAYS,
    minimum: 1,
    maximum: 365,
    description: 'Days from the notification of the decision within which the lead organisation accepts or refuses the grant',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  acceptanceDays?: number;

  @ApiPropertyOptional({
    type: PaymentPlanEntryDto,
    isArray: true,
    maxItems: 12,
    default: DEFAULT_PAYMENT_PLAN,
    description: 'Instalments of each grant; shares are percentages summing to 100 (else 400 naming paymentPlan)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => PaymentPlanEntryDto)
  paymentPlan?: PaymentPlanEntryDto[];

  @ApiPropertyOptional({
    example: 'OKM/2018/',
    maxLength: 60,
    description: 'Case numbers of the decisions are this and a running number ("OKM/2018/001"); without it "AVUSTUS/<year>/"',
  })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  caseNumberPrefix?: string;
}

export class UpdateCallDto extends PartialType(CreateCallDto) {}

export class CategoryView {
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: 'integer', format: 'int32' }) maxFunded!: number;
  @ApiProperty({ nullable: true, type: 'integer', format: 'int64', description: 'Cents' }) maxAmount!: number | null;
}

export class CriterionView {
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty() weight!: number;
  @ApiProperty({ type: 'integer', format: 'int32' }) maxScore!: number;
}

export class ReportDueView {
  @ApiProperty({ enum: REPORT_TYPES }) type!: ReportType;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
}

export class CallView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ type: LocalizedTextDto }) description!: LocalizedTextDto;
  @ApiProperty() opensAt!: Date;
  @ApiProperty() closesAt!: Date;
  @ApiProperty({ example: 'Europe/Helsinki' }) timezone!: string;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'Cents' }) totalBudget!: number;
  @ApiProperty({ type: CategoryView, isArray: true }) categories!: CategoryView[];
  @ApiProperty({ type: CriterionView, isArray: true }) criteria!: CriterionView[];
  @ApiProperty({ type: 'integer', format: 'int32' }) reviewsPerApplication!: number;
  @ApiProperty({ enum: ORGANIZATION_KINDS, isArray: true }) eligibleKinds!: OrganizationKind[];
  @ApiProperty({ nullable: true, type: Number }) minSelfFinancingPercent!: number | null;
  @ApiProperty({ type: ReportDueView, isArray: true }) reportsDue!: { type: ReportType; dueAt: string }[];
  @ApiProperty({ nullable: true, type: Date, description: 'Addition to API.md: when the reviews are due' }) reviewsDueAt!: Date | null;
  @ApiProperty({ description: 'Addition to API.md: spread from which the ranking flags a disagreement (0–100)' })
  disagreementThreshold!: number;
  @ApiProperty({ type: 'integer', format: 'int32', description: 'Days to accept or refuse a grant from its notification' })
  acceptanceDays!: number;
  @ApiProperty({ type: PaymentPlanEntryDto, isArray: true }) paymentPlan!: PaymentPlanEntry[];
  @ApiProperty({ nullable: true, type: String }) caseNumberPrefix!: string | null;
  @ApiProperty({ enum: ['draft', 'published'] }) status!: 'draft' | 'published';
  @ApiProperty({ enum: CALL_PHASES, description: 'Derived from the database clock and stored facts' }) phase!: CallPhase;
  @ApiProperty({ nullable: true, type: Date }) publishedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'Set by the closing job' }) closedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt!: Date | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}
