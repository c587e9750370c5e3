import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/problems';
import { Actor, Authenticated, CurrentActor } from '../common/auth';
import { UuidParam } from '../common/params';
import { PageQuery } from '../common/page.dto';
import { NotificationView } from './notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Authenticated()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My notifications', description: 'To the caller or their organisation, newest first.' })
  @ApiOkResponse({ type: NotificationView, isArray: true })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() page: PageQuery): Promise<NotificationView[]> {
    return this.notifications.list(actor, page.limit ?? 100, page.offset ?? 0);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark a notification read', description: 'Addition to API.md: one of the caller’s notifications.' })
  @ApiNoContentResponse({ description: 'Marked read' })
  @ApiProblems(404)
  markRead(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    return this.notifications.markRead(actor, id);
  }
}
