import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Actor, Authenticated, CurrentActor, Public, Roles } from '../common/auth';
import { UuidParam } from '../common/params';
import {
  CreateOrganizationDto,
  CreateUserDto,
  LoginDto,
  LoginResult,
  OrganizationQuery,
  OrganizationView,
  UserView,
} from './dto/identity.dto';
import { IdentityService } from './identity.service';

@ApiTags('identity')
@Controller('auth')
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResult })
  @ApiTooManyRequestsResponse({ description: 'Too many login attempts from this address' })
  login(@Body() dto: LoginDto): Promise<LoginResult> {
    return this.identity.login(dto.email, dto.password);
  }

  @Authenticated()
  @Get('me')
  @ApiOkResponse({ type: UserView })
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.identity.me(actor);
  }
}

@ApiTags('identity')
@Authenticated()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly identity: IdentityService) {}

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ type: OrganizationView })
  @ApiConflictResponse({ description: 'DUPLICATE: the business ID is taken' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganizationDto): Promise<OrganizationView> {
    return this.identity.createOrganization(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: OrganizationView, isArray: true })
  list(@Query() query: OrganizationQuery): Promise<OrganizationView[]> {
    return this.identity.listOrganizations(query.q);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganizationView })
  get(@UuidParam('id') id: string): Promise<OrganizationView> {
    return this.identity.getOrganization(id);
  }
}

@ApiTags('identity')
@Authenticated()
@Controller('users')
export class UsersController {
  constructor(private readonly identity: IdentityService) {}

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ type: UserView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.identity.createUser(actor, dto);
  }

  @Roles('admin')
  @Get()
  @ApiQuery({ name: 'organizationId', required: false })
  @ApiOkResponse({ type: UserView, isArray: true })
  list(@Query('organizationId') organizationId?: string): Promise<UserView[]> {
    return this.identity.listUsers(organizationId);
  }
}
