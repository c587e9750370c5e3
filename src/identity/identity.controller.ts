import { Body, Controller, Get, HttpCode, Patch, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor, Public, Roles } from '../common/auth';
import { UuidParam } from '../common/params';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiProblem, ApiProblems } from '../openapi/problems';
import {
  ChangePasswordDto,
  CreateOrganizationDto,
  CreateUserDto,
  LoginDto,
  LoginResult,
  MeView,
  OrganizationQuery,
  OrganizationView,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  UpdateMeDto,
  UpdateOrganizationDto,
  UpdateUserDto,
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
  @ApiOperation({ summary: 'Who am I', description: 'The signed-in user, as the token names them, with the language their pages are in.' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.identity.me(actor);
  }

  @Authenticated()
  @Patch('me')
  @ApiOperation({
    summary: 'Choose my language',
    description:
      'Addition to API.md: remembers the language the person chose on their account (null: their organisation’s again). Audited.',
  })
  @ApiOkResponse({ type: MeView })
  @ApiProblem(400, 'VALIDATION_FAILED: `language` is not fi, sv, en or null')
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<MeView> {
    return this.identity.updateMe(actor, dto.language);
  }

  @Authenticated()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out',
    description:
      'Ends the session: this token, and every other token of the user, is refused from the next request on, on every API process.',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.identity.logout(actor);
  }

  @Authenticated()
  @Post('password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change my password',
    description:
      'The new password must have at least 12 characters and not be easy to guess (zxcvbn score ≥ 3 against Finnish and English words and the person’s own name and e-mail).',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiProblem(400, 'VALIDATION_FAILED: `currentPassword` is wrong, or `newPassword` is too weak')
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.identity.changePassword(actor, dto.currentPassword, dto.newPassword);
  }

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask for a password-reset link',
    description:
      'Always 202, in the same time, whether or not the address belongs to an active user; if it does, a single-use link valid for 1 hour is e-mailed ' +
      'through the outbox in the person’s language. Limited like login.',
  })
  @ApiAcceptedResponse({
    description: 'If the address is known, the link is on its way',
    headers: RATE_LIMIT_HEADERS,
    schema: { type: 'object', properties: {}, additionalProperties: false },
  })
  @ApiProblem(400, 'VALIDATION_FAILED: `email` missing', RATE_LIMIT_HEADERS)
  @ApiProblem(429, 'RATE_LIMITED: too many attempts; `Retry-After` gives the seconds to wait', {
    'Retry-After': { ...seconds, description: 'Seconds until an attempt is accepted again' },
  })
  requestReset(@Body() dto: PasswordResetRequestDto): Record<string, never> {
    this.identity.requestPasswordReset(dto.email);
    return {};
  }

  @Public()
  @UseGuards(LoginThrottlerGuard)
  // Per address only: the body names no account, and one shared bucket would let anyone block every reset.
  @SkipThrottle({ account: true })
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with a reset link',
    description: 'The token works once, for 1 hour; setting the password ends every session the user had.',
  })
  @ApiNoContentResponse({ description: 'The new password is set', headers: RATE_LIMIT_HEADERS })
  @ApiProblem(400, 'VALIDATION_FAILED: `token` unknown, used or expired, or `newPassword` too weak', RATE_LIMIT_HEADERS)
  @ApiProblem(429, 'RATE_LIMITED: too many attempts; `Retry-After` gives the seconds to wait', {
    'Retry-After': { ...seconds, description: 'Seconds until an attempt is accepted again' },
  })
  confirmReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    return this.identity.confirmPasswordReset(dto.token, dto.newPassword);
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

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit an organisation',
    description:
      'An admin edits any field of any organisation; a user of the organisation may set its own `iban` and `bic` (an addition to API.md, ' +
      'for the bank details grants are paid to). The IBAN is mod-97 checked and stored without spaces. Audited.',
  })
  @ApiOkResponse({ type: OrganizationView })
  @ApiProblem(400, 'VALIDATION_FAILED: e.g. `iban` with a wrong check digit')
  @ApiProblem(403, 'FORBIDDEN: not an admin, and not this organisation’s bank details')
  @ApiProblems(404)
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateOrganizationDto): Promise<OrganizationView> {
    return this.identity.updateOrganization(actor, id, dto);
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

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({
    summary: 'Edit a user',
    description:
      'Name, roles and whether they are active. Deactivating a user or changing their roles ends their sessions at once, on every API process. ' +
      'The last active admin cannot be deactivated or lose the admin role. Audited.',
  })
  @ApiOkResponse({ type: UserView })
  @ApiProblem(400, 'VALIDATION_FAILED: a field is invalid')
  @ApiProblem(403, 'FORBIDDEN')
  @ApiProblems(404)
  @ApiProblem(409, 'INVALID_STATE: this is the last active admin')
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.identity.updateUser(actor, id, dto);
  }
}
