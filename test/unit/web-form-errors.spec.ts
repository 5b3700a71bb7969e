import { applyServerErrors, fieldPath } from '../../apps/web/src/shared/api/field-errors';

// The server's field errors land under the form's fields: `guardians.0.iin` is the path the API
// writes everywhere (test/unit/field-paths.spec.ts keeps it so).
function fakeForm(fields: (string | number)[][]) {
  const set: { name: (string | number)[]; errors: string[] }[] = [];
  return {
    set,
    getFieldsError: () => fields.map((name) => ({ name, errors: [], warnings: [] })),
    setFields: (entries: { name: unknown; errors?: string[] }[]) => {
      for (const entry of entries) set.push({ name: entry.name as (string | number)[], errors: entry.errors ?? [] });
    },
  };
}

describe('server field errors on an antd form', () => {
  it('reads a dotted path as an antd name path', () => {
    expect(fieldPath('guardians.0.iin')).toEqual(['guardians', 0, 'iin']);
    expect(fieldPath('specialists.1.userId')).toEqual(['specialists', 1, 'userId']);
  });

  it('puts a nested error under its field, in the catalogue\'s words, and returns the ones the form lacks', () => {
    const form = fakeForm([['specialists', 1, 'userId'], ['reviewDate']]);
    const elsewhere = applyServerErrors(
      form,
      {
        errors: [
          { field: 'specialists.1.userId', code: 'NOT_A_PMPC_MEMBER', message: 'not an active user of this PMPC' },
          { field: 'reviewDate', code: 'REVIEW_DATE_OUT_OF_RANGE', message: 'too late' },
          { field: 'If-Match', code: 'IF_MATCH_INVALID', message: 'not a version ETag' },
        ],
      },
      (code) => (code === 'NOT_A_PMPC_MEMBER' ? 'Бұл пайдаланушы осы ПМПК-ның белсенді қызметкері емес' : undefined),
    );
    expect(form.set).toEqual([
      { name: ['specialists', 1, 'userId'], errors: ['Бұл пайдаланушы осы ПМПК-ның белсенді қызметкері емес'] },
      { name: ['reviewDate'], errors: ['too late'] },
    ]);
    expect(elsewhere.map((error) => error.field)).toEqual(['If-Match']);
  });
});
