import { Injectable } from '@nestjs/common';

export interface WithdrawnConsent {
  childId: string;
  consentId: string;
  kind: string;
  sector: string | null;
  /** Whether another consent of the same kind (and sector) is still active after this withdrawal. */
  stillCovered: boolean;
}

/**
 * What other libs do when a guardian withdraws a consent, inside the withdrawal's transaction:
 * referrals tells the providers whose services now stop. Nothing is ever deleted.
 *
 *   constructor(hooks: ConsentHooks) { hooks.onWithdrawn((w) => …); }
 */
@Injectable()
export class ConsentHooks {
  private readonly withdrawn: ((consent: WithdrawnConsent) => Promise<void>)[] = [];

  onWithdrawn(hook: (consent: WithdrawnConsent) => Promise<void>): void {
    this.withdrawn.push(hook);
  }

  async consentWithdrawn(consent: WithdrawnConsent): Promise<void> {
    for (const hook of this.withdrawn) await hook(consent);
  }
}
