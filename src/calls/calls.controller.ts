import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor, Roles } from '../common/auth';
import { UuidParam } from '../common/params';
import { ApiProblem, ApiProblems } from '../openapi/problems';
import { CallsService } from './calls.service';
import { CallView, CreateCallDto, UpdateCallDto } from './dto/call.dto';

@ApiTags('calls')
@Authenticated()
@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Create a call', description: 'A draft call; publish it to open it to applicants.' })
  @ApiCreatedResponse({ type: CallView, description: '`status: "draft"`' })
  @ApiProblem(400, 'VALIDATION_FAILED: a field is invalid (e.g. closesAt not after opensAt)')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCallDto): Promise<CallView> {
    return this.calls.create(actor, dto);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({
    summary: 'Change a call',
    description: 'Any field while the call is a draft; once published only a later `closesAt` (its jobs move with it).',
  })
  @ApiOkResponse({ type: CallView })
  @ApiProblems(404)
  @ApiProblem(409, 'INVALID_STATE: only a later closesAt may change once published; CALL_CLOSED once closed')
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateCallDto): Promise<CallView> {
    return this.calls.update(actor, id, dto);
  }

  @Roles('admin')
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a call', description: 'Opens it to applicants at `opensAt` and schedules its closing and reminders.' })
  @ApiOkResponse({ type: CallView })
  @ApiProblems(404)
  @ApiProblem(409, 'INVALID_STATE: closesAt has already passed')
  publish(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CallView> {
    return this.calls.publish(actor, id);
  }

  @Get()
  @ApiOperation({ summary: 'List calls', description: 'Admins see every call; others the published ones. Each with its derived `phase`.' })
  @ApiOkResponse({ type: CallView, isArray: true })
  list(@CurrentActor() actor: Actor): Promise<CallView[]> {
    return this.calls.list(actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a call', description: 'With its derived `phase`; a draft only for admins.' })
  @ApiOkResponse({ type: CallView })
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CallView> {
    return this.calls.get(actor, id);
  }
}
