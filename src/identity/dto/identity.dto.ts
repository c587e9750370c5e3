import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  MinLength,
  registerDecorator,
} from 'class-validator';
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
  @ApiProperty() createdAt!: Date;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
}

export class LoginResult {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`; valid for JWT_EXPIRES_IN' }) accessToken!: string;
  @ApiProperty({ type: UserView }) user!: UserView;
}
