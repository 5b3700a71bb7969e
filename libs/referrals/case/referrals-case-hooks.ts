import { Injectable, OnModuleInit } from '@nestjs/common';
import { type CaseSectionProvider, type CaseSql, CaseSections, ChildMergeSteps, ConsentHooks } from '@qoldau/children';
import { NotificationsService } from '@qoldau/notifications';
import { EpisodesRepository } from '../episodes/episodes.repository';
import { CaseReferralView } from '../dto/referral.dto';
import { caseReferralsJson, ReferralsRepository } from '../referrals.repository';

/**
 * The referrals section of the case view (DESIGN §5: PMPC sees all, other sectors their own
 * organisation's — every item carries fromOrgId and toOrgId for the one redactor to decide), and the
 * merge step that moves a duplicate's referrals and episodes to the surviving record, and — when the
 * services consent is withdrawn — the notice to every provider whose service must now stop.
 */
@Injectable()
export class ReferralsCaseHooks implements OnModuleInit, CaseSectionProvider {
  readonly section = 'referrals' as const;
  readonly items = CaseReferralView;

  constructor(
    private readonly sections: CaseSections,
    private readonly steps: ChildMergeSteps,
    private readonly referrals: ReferralsRepository,
    private readonly consentHooks: ConsentHooks,
    private readonly episodes: EpisodesRepository,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
    this.steps.register({
      name: 'referrals',
      move: async (survivorId, duplicateId) => {
        await this.referrals.moveChild(duplicateId, survivorId);
      },
    });
    this.consentHooks.onWithdrawn(async ({ childId, consentId, kind, stillCovered }) => {
      if (kind !== 'services' || stillCovered) return;
      for (const episode of await this.episodes.running(childId)) {
        await this.notifications.notifyOrganization(episode.orgId, {
          kind: 'services.consent_withdrawn',
          childId,
          referralId: episode.referralId,
          payload: { episodeId: episode.id, consentId },
        });
      }
    });
  }

  select({ childId, viewer, now }: CaseSql): string {
    return caseReferralsJson(childId, viewer, now);
  }
}
