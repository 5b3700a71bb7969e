import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { UnauthenticatedError } from '@qoldau/core';
import type { Role } from './roles';

export type ActorSector = 'education' | 'health' | 'social';

/**
 * Who is acting, as established by the JWT guard from a valid, unrevoked access token (DESIGN §2 step 1).
 * Everything downstream (policies, scopes, redaction, audit) works from this and nothing else.
 */
export interface Actor {
  userId: string;
  username: string;
  /** Null only for the national bootstrap admin. */
  orgId: string | null;
  orgType: string | null;
  sector: ActorSector | null;
  /** KATO of the actor's organisation's region; null for the national admin. */
  regionKato: string | null;
  roles: Role[];
  /** The login session (refresh-token family) the access token belongs to. */
  sessionId: string;
}

/** The authenticated actor of the current request (set by the global JWT guard). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
  if (!actor) throw new UnauthenticatedError();
  return actor;
});
