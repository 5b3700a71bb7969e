import { Injectable, OnModuleInit } from '@nestjs/common';
import { type CaseSectionProvider, type CaseSql, CaseSections, CaseEvents, ChildMergeContext, ChildMergeSteps } from '@qoldau/children';
import { BusinessRuleError } from '@qoldau/core';
import { PlacementView } from './dto/placement.dto';
import { PlacementsRepository, placementsJson } from './placements.repository';

/**
 * What this lib adds to the child case (libs/children extension points): the `placements` section of
 * the case view (the redactor omits it for health, DESIGN §5) and the merge step.
 */
@Injectable()
export class PlacementCaseHooks implements OnModuleInit, CaseSectionProvider {
  readonly section = 'placements' as const;
  readonly items = PlacementView;

  constructor(
    private readonly sections: CaseSections,
    private readonly mergeSteps: ChildMergeSteps,
    private readonly placements: PlacementsRepository,
    private readonly events: CaseEvents,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
    this.mergeSteps.register({ name: 'placements', move: (survivorId, duplicateId, context) => this.merge(survivorId, duplicateId, context) });
  }

  /** Active placement first, then proposals, then history; each with its support plan. */
  select({ childId }: CaseSql): string {
    return placementsJson(childId);
  }

  /**
   * Merge: the duplicate's placements (with their plans) move to the survivor. Two active placements
   * cannot both stay active; the merge is refused until one of them is ended.
   */
  private async merge(survivorId: string, duplicateId: string, { actor, now }: ChildMergeContext): Promise<void> {
    if (await this.placements.activeOnBoth(survivorId, duplicateId)) {
      throw new BusinessRuleError('MERGE_PLACEMENT_CONFLICT', 'Both records have an active placement; end one of them before merging', [
        { field: 'duplicateId', code: 'MERGE_PLACEMENT_CONFLICT', message: 'both records have an active placement' },
      ]);
    }
    const moved = await this.placements.moveChild(survivorId, duplicateId, now);
    if (!moved) return;
    // The merge itself is audited by the merge use case; this only tells the timeline what moved.
    await this.events.record({
      childId: survivorId, section: 'placements', kind: 'placement.merged', actor, at: now, touchesCase: false,
      details: { fromChildId: duplicateId, placements: moved },
    });
  }
}
