import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'List my notifications' })
  @Audit('notification.list')
  @ApiOkResponse({ type: NotificationPage })
  list(@CurrentActor() actor: Actor, @Query() query: NotificationQuery) {
    return this.notifications.list(actor, query);
  }

  @Get('unread-count')
  @ApiOperation({ operationId: 'countUnreadNotifications', summary: 'Count my unread notifications' })
  @Audit('notification.count')
  @ApiOkResponse({ type: UnreadCountView })
  unreadCount(@CurrentActor() actor: Actor) {
    return this.notifications.unreadCount(actor);
  }

  @Post('read-all')
  @ApiOperation({ operationId: 'markAllNotificationsRead', summary: 'Mark all my notifications read' })
  @HttpCode(200)
  @Audit('notification.read_all')
  @ApiOkResponse({ type: MarkedView })
  readAll(@CurrentActor() actor: Actor) {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @ApiOperation({ operationId: 'markNotificationRead', summary: 'Mark a notification read' })
  @HttpCode(200)
  @Audit('notification.read')
  @ApiOkResponse({ type: NotificationView })
  read(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.notifications.markRead(actor, id);
  }
}
