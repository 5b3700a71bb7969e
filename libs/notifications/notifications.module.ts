import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Jobs } from '@qoldau/core';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { OutboxDelivery } from './outbox/outbox-delivery.service';
import { OutboxMessage } from './outbox/outbox-message.entity';
import { OutboxRepository } from './outbox/outbox.repository';
import { LogOutboxSender, OUTBOX_SENDER } from './outbox/outbox-sender';

export const OUTBOX_JOB = 'notifications.outbox';

/**
 * In-app notifications and the outbox (e-mail/SMS through a pluggable sender). Depends on core and
 * auth only, so any lib may notify.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, OutboxMessage])],
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    NotificationsService,
    OutboxRepository,
    OutboxDelivery,
    { provide: OUTBOX_SENDER, useClass: LogOutboxSender },
  ],
  exports: [NotificationsService, OutboxDelivery],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly jobs: Jobs,
    private readonly delivery: OutboxDelivery,
  ) {}

  onModuleInit(): void {
    this.jobs.register(OUTBOX_JOB, async () => {
      await this.delivery.deliverDue();
    }, { cron: '* * * * *' });
  }
}
