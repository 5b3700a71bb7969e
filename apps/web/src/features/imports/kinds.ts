import type { paths } from '../../api/schema';

/** Every `/api/v1/imports/<kind>` the typed client has an upload (POST) for. */
export type UploadKind = {
  [P in keyof paths]: P extends `/api/v1/imports/${infer K}` ? (paths[P] extends { post: object } ? K : never) : never;
}[keyof paths];

/**
 * The kinds of file the import page offers, in the order it offers them, each with the permission its
 * rows need besides `create:Import` (an admin loads organisations, the registering roles children, schools placements, referring
 * organisations service episodes, PMPC heads — who sign conclusions — their conclusions).
 * A kind the API gains is one line here (its label and columns are in imports.json `kinds.<kind>`);
 * `satisfies` refuses a kind the client has no upload route for.
 */
export const IMPORT_KINDS = [
  { kind: 'organizations', needs: 'create:Organization' },
  { kind: 'children', needs: 'create:Child' },
  { kind: 'placements', needs: 'create:Placement' },
  { kind: 'service-episodes', needs: 'create:Referral' },
  { kind: 'assessments', needs: 'sign:Assessment' },
] as const satisfies readonly { kind: UploadKind; needs: string }[];

export type ImportKind = (typeof IMPORT_KINDS)[number]['kind'];

/** The kinds this user may load, from GET /me's permissions (the server still decides, row by row). */
export function kindsFor(permissions: readonly string[]): ImportKind[] {
  if (!permissions.includes('create:Import')) return [];
  return IMPORT_KINDS.filter((entry) => permissions.includes(entry.needs)).map((entry) => entry.kind);
}
