import { Injectable } from '@nestjs/common';
import { CaseGate } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import { Clock, NotFoundError } from '@qoldau/core';
import type { TransitionsView } from '../dto/transitions.dto';
import { transitionsOf } from './life-stage';
import { TransitionsRepository } from './transitions.repository';

/**
 * GET /children/:id/transitions: the child's life stage and what is due next, by the rules of
 * life-stage.ts on today's date in Almaty. Through the one gate: `read Child` on the case, and the
 * answer speaks of placements, so an actor who does not see the case's placements section (health or
 * social without the data-sharing consent) gets 404, as for GET /placements/:id.
 */
@Injectable()
export class TransitionsService {
  constructor(
    private readonly gate: CaseGate,
    private readonly transitions: TransitionsRepository,
    private readonly clock: Clock,
  ) {}

  async of(actor: Actor, childId: string): Promise<TransitionsView> {
    const grant = await this.gate.authorize(actor, 'read', childId);
    this.gate.requireSection(actor, grant, 'placements', 'Child');
    const facts = await this.transitions.factsOf(childId);
    if (!facts) throw new NotFoundError('Child');
    const today = this.clock.today();
    const { ageYears, stage, grade, due } = transitionsOf(facts, today);
    return {
      childId,
      today,
      birthDate: facts.birthDate,
      ageYears,
      stage,
      placement: facts.placement
        ? { id: facts.placement.id, orgId: facts.placement.orgId, orgType: facts.placement.orgType, classLabel: facts.placement.classLabel, grade }
        : null,
      due,
    };
  }
}
