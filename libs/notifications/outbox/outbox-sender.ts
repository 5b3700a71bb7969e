import { Injectable, Logger } from '@nestjs/common';

/** What a sender is given: one message, addressed to a user (the sender resolves the address). */
export interface OutboxEnvelope {
  /**
   * Unique per message and stable across retries: pass it to the provider as its idempotency key, so a
   * message delivered but not yet marked sent (a crash in between) is not delivered twice.
   */
  key: string;
  channel: string;
  recipientUserId: string;
  kind: string;
  /** Codes and ids only. */
  payload: Record<string, unknown>;
  /** 1 on the first try. */
  attempt: number;
}

/**
 * Delivers outbox messages outside the system (e-mail gateway, SMS provider). Resolve when the
 * provider accepted the message; throw to have it retried with back-off. Plug one in with
 * `OutboxDelivery.useSender(…)` (e.g. from the module that configures the provider, at start-up).
 */
export interface OutboxSender {
  send(message: OutboxEnvelope): Promise<void>;
}

/** The default sender's injection token. */
export const OUTBOX_SENDER = Symbol('OUTBOX_SENDER');

/**
 * The default: this machine has no e-mail or SMS gateway, so delivery is a log line. It names the
 * message key, kind and channel only — never the recipient or the payload — so logs hold no
 * personal data.
 */
@Injectable()
export class LogOutboxSender implements OutboxSender {
  private readonly logger = new Logger('Outbox');

  async send(message: OutboxEnvelope): Promise<void> {
    this.logger.log({ key: message.key, kind: message.kind, channel: message.channel, attempt: message.attempt }, 'Outbox message delivered (log sender)');
  }
}
