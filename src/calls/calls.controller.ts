import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor, Roles } from '../common/auth';
import { UuidParam } from '../common/params';
import { CallsService } from './calls.service';
import { CallView, CreateCallDto, UpdateCallDto } from './dto/call.dto';

@ApiTags('calls')
@Authenticated()
@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ type: CallView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCallDto): Promise<CallView> {
    return this.calls.create(actor, dto);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOkResponse({ type: CallView })
  @ApiConflictResponse({ description: 'INVALID_STATE: only a later closesAt may change once published; CALL_CLOSED once closed' })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateCallDto): Promise<CallView> {
    return this.calls.update(actor, id, dto);
  }

  @Roles('admin')
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: CallView })
  publish(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CallView> {
    return this.calls.publish(actor, id);
  }

  @Get()
  @ApiOkResponse({ type: CallView, isArray: true, description: 'Admins see every call; others the published ones' })
  list(@CurrentActor() actor: Actor): Promise<CallView[]> {
    return this.calls.list(actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: CallView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CallView> {
    return this.calls.get(actor, id);
  }
}
