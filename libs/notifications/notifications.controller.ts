import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Audit, ParseIdPipe } from '@qoldau/core';
import { MarkedView, NotificationPage, NotificationQuery, NotificationView, UnreadCountView } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** The signed-in user's own notifications. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Audit('notification.list')
  @ApiOkResponse({ type: NotificationPage })
  list(@CurrentActor() actor: Actor, @Query() query: NotificationQuery) {
    return this.notifications.list(actor, query);
  }

  @Get('unread-count')
  @Audit('notification.count')
  @ApiOkResponse({ type: UnreadCountView })
  unreadCount(@CurrentActor() actor: Actor) {
    return this.notifications.unreadCount(actor);
  }

  @Post('read-all')
  @HttpCode(200)
  @Audit('notification.read_all')
  @ApiOkResponse({ type: MarkedView })
  readAll(@CurrentActor() actor: Actor) {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Audit('notification.read')
  @ApiOkResponse({ type: NotificationView })
  read(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.notifications.markRead(actor, id);
  }
}
