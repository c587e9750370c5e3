import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/page.dto';
import { INT32_MAX } from '../../openapi/validation-schema';
import { APPLICATION_STATUSES, ApplicationStatus } from '../application.rules';
import type { ApplicationContent } from '../application.snapshot';

export const PARTNER_KINDS = ['working_life', 'student', 'third_sector', 'other'] as const;
const MAX_CENTS = Number.MAX_SAFE_INTEGER;

export class PartnerDto {
  @ApiProperty({ example: 'Meyer Turku Oy' })
  @IsString()
  @Length(1, 300)
  name!: string;

  @ApiProperty({ enum: PARTNER_KINDS })
  @IsIn(PARTNER_KINDS)
  kind!: (typeof PARTNER_KINDS)[number];
}

export class BudgetLineDto {
  @ApiProperty({ example: 'Henkilöstökulut' })
  @IsString()
  @Length(1, 300)
  item!: string;

  @ApiProperty({ example: 25_000_000, description: 'Cents' })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  amount!: number;
}

export class CreateApplicationDto {
  @ApiProperty({ example: 'network_project' })
  @IsString()
  @Length(1, 50)
  category!: string;

  @ApiPropertyOptional({ example: 'Kumppanuuksien johtaminen Varsinais-Suomessa' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  summary?: string;

  @ApiPropertyOptional({ description: 'Cents' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  requestedAmount?: number;

  @ApiPropertyOptional({ description: 'Cents' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  selfFinancingAmount?: number;

  @ApiPropertyOptional({ example: '2019-01-01', format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'projectStart must be a date (YYYY-MM-DD)' })
  projectStart?: string;

  @ApiPropertyOptional({ example: '2020-12-31', format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'projectEnd must be a date (YYYY-MM-DD)' })
  projectEnd?: string;

  @ApiPropertyOptional({ type: String, isArray: true, format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberOrganizationIds?: string[];

  @ApiPropertyOptional({ type: PartnerDto, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PartnerDto)
  partners?: PartnerDto[];

  @ApiPropertyOptional({ type: BudgetLineDto, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BudgetLineDto)
  budget?: BudgetLineDto[];
}

export class UpdateApplicationDto extends PartialType(CreateApplicationDto) {
  @ApiProperty({ description: 'The version you last read; a stale one gives 409 VERSION_CONFLICT', maximum: INT32_MAX })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ApplicationQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  callId?: string;

  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}

export class ApplicationView extends OmitType(CreateApplicationDto, ['memberOrganizationIds', 'partners', 'budget', 'title', 'summary']) {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ format: 'uuid' }) leadOrganizationId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: String, format: 'uuid', isArray: true }) memberOrganizationIds!: string[];
  @ApiProperty({ type: PartnerDto, isArray: true }) partners!: PartnerDto[];
  @ApiProperty({ type: BudgetLineDto, isArray: true }) budget!: BudgetLineDto[];
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  @ApiProperty({ type: 'integer', format: 'int32', description: 'Send it back with an edit' }) version!: number;
  @ApiProperty({ nullable: true, type: 'integer', format: 'int32', description: 'Version last submitted' }) submittedVersion!:
    number | null;
  @ApiProperty({ description: 'Edited since the last submit; at closing the last submitted version counts' })
  hasUnsubmittedChanges!: boolean;
  @ApiProperty({ nullable: true, type: Date, description: 'Time of the last (final) submission' }) submittedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) firstSubmittedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) withdrawnAt!: Date | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

/** What a submitted version froze: every field the applicant fills in (ApplicationContent). */
export class ApplicationContentView {
  @ApiProperty() category!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'Cents' }) requestedAmount!: number;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'Cents' }) selfFinancingAmount!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) projectStart!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) projectEnd!: string | null;
  @ApiProperty({ type: String, format: 'uuid', isArray: true }) memberOrganizationIds!: string[];
  @ApiProperty({ type: PartnerDto, isArray: true }) partners!: PartnerDto[];
  @ApiProperty({ type: BudgetLineDto, isArray: true }) budget!: BudgetLineDto[];
}

export class ApplicationVersionView {
  @ApiProperty({ type: 'integer', format: 'int32' }) version!: number;
  @ApiProperty() submittedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The user who submitted it' }) submittedBy!: string | null;
  @ApiProperty({ type: ApplicationContentView, description: 'The application as submitted' }) content!: ApplicationContent;
}
