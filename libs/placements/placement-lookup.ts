import { Injectable } from '@nestjs/common';
import { CaseGate } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import { NotFoundError } from '@qoldau/core';
import { PlacementRecord, PlacementsRepository } from './placements.repository';

/**
 * Loads a placement for a use case and asks the one gate (libs/access CaseGate.requireOwned) whether
 * the actor may read or change it: the placing organisation, or a reader of the case who sees its
 * placements section. It decides nothing itself.
 */
@Injectable()
export class PlacementLookup {
  constructor(
    private readonly gate: CaseGate,
    private readonly placements: PlacementsRepository,
  ) {}

  async authorize(actor: Actor, action: 'read' | 'update', id: string, options: { lock?: boolean } = {}): Promise<PlacementRecord> {
    const placement = await this.placements.find(id, options);
    if (!placement) throw new NotFoundError('Placement');
    await this.gate.requireOwned(actor, action === 'read' ? 'read' : 'change', {
      subject: 'Placement', id, owners: [placement.organization.id], childId: placement.childId, ownerAction: 'update', section: 'placements',
    });
    return placement;
  }
}
