import { InvalidInputError } from '@qoldau/core';

/**
 * If-Match where the resource may not exist yet (a support plan's first PUT): null when absent,
 * otherwise the version it names, parsed as @IfMatch() does.
 */
export function optionalVersion(header: string | undefined): number | null {
  if (header === undefined || header === '') return null;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new InvalidInputError('IF_MATCH_INVALID', 'If-Match must be the ETag of a version, e.g. "3"', [
      { field: 'If-Match', code: 'IF_MATCH_INVALID', message: 'not a version ETag' },
    ]);
  }
  return Number(match[1]);
}
