import { Injectable, OnModuleInit } from '@nestjs/common';
import { CaseSectionContext, CaseSections, ChildMergeSteps } from '@qoldau/children';
import type { ReferralView } from '../dto/referral.dto';
import { ReferralsRepository } from '../referrals.repository';

export type CaseReferral = Omit<ReferralView, 'child'>;

/**
 * The referrals section of the case view (DESIGN §5: PMPC sees all, other sectors their own
 * organisation's — every item carries fromOrgId and toOrgId for the one redactor to decide), and the
 * merge step that moves a duplicate's referrals and episodes to the surviving record.
 */
@Injectable()
export class ReferralsCaseHooks implements OnModuleInit {
  readonly section = 'referrals' as const;

  constructor(
    private readonly sections: CaseSections,
    private readonly steps: ChildMergeSteps,
    private readonly referrals: ReferralsRepository,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
    this.steps.register({
      name: 'referrals',
      move: async (survivorId, duplicateId) => {
        await this.referrals.moveChild(duplicateId, survivorId);
      },
    });
  }

  async load(childId: string, { scope }: CaseSectionContext): Promise<CaseReferral[]> {
    const referrals = await this.referrals.forChild(childId, scope);
    return referrals.map(({ child: _child, ...referral }) => referral);
  }
}
