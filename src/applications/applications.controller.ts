import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor, Roles } from '../common/auth';
import { UuidParam } from '../common/params';
import { ApplicationsService } from './applications.service';
import {
  ApplicationQuery,
  ApplicationVersionView,
  ApplicationView,
  CreateApplicationDto,
  UpdateApplicationDto,
} from './dto/application.dto';

@ApiTags('applications')
@Authenticated()
@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Roles('applicant')
  @Post('calls/:id/applications')
  @ApiCreatedResponse({ type: ApplicationView, description: 'A draft; the lead organisation is the caller’s' })
  @ApiConflictResponse({ description: 'CALL_CLOSED' })
  create(@CurrentActor() actor: Actor, @UuidParam('id') callId: string, @Body() dto: CreateApplicationDto): Promise<ApplicationView> {
    return this.applications.create(actor, callId, dto);
  }

  @Roles('applicant')
  @Patch('applications/:id')
  @ApiOkResponse({ type: ApplicationView })
  @ApiConflictResponse({ description: 'VERSION_CONFLICT on a stale version; CALL_CLOSED at or after closesAt' })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateApplicationDto): Promise<ApplicationView> {
    return this.applications.update(actor, id, dto);
  }

  @Roles('applicant')
  @Post('applications/:id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationView })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming each field that blocks the submit' })
  @ApiConflictResponse({ description: 'CALL_CLOSED at or after closesAt (database clock)' })
  submit(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ApplicationView> {
    return this.applications.submit(actor, id);
  }

  @Roles('applicant')
  @Post('applications/:id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationView })
  withdraw(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ApplicationView> {
    return this.applications.withdraw(actor, id);
  }

  @Get('applications')
  @ApiOkResponse({ type: ApplicationView, isArray: true, description: 'Only what the caller may see' })
  list(@CurrentActor() actor: Actor, @Query() query: ApplicationQuery): Promise<ApplicationView[]> {
    return this.applications.list(actor, query);
  }

  @Get('applications/:id')
  @ApiOkResponse({ type: ApplicationView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ApplicationView> {
    return this.applications.get(actor, id);
  }

  @Get('applications/:id/versions')
  @ApiOkResponse({
    type: ApplicationVersionView,
    isArray: true,
    description: 'Addition to API.md: every submitted version (admins, lead organisation)',
  })
  versions(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ApplicationVersionView[]> {
    return this.applications.versions(actor, id);
  }
}
