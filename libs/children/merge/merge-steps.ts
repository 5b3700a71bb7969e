import { Injectable } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';

export interface ChildMergeContext {
  actor: Actor;
  now: Date;
}

/**
 * One lib's part of merging two records of one child: move its rows from the duplicate to the
 * survivor. Runs inside the merge's transaction, after both children are locked and authorized and
 * after this lib moved its own rows (involvements, guardians, consents, diagnoses, disability,
 * timeline). A step that cannot merge throws an AppError and the whole merge is undone.
 */
export interface ChildMergeStep {
  readonly name: string;
  move(survivorId: string, duplicateId: string, context: ChildMergeContext): Promise<void>;
}

/**
 * Merge hooks for the libs to the right of children (assessments, referrals, placements):
 *
 *   constructor(steps: ChildMergeSteps) { steps.register({ name: 'referrals', move: (to, from) => this.repo.moveChild(from, to) }); }
 */
@Injectable()
export class ChildMergeSteps {
  private readonly steps: ChildMergeStep[] = [];

  register(step: ChildMergeStep): void {
    if (this.steps.some((s) => s.name === step.name)) throw new Error(`Merge step ${step.name} is registered twice`);
    this.steps.push(step);
  }

  list(): readonly ChildMergeStep[] {
    return this.steps;
  }
}
