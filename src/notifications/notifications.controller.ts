import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ type: NotificationView, isArray: true })
  list(@CurrentActor() actor: Actor, @Query() page: PageQuery): Promise<NotificationView[]> {
    return this.notifications.list(actor, page.limit ?? 100, page.offset ?? 0);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Addition to API.md: marks one of your notifications read' })
  markRead(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    return this.notifications.markRead(actor, id);
  }
}
