import { ERROR_CODES, ErrorCodeEntry } from './error-codes';

const ENTRIES = Object.entries(ERROR_CODES) as [string, ErrorCodeEntry][];

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

/**
 * docs/errors.md, generated from the error-code catalogue. A unit test fails when the committed file
 * differs; `npm run docs:errors` rewrites it.
 */
export function renderErrorsDoc(): string {
  const problems = ENTRIES.filter(([, e]) => e.where !== 'field').sort(([, a], [, b]) => a.status - b.status);
  const fields = ENTRIES.filter(([, e]) => e.where !== 'problem');
  const lines: string[] = [
    '# Error codes',
    '',
    '<!-- Generated from libs/core/errors/error-codes.ts by `npm run docs:errors`. Do not edit by hand. -->',
    '',
    'Every error is answered as `application/problem+json` (RFC 9457) by the one `ProblemDetailsFilter`:',
    '',
    '```',
    '{ type, title, status, detail, code, errors: [{ field, code, message }], requestId, …extensions }',
    '```',
    '',
    '- `code` is stable: clients react to it. Each code has one HTTP status.',
    '- `title` is the title below in the language `Accept-Language` picks (`kk` by default, `ru`, `en`);',
    '  `Content-Language` says which. It is the same for every occurrence of the code.',
    '- `detail` is an English sentence about this occurrence, for developers and logs; never shown as is.',
    '- `errors[]` names each bad field with a field code and an English `message`.',
    '- Some problems carry extensions, e.g. `currentVersion` (412), `existingId` (409), `mergedInto` (404',
    '  `CHILD_MERGED`), `lockedUntil` (401 `ACCOUNT_LOCKED`), `currentStatus` (422 `TRANSITION_NOT_ALLOWED`).',
    '',
    'Clients get this table with all three titles from `GET /api/v1/reference/error-codes`',
    '(`[{ code, status, where, title: { kk, ru, en } }]`, no sign-in needed). A unit test',
    '(`libs/core/errors/error-codes.spec.ts`) reads libs/ and apps/ and fails on a code answered there that',
    'is not in this table, or answered with another status.',
    '',
    `${ENTRIES.length} codes: ${problems.length} problem codes, of which ${problems.filter(([, e]) => e.where === 'both').length} also name the field in \`errors[]\`;`,
    `${fields.filter(([, e]) => e.where === 'field').length} codes used only in \`errors[]\`.`,
    '',
    '## Problem codes',
    '',
    row(['code', 'status', 'in `errors[]` too', 'kk', 'ru', 'en']),
    row(['---', '---', '---', '---', '---', '---']),
    ...problems.map(([code, e]) => row([`\`${code}\``, e.status, e.where === 'both' ? '✔' : '', e.title.kk, e.title.ru, e.title.en])),
    '',
    '## Field codes (`errors[].code`)',
    '',
    'Status is that of the problem that usually carries the code: 400 `VALIDATION_FAILED` for malformed',
    'fields, 422 for a business rule that names the field. Codes marked "problem too" are also a',
    "problem's own `code` (table above).",
    '',
    row(['code', 'status', 'problem too', 'kk', 'ru', 'en']),
    row(['---', '---', '---', '---', '---', '---']),
    ...fields.map(([code, e]) => row([`\`${code}\``, e.status, e.where === 'both' ? '✔' : '', e.title.kk, e.title.ru, e.title.en])),
    '',
  ];
  return lines.join('\n');
}
