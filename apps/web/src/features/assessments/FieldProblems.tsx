import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import type { FieldError } from '../../shared/api/form-errors';

/** A problem's field errors as a list a person can act on: the field's name, then the catalogue's words for the code. */
export function FieldProblems({ errors }: { errors: FieldError[] }) {
  const { t, i18n } = useTranslation('assessments');
  const message = useErrorMessage();
  const fieldName = (field: string) => {
    const key = `fields.${field.replace(/[[.].*$/, '')}`;
    return i18n.exists(key, { ns: 'assessments' }) ? t(key) : field;
  };
  return (
    <ul className="field-problems">
      {errors.map((error, index) => (
        <li key={`${error.field}-${error.code}-${index}`}>{`${fieldName(error.field)}: ${message(new ApiError({ status: 400, code: error.code, title: error.message }))}`}</li>
      ))}
    </ul>
  );
}
