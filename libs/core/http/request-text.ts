import { isUtf8 } from 'node:buffer';
import { InvalidInputError } from '../errors/app-error';

/**
 * Hostile input, refused before it reaches anything that could run away with it: JSON nested deeper
 * than any of our DTOs (a 4,000-level array overflowed the stack of the code walking the parsed value),
 * and text that is not text — bytes that are not UTF-8 (Node would silently turn them into U+FFFD
 * and we would store that), NUL (PostgreSQL text cannot hold it and answers with an error) and unpaired
 * UTF-16 surrogates (replaced on the way to the database). One place for every route: the JSON body
 * parser and one request hook for the URL, never a DTO decorator each.
 */

/** Deeper than any request body we accept (a child with guardians and consents is 3 levels). */
export const MAX_JSON_DEPTH = 32;

export function invalidText(where: string, field?: string): InvalidInputError {
  const message = `The ${where} holds bytes that are not text (NUL, invalid UTF-8 or an unpaired surrogate)`;
  return new InvalidInputError('INVALID_TEXT', message, field ? [{ field, code: 'TEXT_INVALID', message: `${field} is not text` }] : []);
}

/** The deepest nesting of `[`/`{` outside strings, stopping as soon as it passes `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** True when `value` is well-formed text PostgreSQL can store unchanged. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && value.isWellFormed();
}

/**
 * Every string (and object key) in a parsed JSON value is storable text; the value is already
 * depth-limited. The first offending field is named in `errors[]` (as the validation pipe names it).
 */
export function assertStorableJson(value: unknown, path = ''): void {
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (typeof value === 'string') {
    if (!isStorableText(value)) throw invalidText('request body', path || undefined);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => assertStorableJson(item, at(index)));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) throw invalidText('request body', path || undefined);
      assertStorableJson(item, at(key));
    }
  }
}

/** Checks a JSON body's bytes before parsing: UTF-8 and depth. */
export function checkJsonBytes(body: Buffer): string {
  if (!isUtf8(body)) throw invalidText('request body');
  const text = body.toString('utf8');
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw new InvalidInputError('JSON_TOO_DEEP', `The request body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return text;
}

/**
 * The raw request target (path and query) decodes to storable text: percent-escapes form UTF-8, and
 * neither NUL nor a surrogate hides behind one. A malformed escape (`%E0%A4%A`) is refused the same way.
 */
export function assertStorableUrl(url: string): void {
  if (!url.includes('%')) return;
  const [path, query = ''] = url.split(/\?(.*)/s, 2);
  if (decodesBadly(path)) throw invalidText('address');
  for (const pair of query.split('&')) {
    const [key, value = ''] = pair.split(/=(.*)/s, 2);
    if (decodesBadly(key)) throw invalidText('query');
    if (decodesBadly(value)) throw invalidText('query', decodeURIComponent(key.replace(/\+/g, ' ')));
  }
}

function decodesBadly(part: string): boolean {
  if (!part.includes('%')) return false;
  try {
    return !isStorableText(decodeURIComponent(part.replace(/\+/g, ' ')));
  } catch {
    return true;
  }
}
