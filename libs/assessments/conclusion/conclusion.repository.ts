import { Injectable } from '@nestjs/common';
import { caseVisibleTo } from '@qoldau/access';
import type { CaseScope } from '@qoldau/children';
import { SqlRepository } from '@qoldau/core';
import type { ConclusionLanguage } from './conclusion-labels';

export interface ChildIdentity {
  fullName: string;
  iin: string | null;
  birthDate: string;
}

/** What the printed conclusion needs beyond the assessment: the child's identity and reference labels. */
@Injectable()
export class ConclusionRepository extends SqlRepository {
  /** The identity section of a case the actor was authorized to read (the same scope composed in). */
  async childIdentity(childId: string, scope: CaseScope): Promise<ChildIdentity | null> {
    const rows = await this.rows<{ full_name: string; iin: string | null; birth_date: string }>(
      `SELECT concat_ws(' ', c.last_name, c.first_name, c.patronymic) AS full_name, c.iin, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date
         FROM children c WHERE c.id = $1 AND ${caseVisibleTo('c.id', '$2', '$3')}`,
      [childId, scope.viewer, scope.now],
    );
    return rows[0] ? { fullName: rows[0].full_name, iin: rows[0].iin, birthDate: rows[0].birth_date } : null;
  }

  /** Labels of reference codes in one language, keyed by code; in the reference tables' order. */
  async labels(language: ConclusionLanguage, codes: { senCategories: string[]; formOfEducation: string | null; specialConditions: string[] }) {
    const column = language === 'kk' ? 'name_kk' : 'name_ru';
    const rows = await this.rows<{ kind: string; code: string; label: string }>(
      `SELECT * FROM (
         SELECT 'sen' AS kind, code, ${column} AS label, sort_order FROM sen_categories WHERE code = ANY($1::text[])
         UNION ALL SELECT 'form', code, ${column}, sort_order FROM education_forms WHERE code = $2
         UNION ALL SELECT 'condition', code, ${column}, sort_order FROM special_conditions WHERE code = ANY($3::text[])
       ) l ORDER BY kind, sort_order`,
      [codes.senCategories, codes.formOfEducation, codes.specialConditions],
    );
    const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.label);
    return { senCategories: of('sen'), formOfEducation: of('form')[0] ?? null, specialConditions: of('condition') };
  }
}
