import { Injectable } from '@nestjs/common';
import { CurrentConclusions } from '@qoldau/assessments';

/**
 * The link from a referral to the PMPC conclusion behind it (issue 9: "link to the signed conclusion
 * when there is one"): only the child's current signed conclusion may be named — a superseded one was
 * replaced for a reason, and a draft is no conclusion yet.
 */
@Injectable()
export class ConclusionLinks {
  constructor(private readonly conclusions: CurrentConclusions) {}

  async isSignedConclusionOf(childId: string, assessmentId: string): Promise<boolean> {
    const current = await this.conclusions.of(childId);
    return current?.assessmentId === assessmentId;
  }
}
