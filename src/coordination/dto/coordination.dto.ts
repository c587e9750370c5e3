import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/page.dto';

export const PARTNERSHIP_LEVELS = ['everyday', 'development', 'strategic'] as const;
export const PRACTICE_STATUSES = ['in_progress', 'completed'] as const;

export class ProjectQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  callId?: string;

  @ApiPropertyOptional({ description: 'true: the public cards of every running project, for any signed-in user looking for one to join' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'joinable must be true or false' })
  joinable?: 'true' | 'false';
}

export class JoinRequestDto {
  @ApiPropertyOptional({ example: 'Haluamme mukaan strategisen kumppanuuden kehittämiseen.' })
  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  message?: string;
}

export class ReportDto {
  @ApiProperty({
    example: { summary: 'Hanke eteni suunnitellusti.', results: 'Kolme toimintamallia pilotoitu.' },
    description: 'Text fields of the report (up to 30, each up to 50 000 characters)',
  })
  @IsObject()
  content!: Record<string, string>;
}

export class ReportReviewDto {
  @ApiProperty({ enum: ['accepted', 'returned'] })
  @IsIn(['accepted', 'returned'])
  outcome!: 'accepted' | 'returned';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  comment?: string;
}

export class MoveReportDueDto {
  @ApiProperty({ example: '2020-01-31T23:59:59+02:00' })
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'dueAt must carry an offset' })
  dueAt!: string;
}

export class ContactDto {
  @ApiProperty({ example: 'Päivi Lehtinen' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'rehtori' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ example: 'paivi.lehtinen@turku.fi' })
  @IsOptional()
  @IsEmail()
  email?: string;
}

export class PracticeDto {
  @ApiProperty({ example: 'Työelämäkumppanuuksien kehittäminen eri tasoilla' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiProperty({ enum: PARTNERSHIP_LEVELS })
  @IsIn(PARTNERSHIP_LEVELS)
  partnershipLevel!: (typeof PARTNERSHIP_LEVELS)[number];

  @ApiProperty({ description: 'Tarve ja tavoitteet' })
  @IsString()
  @MaxLength(20_000)
  needs!: string;

  @ApiProperty({ description: 'Ratkaisu' })
  @IsString()
  @MaxLength(20_000)
  solution!: string;

  @ApiProperty({ description: 'Tulokset' })
  @IsString()
  @MaxLength(20_000)
  results!: string;

  @ApiProperty({ enum: PRACTICE_STATUSES })
  @IsIn(PRACTICE_STATUSES)
  status!: (typeof PRACTICE_STATUSES)[number];

  @ApiProperty({ type: ContactDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts!: ContactDto[];
}

export class UpdatePracticeDto extends PartialType(PracticeDto) {}

export class PracticeQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'kumppanuus', description: 'Finnish full-text search' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: PARTNERSHIP_LEVELS })
  @IsOptional()
  @IsIn(PARTNERSHIP_LEVELS)
  level?: string;

  @ApiPropertyOptional({ enum: PRACTICE_STATUSES })
  @IsOptional()
  @IsIn(PRACTICE_STATUSES)
  status?: string;
}

export class AnnouncementDto {
  @ApiProperty({ example: 'Verkostotapaaminen 12.3.' })
  @IsString()
  @Length(1, 300)
  subject!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 20_000)
  body!: string;
}
