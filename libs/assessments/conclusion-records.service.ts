import { Injectable } from '@nestjs/common';
import { CaseGate } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import { BusinessRuleError, Clock, InvalidInputError } from '@qoldau/core';
import { AssessmentsRepository } from './assessments.repository';
import { AssessmentsService } from './assessments.service';
import { SigningService } from './signing.service';

/** A conclusion as a PMPC's register lists it (the assessments import, issue 18). */
export interface RecordedConclusion {
  noSen: boolean;
  senCategories: string[];
  programme: string | null;
  formOfEducation: string | null;
  specialConditions: string[];
  reviewDate: string | null;
}

/**
 * Conclusions a PMPC signed before it used the system, recorded from its register: opened with the
 * register's content (AssessmentsService.open: the case visible and open, the assessment consent, the
 * reference codes) and signed by the importing head (SigningService.sign: completeness, consent,
 * supersession), both dated on the register's day — so the review date is judged from that day (after
 * it, within 3 years) and the summary counts the conclusion in the year it was signed. No commission is
 * listed: the register names none, and the head signs alone as for a conclusion with nobody listed.
 * The natural key is child + PMPC + the day of signing; a signed conclusion never changes, so a row that
 * differs from the recorded one is ASSESSMENT_SIGNED (open a new assessment instead).
 */
@Injectable()
export class ConclusionRecordsService {
  constructor(
    private readonly gate: CaseGate,
    private readonly assessments: AssessmentsRepository,
    private readonly drafting: AssessmentsService,
    private readonly signing: SigningService,
    private readonly clock: Clock,
  ) {}

  /** The conclusion the actor's PMPC signed for the child on `signedOn`, with its content; null if none. */
  async find(actor: Actor, childId: string, signedOn: string): Promise<(RecordedConclusion & { id: string }) | null> {
    await this.gate.require(actor, 'create', 'Assessment', [childId]);
    const id = await this.assessments.signedOn(childId, actor.orgId as string, signedOn);
    const found = id ? await this.assessments.find(id) : null;
    if (!found) return null;
    const { noSen, senCategories, programme, formOfEducation, specialConditions, reviewDate } = found;
    return { id: found.id, noSen, senCategories, programme, formOfEducation, specialConditions, reviewDate };
  }

  /** Opens and signs the register's conclusion on `signedOn`; its id. */
  async record(actor: Actor, childId: string, signedOn: string, content: RecordedConclusion): Promise<string> {
    const today = this.clock.today();
    if (signedOn > today) {
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
        { field: 'signedOn', code: 'DATE_IN_FUTURE', message: 'must not be in the future' },
      ]);
    }
    // Midday in Kazakhstan (UTC+5) on the day; today's is now at the latest.
    const at = new Date(Math.min(Date.parse(`${signedOn}T07:00:00.000Z`), this.clock.now().getTime()));
    const draft = await this.drafting.open(actor, childId, {
      noSen: content.noSen, senCategories: content.senCategories, programme: content.programme, formOfEducation: content.formOfEducation,
      specialConditions: content.specialConditions, reviewDate: content.reviewDate,
    }, { day: signedOn, at });
    await this.signing.sign(actor, draft.id, undefined, { day: signedOn, at });
    return draft.id;
  }

  /** A register row for a conclusion recorded before: the same content is nothing to do, another is refused. */
  same(recorded: RecordedConclusion, row: RecordedConclusion): boolean {
    const set = (codes: string[]) => [...codes].sort().join(';');
    if (recorded.noSen === row.noSen && set(recorded.senCategories) === set(row.senCategories) && recorded.programme === row.programme
      && recorded.formOfEducation === row.formOfEducation && set(recorded.specialConditions) === set(row.specialConditions)
      && recorded.reviewDate === row.reviewDate) return true;
    throw new BusinessRuleError('ASSESSMENT_SIGNED', 'The conclusion signed that day differs from the row; a signed conclusion is not changed — open a new assessment', [], {
      currentStatus: 'signed',
    });
  }
}
