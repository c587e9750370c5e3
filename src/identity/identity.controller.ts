import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor, Public, Roles } from '../common/auth';
import { UuidParam } from '../common/params';
import { ApiProblem, ApiProblems } from '../openapi/problems';
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
import { LoginThrottlerGuard } from './login-throttle';

const seconds = { schema: { type: 'integer', format: 'int32', minimum: 0 } } as const;

/**
 * What the login throttler (src/identity/login-throttle.ts) states on an attempt it lets through:
 * per limit, suffixed with the limit's name (`login`: per address; `account`: per e-mail address).
 */
const RATE_LIMIT_HEADERS = Object.fromEntries(
  (
    [
      ['login', 'from this address (LOGIN_RATE_LIMIT)'],
      ['account', 'for this account, from any address (LOGIN_ACCOUNT_RATE_LIMIT)'],
    ] as const
  ).flatMap(([name, scope]) => [
    [`X-RateLimit-Limit-${name}`, { ...seconds, description: `Login attempts allowed per minute ${scope}` }],
    [`X-RateLimit-Remaining-${name}`, { ...seconds, description: `Attempts left in the current minute ${scope}` }],
    [`X-RateLimit-Reset-${name}`, { ...seconds, description: 'Seconds until the count starts over' }],
  ]),
);

@ApiTags('identity')
@Controller('auth')
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Exchanges e-mail and password for a bearer token (JWT) and the user. Limited to LOGIN_RATE_LIMIT attempts a minute per address ' +
      'and LOGIN_ACCOUNT_RATE_LIMIT per account, counted across every API process.',
  })
  @ApiOkResponse({ type: LoginResult, headers: RATE_LIMIT_HEADERS })
  @ApiProblem(400, 'VALIDATION_FAILED: e-mail or password missing or too long', RATE_LIMIT_HEADERS)
  @ApiProblem(401, 'UNAUTHENTICATED: wrong e-mail or password', RATE_LIMIT_HEADERS)
  @ApiProblem(
    429,
    'RATE_LIMITED: too many login attempts from this address or for this account, counted across every API process; ' +
      '`Retry-After` gives the seconds to wait',
    { 'Retry-After': { ...seconds, description: 'Seconds until an attempt is accepted again' } },
  )
  login(@Body() dto: LoginDto): Promise<LoginResult> {
    return this.identity.login(dto.email, dto.password);
  }

  @Authenticated()
  @Get('me')
  @ApiOperation({ summary: 'Who am I', description: 'The signed-in user, as the token names them.' })
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
  @ApiOperation({ summary: 'Create an organisation', description: 'The business ID (Y-tunnus) check digit is validated.' })
  @ApiCreatedResponse({ type: OrganizationView })
  @ApiProblem(400, 'VALIDATION_FAILED: e.g. a business ID with a wrong check digit')
  @ApiProblem(409, 'DUPLICATE: the business ID is taken')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganizationDto): Promise<OrganizationView> {
    return this.identity.createOrganization(actor, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List or search organisations',
    description:
      'Every organisation, by name; with `q`, those whose name or business ID contains it (for picking members). `q` is an addition to API.md.',
  })
  @ApiOkResponse({ type: OrganizationView, isArray: true })
  list(@Query() query: OrganizationQuery): Promise<OrganizationView[]> {
    return this.identity.listOrganizations(query.q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an organisation', description: 'Addition to API.md.' })
  @ApiOkResponse({ type: OrganizationView })
  @ApiProblems(404)
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
  @ApiOperation({ summary: 'Create a user', description: 'Of an existing organisation; the answer never holds a password hash.' })
  @ApiCreatedResponse({ type: UserView })
  @ApiProblem(400, 'VALIDATION_FAILED: a field is invalid, or no organisation has `organizationId`')
  @ApiProblem(409, 'DUPLICATE: the e-mail is taken')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.identity.createUser(actor, dto);
  }

  @Roles('admin')
  @Get()
  @ApiOperation({ summary: 'List users', description: 'Addition to API.md: every user, or those of one organisation.' })
  @ApiQuery({ name: 'organizationId', required: false, type: String, format: 'uuid' })
  @ApiOkResponse({ type: UserView, isArray: true })
  @ApiProblem(400, 'VALIDATION_FAILED: `organizationId` is not a UUID')
  list(@Query('organizationId') organizationId?: string): Promise<UserView[]> {
    return this.identity.listUsers(organizationId);
  }
}
