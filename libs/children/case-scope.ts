/** Whose eyes a case query looks through: defined by the access lib, with the SQL that reads it. */
export type { CaseScope } from '@qoldau/access';
