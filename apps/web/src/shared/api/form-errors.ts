import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/i18n';
import type { Problem } from './client';
import { useErrorCatalogue } from './errors';
import { applyServerErrors, type FieldError } from './field-errors';

export { applyServerErrors, type FieldError, fieldPath } from './field-errors';

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
