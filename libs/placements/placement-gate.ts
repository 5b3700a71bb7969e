import { Injectable } from '@nestjs/common';
import { AccessService } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import { ChildAccess } from '@qoldau/children';
import { NotFoundError } from '@qoldau/core';
import { PlacementRecord, PlacementsRepository } from './placements.repository';

/**
 * Who reaches a placement: its placing organisation (the policy's `update Placement`, own org) — even
 * before activation gives it an involvement with the case — and whoever sees the child's case. Anyone
 * else gets 404, exactly as for a missing id; a case worker who sees the case but does not place the
 * child may read and gets 403 for a change.
 */
@Injectable()
export class PlacementGate {
  constructor(
    private readonly access: AccessService,
    private readonly children: ChildAccess,
    private readonly placements: PlacementsRepository,
  ) {}

  async authorize(actor: Actor, action: 'read' | 'update', id: string, options: { lock?: boolean } = {}): Promise<PlacementRecord> {
    const placement = await this.placements.find(id, options);
    if (!placement) throw new NotFoundError('Placement');
    const resource = { id, orgId: placement.organization.id };
    if (!this.access.can(actor, 'update', 'Placement', resource)) {
      await this.children.authorize(actor, 'read', placement.childId);
      if (action === 'update') this.access.authorize(actor, 'update', 'Placement', resource);
    }
    return placement;
  }
}
