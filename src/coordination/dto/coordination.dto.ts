import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
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
import { REPORT_TYPES, ReportType } from '../../calls/dto/call.dto';
import { PageQuery } from '../../common/page.dto';

export const PARTNERSHIP_LEVELS = ['everyday', 'development', 'strategic'] as const;
export const PRACTICE_STATUSES = ['in_progress', 'completed'] as const;
export const PROJECT_STATUSES = ['active', 'completed'] as const;
export const REPORT_STATUSES = ['due', 'submitted', 'accepted', 'returned', 'overdue'] as const;
export const JOIN_REQUEST_STATUSES = ['pending', 'approved', 'declined'] as const;
/** A report's text: at most this many fields, each of at most this many characters (checked by ReportsService). */
export const REPORT_MAX_FIELDS = 30;
export const REPORT_MAX_FIELD_LENGTH = 50_000;

/** The OpenAPI schema of a report's `content`: field name → text. */
const REPORT_CONTENT_SCHEMA = {
  type: 'object',
  minProperties: 1,
  maxProperties: REPORT_MAX_FIELDS,
  additionalProperties: { type: 'string', maxLength: REPORT_MAX_FIELD_LENGTH },
} as const;

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
    ...REPORT_CONTENT_SCHEMA,
    example: { summary: 'Hanke eteni suunnitellusti.', results: 'Kolme toimintamallia pilotoitu.' },
    description: 'Text fields of the report: field name → text',
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

/** Practices listed per page when `limit` is not given (PracticesService). */
export const PRACTICE_PAGE_SIZE = 20;

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

  @ApiPropertyOptional({ format: 'uuid', description: 'Addition to API.md: only the practices of this organisation' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}
// Only the documented default of `limit` differs from PageQuery's; its validation stays PageQuery's.
ApiPropertyOptional({ default: PRACTICE_PAGE_SIZE, description: 'Addition to API.md' })(PracticeQuery.prototype, 'limit');

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

export class ProjectView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The funded application’s category' }) category!: string;
  @ApiProperty({ format: 'uuid' }) leadOrganizationId!: string;
  @ApiProperty({ type: String, format: 'uuid', isArray: true }) memberOrganizationIds!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) coordinatorOrganizationId!: string | null;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'Cents' }) grantedAmount!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) periodStart!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) periodEnd!: string | null;
  @ApiProperty({ enum: PROJECT_STATUSES }) status!: (typeof PROJECT_STATUSES)[number];
  @ApiProperty() createdAt!: Date;
}

class OrganizationCardView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) municipality!: string | null;
}

class CallCardView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'The call’s title per language (fi, sv, en)' })
  title!: Record<string, string>;
}

/** Addition to API.md's joinable list: a running project's public card (`GET /api/network-projects?joinable=true`). */
export class JoinableProjectView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The funded application’s category' }) category!: string;
  @ApiProperty({ type: CallCardView }) call!: CallCardView;
  @ApiProperty({ type: OrganizationCardView }) lead!: OrganizationCardView;
  @ApiProperty({ type: OrganizationCardView, isArray: true }) members!: OrganizationCardView[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) periodStart!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) periodEnd!: string | null;
  @ApiProperty({ description: 'The caller’s organisation is the lead or a member already' }) ownOrganizationIn!: boolean;
  @ApiProperty({ description: 'The caller’s organisation has asked to join and awaits the answer' }) joinRequestPending!: boolean;
}

export class ReportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ enum: REPORT_TYPES }) type!: ReportType;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ enum: REPORT_STATUSES }) status!: (typeof REPORT_STATUSES)[number];
  @ApiProperty({ description: 'Submitted after its due date' }) late!: boolean;
  @ApiProperty({ ...REPORT_CONTENT_SCHEMA, nullable: true, description: 'Null until submitted' }) content!: Record<string, string> | null;
  @ApiProperty({ type: String, nullable: true }) attachmentName!: string | null;
  @ApiProperty({ type: Date, nullable: true }) submittedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) reviewedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) reviewComment!: string | null;
}

export class ProjectReportSummaryView extends OmitType(ReportView, ['id', 'projectId']) {}

export class PracticeSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PARTNERSHIP_LEVELS }) partnershipLevel!: (typeof PARTNERSHIP_LEVELS)[number];
  @ApiProperty({ enum: PRACTICE_STATUSES }) status!: (typeof PRACTICE_STATUSES)[number];
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() updatedAt!: Date;
}

export class ProjectDetailView extends ProjectView {
  @ApiProperty({ type: ProjectReportSummaryView, isArray: true }) reports!: ProjectReportSummaryView[];
  @ApiProperty({ type: PracticeSummaryView, isArray: true }) practices!: PracticeSummaryView[];
}

export class JoinRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ enum: JOIN_REQUEST_STATUSES }) status!: (typeof JOIN_REQUEST_STATUSES)[number];
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) decidedAt!: Date | null;
}

export class LeaveResult {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ enum: [true] }) left!: true;
}

export class ContactView {
  @ApiProperty() name!: string;
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional({ format: 'email' }) email?: string;
}

export class PracticeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PARTNERSHIP_LEVELS }) partnershipLevel!: (typeof PARTNERSHIP_LEVELS)[number];
  @ApiProperty() needs!: string;
  @ApiProperty() solution!: string;
  @ApiProperty() results!: string;
  @ApiProperty({ enum: PRACTICE_STATUSES }) status!: (typeof PRACTICE_STATUSES)[number];
  @ApiProperty({ type: ContactView, isArray: true }) contacts!: ContactView[];
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiPropertyOptional({ description: 'Search relevance, with `q` (higher is better)' }) rank?: number;
}

export class OverviewRowView {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() category!: string;
  @ApiProperty() leadOrganizationName!: string;
  @ApiProperty({ enum: PROJECT_STATUSES }) status!: string;
  @ApiProperty({ type: 'integer', format: 'int32' }) membersCount!: number;
  @ApiProperty({ type: 'integer', format: 'int32', description: 'Due or returned' }) reportsDue!: number;
  @ApiProperty({ type: 'integer', format: 'int32' }) reportsSubmitted!: number;
  @ApiProperty({ type: 'integer', format: 'int32' }) reportsAccepted!: number;
  @ApiProperty({ type: 'integer', format: 'int32' }) reportsOverdue!: number;
  @ApiProperty({ type: 'integer', format: 'int32' }) practicesCount!: number;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'Cents' }) grantedAmount!: number;
}

export class OverviewTotalsView extends OmitType(OverviewRowView, ['projectId', 'name', 'category', 'leadOrganizationName', 'status']) {
  @ApiProperty({ type: 'integer', format: 'int32' }) projects!: number;
}

export class OverviewView {
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ type: OverviewRowView, isArray: true }) projects!: OverviewRowView[];
  @ApiProperty({ type: OverviewTotalsView }) totals!: OverviewTotalsView;
}

export class AnnouncementResult {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ type: 'integer', format: 'int32', description: 'Organisations notified' }) recipients!: number;
}
