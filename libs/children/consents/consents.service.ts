import { Injectable } from '@nestjs/common';
import { AccessService, CaseGate, sectorsGatedByConsent } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { BusinessRuleError, Clock, InvalidInputError, NotFoundError } from '@qoldau/core';
import { createdWith } from '../audit-changes';
import { assertOpen } from '../case-transitions';
import type { ConsentKind } from '../child-case.vocabulary';
import type { ConsentView, CreateConsentDto } from '../dto/consent.dto';
import { toInstant } from '../dto/validators';
import { GuardiansRepository } from '../guardians/guardians.repository';
import { ConsentHooks } from './consent-hooks';
import { CaseEvents } from '../case-events';
import { ConsentsRepository, toConsentView } from './consents.repository';

/**
 * Consents of legal representatives (DESIGN §5): given, listed, withdrawn — never deleted. Withdrawal
 * takes effect at once: redaction and later use cases read consents at the Clock's now, so the next
 * request already goes without it. Withdrawal is allowed on a closed case too.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly gate: CaseGate,
    private readonly access: AccessService,
    private readonly consents: ConsentsRepository,
    private readonly guardians: GuardiansRepository,
    private readonly events: CaseEvents,
    private readonly audit: AuditTrail,
    private readonly hooks: ConsentHooks,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, childId: string): Promise<ConsentView[]> {
    const grant = await this.gate.authorize(actor, 'read', childId);
    const { scope } = grant;
    this.gate.requireSection(actor, grant, 'consents', 'Section');
    this.audit.note({ resourceType: 'child', resourceId: childId, childId });
    return (await this.consents.list(childId, scope)).map(toConsentView);
  }

  async grant(actor: Actor, childId: string, input: CreateConsentDto): Promise<ConsentView> {
    const grant = await this.gate.authorize(actor, 'update', childId, { lock: true });
    const { head, scope } = grant;
    assertOpen(head.status);
    this.gate.requireSection(actor, grant, 'consents', 'Section');
    const guardian = await this.guardians.find(childId, input.guardianId);
    if (!guardian?.active) {
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
        { field: 'guardianId', code: 'UNKNOWN_GUARDIAN', message: 'not a current legal representative of this child' },
      ]);
    }
    const id = await this.recordOn(actor, childId, input, scope.now);
    return toConsentView((await this.consents.find(id, scope.now))!);
  }

  /**
   * Records a consent of a current legal representative on a child the caller has authorized and
   * locked (POST /consents, and registration, which gives the guardians' consents with the child).
   * `field` prefixes the field names of errors (`consents.1.` at registration).
   */
  async recordOn(
    actor: Actor, childId: string, input: { kind: string; sector?: string; guardianId: string; expiresAt?: string | null }, now: Date, field = '',
  ): Promise<string> {
    const expiresAt = input.expiresAt ? toInstant(input.expiresAt) : null;
    if (expiresAt && expiresAt <= now) {
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
        { field: `${field}expiresAt`, code: 'DATE_NOT_IN_FUTURE', message: 'expiresAt must be in the future' },
      ]);
    }
    if (input.kind === 'data_sharing' && !sectorsGatedByConsent().includes(input.sector!)) {
      throw new BusinessRuleError('CONSENT_GATES_NOTHING', `A data-sharing consent for the ${input.sector} sector would open nothing: that sector sees what it sees without one`, [
        { field: `${field}sector`, code: 'CONSENT_GATES_NOTHING', message: `sharing with ${input.sector} needs no consent` },
      ]);
    }
    const id = await this.consents.insert({
      childId,
      guardianId: input.guardianId,
      kind: input.kind,
      sector: input.sector ?? null,
      grantedAt: now,
      expiresAt,
      recordedByOrg: actor.orgId as string,
      recordedByUser: actor.userId,
    });
    await this.events.record({
      childId, section: 'consents', kind: 'consent.granted', actor,
      details: { consentId: id, kind: input.kind, sector: input.sector ?? null },
      audit: {
        resourceType: 'consent', resourceId: id,
        changes: createdWith({ kind: input.kind, sector: input.sector, guardianId: input.guardianId, expiresAt: expiresAt?.toISOString() }),
      },
    });
    return id;
  }

  /** POST /consents/:id/withdraw. Withdrawing a withdrawn consent changes nothing and answers the same. */
  async withdraw(actor: Actor, consentId: string): Promise<ConsentView> {
    this.access.authorize(actor, 'update', 'Child');
    const childId = await this.consents.childOf(consentId);
    // An unknown consent looks exactly like one of a case the actor cannot see.
    if (!childId) {
      this.access.authorize(actor, 'update', 'Child', { id: consentId, visible: false });
      throw new NotFoundError('Child');
    }
    const grant = await this.gate.authorize(actor, 'update', childId, { lock: true });
    const { scope } = grant;
    this.gate.requireSection(actor, grant, 'consents', 'Section');
    const consent = (await this.consents.find(consentId, scope.now, { lock: true }))!;
    if (consent.withdrawnAt === null) {
      await this.consents.withdraw(consentId, scope.now, actor.userId);
      await this.events.record({
        childId, section: 'consents', kind: 'consent.withdrawn', actor,
        details: { consentId, kind: consent.kind, sector: consent.sector },
        audit: { resourceType: 'consent', resourceId: consentId, changes: { withdrawnAt: { from: null, to: scope.now.toISOString() } } },
      });
      const stillCovered = await this.consents.hasActive(childId, consent.kind, scope.now, consent.sector);
      await this.hooks.consentWithdrawn({ childId, consentId, kind: consent.kind, sector: consent.sector, stillCovered });
    } else {
      this.audit.note({ resourceType: 'consent', resourceId: consentId, childId });
    }
    return toConsentView((await this.consents.find(consentId, scope.now))!);
  }

  /** For other libs' rules, e.g. an assessment needs an active assessment consent (CONSENT_REQUIRED). */
  /**
   * Services go on only while a legal representative consents to them: with the services consent
   * withdrawn (or expired), no service starts and no session is logged — 422 CONSENT_WITHDRAWN.
   */
  async assertServicesConsent(childId: string): Promise<void> {
    if (await this.isActive(childId, 'services')) return;
    throw new BusinessRuleError('CONSENT_WITHDRAWN', 'The legal representative has no active consent to services: nothing more can be delivered until it is given again', [], {
      consentKind: 'services',
    });
  }

  isActive(childId: string, kind: ConsentKind, sector: string | null = null): Promise<boolean> {
    return this.consents.hasActive(childId, kind, this.clock.now(), sector);
  }
}
