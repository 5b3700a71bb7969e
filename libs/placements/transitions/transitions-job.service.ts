import { Injectable, Logger } from '@nestjs/common';
import { Clock, UseCaseRunner } from '@qoldau/core';
import { transitionsOf } from './life-stage';
import { TransitionsRepository } from './transitions.repository';

export const TRANSITIONS_JOB = 'placements.transitions';
/** Every day at 01:30 in Almaty (Jobs schedules in Asia/Almaty). */
export const TRANSITIONS_CRON = '30 1 * * *';

export interface TransitionsRunResult {
  children: number;
  items: number;
  resolved: number;
}

/**
 * The daily `placements.transitions` job (tests call `run()` directly): for every open case, the
 * life-stage rules (life-stage.ts) on today's date in Almaty; what is due goes into the worklist of
 * the PMPC that signed the current conclusion and of the current placing organisation, as
 * transition_items. One row per organisation, child, kind and due date: a re-run the same day (or
 * the next) adds nothing, it only notes the item is still there; an item no longer found is
 * resolved. A case with neither a conclusion nor an active placement has nobody to tell: skipped.
 * One transaction; no case data changes, so no timeline entry; the run is audited as the job.
 */
@Injectable()
export class TransitionsJobService {
  private readonly logger = new Logger('Transitions');

  constructor(
    private readonly transitions: TransitionsRepository,
    private readonly runner: UseCaseRunner,
    private readonly clock: Clock,
  ) {}

  run(): Promise<TransitionsRunResult> {
    return this.runner.run({ action: `job.${TRANSITIONS_JOB}` }, () => this.check());
  }

  private async check(): Promise<TransitionsRunResult> {
    const today = this.clock.today();
    const result: TransitionsRunResult = { children: 0, items: 0, resolved: 0 };
    let after: string | null = null;
    for (;;) {
      const batch = await this.transitions.candidates(today, after);
      for (const facts of batch) {
        const orgIds = [...new Set([facts.pmpcOrgId, facts.placement?.orgId].filter((id): id is string => !!id))];
        const { due } = transitionsOf(facts, today);
        if (due.length && orgIds.length) result.children++;
        for (const item of due) {
          for (const orgId of orgIds) {
            await this.transitions.upsertItem(orgId, facts.childId, item, today);
            result.items++;
          }
        }
      }
      if (batch.length < TransitionsRepository.BATCH) break;
      after = batch[batch.length - 1].childId;
    }
    result.resolved = await this.transitions.resolveNotSeen(today);
    this.logger.log(result, 'transitions checked');
    return result;
  }
}
