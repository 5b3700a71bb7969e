import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, UseCaseRunner } from '@qoldau/core';
import { OutboxRepository } from './outbox.repository';
import { OUTBOX_SENDER, OutboxSender } from './outbox-sender';
import { describeFailure, retryDelayMs } from './retry';

/** Long enough for any provider call; a claim older than this is taken to be a dead worker's. */
const LEASE_MS = 5 * 60_000;
const BATCH = 50;

export interface DeliveryResult {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Delivers the outbox: the `notifications.outbox` job (every minute, and on demand) calls `deliverDue`.
 * Each batch is claimed in a short transaction and committed before any provider is called, so no
 * database transaction waits on the network; the outcome of each message is then recorded on its own.
 * Failures are retried with back-off (retry.ts) until MAX_ATTEMPTS, then the message is `failed`.
 */
@Injectable()
export class OutboxDelivery {
  private readonly logger = new Logger('Outbox');
  private sender: OutboxSender;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly runner: UseCaseRunner,
    private readonly clock: Clock,
    @Inject(OUTBOX_SENDER) defaultSender: OutboxSender,
  ) {
    this.sender = defaultSender;
  }

  /** Replaces the sender (an e-mail or SMS gateway; tests use a fake). */
  useSender(sender: OutboxSender): void {
    this.sender = sender;
  }

  async deliverDue(): Promise<DeliveryResult> {
    const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
    for (;;) {
      const batch = await this.inTransaction(() => this.outbox.claim(this.clock.now(), LEASE_MS, BATCH));
      for (const message of batch) {
        const { id, ...envelope } = message;
        try {
          await this.sender.send(envelope);
          await this.inTransaction(() => this.outbox.markSent(id, message.attempt, this.clock.now()));
          result.sent++;
        } catch (error) {
          const delay = retryDelayMs(message.attempt);
          const retryAt = delay === null ? null : new Date(this.clock.now().getTime() + delay);
          await this.inTransaction(() => this.outbox.markFailed(id, message.attempt, describeFailure(error), retryAt));
          if (retryAt) result.retried++;
          else {
            result.failed++;
            this.logger.error({ key: message.key, attempts: message.attempt }, 'Outbox message failed for good');
          }
        }
      }
      if (batch.length < BATCH) return result;
    }
  }

  private inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.runner.run({ action: 'job.notifications.outbox' }, work);
  }
}
