/**
 * A 4xx problem's field errors on an antd form, as pure functions: no React, no API client, so that
 * they are unit-tested in Node (test/unit/web-form-errors.spec.ts). The hook and clearServerErrors are in form-errors.ts.
 */

/** One entry of a problem's `errors[]` (the API's FieldError). */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

type NamePath = (string | number)[];

/** The parts of an antd FormInstance these functions use (described here to keep antd's types out of Node). */
export interface FieldsForm {
  setFields(fields: { name?: unknown; errors?: string[] }[]): void;
  getFieldsError(): { name: NamePath }[];
}

/** `guardians.0.iin` (the API's field path, dotted everywhere) → `['guardians', 0, 'iin']` (an antd name path). */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^[0-9]+$/.test(part) ? Number(part) : part));
}

/**
 * Puts a 400/422 problem's field errors (`errors[].field`) under the form's fields, each message the
 * catalogue's title for its `code` in the user's language (`titleOf`), falling back to the server's
 * own message. Returns the errors of fields the form does not have, for the page to show above it.
 */
export function applyServerErrors(
  form: Pick<FieldsForm, 'setFields' | 'getFieldsError'>,
  problem: { errors?: FieldError[] },
  titleOf: (code: string) => string | undefined,
): FieldError[] {
  const registered = new Set(form.getFieldsError().map((field) => field.name.join('.')));
  const byField = new Map<string, string[]>();
  const elsewhere: FieldError[] = [];
  for (const error of problem.errors ?? []) {
    if (!registered.has(error.field)) {
      elsewhere.push(error);
      continue;
    }
    const message = titleOf(error.code) ?? error.message;
    const messages = byField.get(error.field) ?? [];
    if (!messages.includes(message)) messages.push(message);
    byField.set(error.field, messages);
  }
  form.setFields([...byField].map(([field, errors]) => ({ name: fieldPath(field), errors })));
  return elsewhere;
}
