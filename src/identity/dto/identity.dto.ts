import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidateIf,
} from 'class-validator';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { Role, ROLES } from '../../common/auth';
import { BUSINESS_ID_FORM, isValidBusinessId } from '../business-id';
import { LANGUAGES, Language, ORGANIZATION_KINDS, OrganizationKind } from '../organization.entity';

function IsBusinessId(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBusinessId',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidBusinessId(value),
        defaultMessage: () => 'businessId must be a Finnish business ID (1234567-1) with a valid check digit',
      },
    });
}

function IsIban(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIban',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidIBAN(electronicFormatIBAN(value) ?? ''),
        defaultMessage: () => 'iban must be an IBAN with valid check digits (e.g. FI21 1234 5600 0007 85)',
      },
    });
}

function IsBicCode(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBicCode',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidBIC(value.trim().toUpperCase()),
        defaultMessage: () => 'bic must be a BIC of 8 or 11 characters (e.g. NDEAFIHH)',
      },
    });
}

export class LoginDto {
  @ApiProperty({ example: 'admin@avustus.local' })
  @IsString()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'admin-password' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Turun ammatti-instituutti' })
  @IsString()
  @Length(1, 300)
  name!: string;

  @ApiProperty({
    example: '0204819-8',
    pattern: BUSINESS_ID_FORM.source,
    maxLength: '1234567-8'.length,
    description: 'Finnish business ID (Y-tunnus); the check digit is validated',
  })
  @IsBusinessId()
  businessId!: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS)
  kind!: OrganizationKind;

  @ApiPropertyOptional({ example: 'Turku' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  municipality?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'fi', description: 'Language of notifications to this organisation' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class CreateUserDto {
  @ApiProperty({ example: 'paivi.lehtinen@turku.example' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'Päivi Lehtinen' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'Stored only as an argon2 hash' })
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId!: string;
}

export class OrganizationQuery {
  @ApiPropertyOptional({ example: 'salpaus', description: 'Part of the name (any case) or of the business ID' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class OrganizationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ pattern: BUSINESS_ID_FORM.source }) businessId!: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind!: OrganizationKind;
  @ApiProperty({ nullable: true, type: String }) municipality!: string | null;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
  @ApiProperty({ nullable: true, type: String, example: 'FI2112345600000785', description: 'Electronic form, mod-97 checked' })
  iban!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'NDEAFIHH' }) bic!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ enum: LANGUAGES, nullable: true, description: 'The language the person chose; null: their organisation’s' })
  language!: Language | null;
  @ApiProperty({ description: 'false: cannot sign in, and every token of theirs has stopped working' }) active!: boolean;
}

export class MeView extends UserView {
  @ApiProperty({ enum: LANGUAGES, description: 'The language pages and e-mails are in: their own choice, else their organisation’s' })
  effectiveLanguage!: Language;
}

export class UpdateMeDto {
  @ApiProperty({ enum: LANGUAGES, nullable: true, description: 'null: follow the organisation’s language again' })
  @IsIn([...LANGUAGES, null])
  language!: Language | null;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({ description: 'At least 12 characters and not easy to guess (zxcvbn score ≥ 3)' })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'paivi.lehtinen@turku.example' })
  @IsString()
  @MaxLength(320)
  email!: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token from the e-mailed link' })
  @IsString()
  @Length(1, 200)
  token!: string;

  @ApiProperty({ description: 'At least 12 characters and not easy to guess (zxcvbn score ≥ 3)' })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true, description: 'A change ends the user’s sessions: they sign in again' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ description: 'false ends every session of the user at once; the last active admin cannot be deactivated' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateOrganizationDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 300)
  name?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKind;

  @ApiPropertyOptional({ nullable: true, type: String })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsString()
  @Length(1, 200)
  municipality?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 42,
    example: 'FI21 1234 5600 0007 85',
    description: 'Spaces allowed; stored without',
  })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @MaxLength(42)
  @IsIban()
  iban?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 11, example: 'NDEAFIHH' })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @MaxLength(11)
  @IsBicCode()
  bic?: string | null;
}

export class LoginResult {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`; valid for JWT_EXPIRES_IN' }) accessToken!: string;
  @ApiProperty({ type: UserView }) user!: UserView;
}
