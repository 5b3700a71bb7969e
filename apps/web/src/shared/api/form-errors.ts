import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/i18n';
import type { Problem } from './client';
import { useErrorCatalogue } from './errors';

export type FieldError = NonNullable<Problem['errors']>[number];

/** An API field path in dotted form: some libs write `specialists[0].userId`, others `guardians.0.iin`. */
const dotted = (field: string) => field.replace(/\[([0-9]+)\]/g, '.$1');

/** `guardians.0.iin` or `guardians[0].iin` (the API's field path) → `['guardians', 0, 'iin']` (an antd name path). */
export function fieldPath(field: string): (string | number)[] {
  return dotted(field).split('.').map((part) => (/^[0-9]+$/.test(part) ? Number(part) : part));
}

/**
 * Puts a 400/422 problem's field errors (`errors[].field`) under the form's fields, each message the
 * catalogue's title for its `code` in the user's language (`titleOf`), falling back to the server's
 * own message. Returns the errors of fields the form does not have, for the page to show above it.
 */
export function applyServerErrors(
  form: Pick<FormInstance, 'setFields' | 'getFieldsError'>,
  problem: Pick<Problem, 'errors'>,
  titleOf: (code: string) => string | undefined,
): FieldError[] {
  const registered = new Set(form.getFieldsError().map((field) => field.name.join('.')));
  const byField = new Map<string, string[]>();
  const elsewhere: FieldError[] = [];
  for (const error of problem.errors ?? []) {
    if (!registered.has(dotted(error.field))) {
      elsewhere.push(error);
      continue;
    }
    const message = titleOf(error.code) ?? error.message;
    const messages = byField.get(dotted(error.field)) ?? [];
    if (!messages.includes(message)) messages.push(message);
    byField.set(dotted(error.field), messages);
  }
  form.setFields([...byField].map(([field, errors]) => ({ name: fieldPath(field), errors })));
  return elsewhere;
}

/** The name paths of the leaves in an antd `onValuesChange` object: `{ guardians: [{ phone }] }` → `[['guardians', 0, 'phone']]`. */
function changedPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => (item === undefined ? [] : changedPaths(item, [...prefix, index])));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([key, item]) => changedPaths(item, [...prefix, key]));
  }
  return [prefix];
}

/**
 * For `onValuesChange`: a field the user changes loses the server's error on it (a field with rules
 * is validated again right after; one without rules would otherwise keep the stale error).
 */
export function clearServerErrors(form: Pick<FormInstance, 'setFields' | 'getFieldError'>, changedValues: unknown): void {
  const stale = changedPaths(changedValues).filter((name) => name.length > 0 && form.getFieldError(name).length > 0);
  if (stale.length) form.setFields(stale.map((name) => ({ name, errors: [] })));
}

/** applyServerErrors with the error-code catalogue in the user's language: `(form, problem) => fields the form lacks`. */
export function useApplyServerErrors(): (form: Pick<FormInstance, 'setFields' | 'getFieldsError'>, problem: Pick<Problem, 'errors'>) => FieldError[] {
  const { data: catalogue } = useErrorCatalogue();
  const { i18n } = useTranslation();
  return (form, problem) => applyServerErrors(form, problem, (code) => catalogue?.get(code)?.title[i18n.language as Language]);
}
