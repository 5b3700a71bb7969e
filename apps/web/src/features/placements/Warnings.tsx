import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEducationForms, useSpecialConditions } from '../../shared/api/reference';
import type { PlacementWarning } from './api';

/**
 * What a proposal, activation, enrolment or transfer saved but flags: the placement does not follow the
 * child's current conclusion (another form, a special condition not provided) or there is no signed
 * conclusion to follow. Warnings, not refusals: they are not problem codes, so they are not in the
 * error catalogue (libs/core/errors/error-codes.spec.ts keeps them out); each code is said here, in
 * the user's language, with the form and condition named from the reference lists.
 */
export function PlacementWarnings({ warnings }: { warnings: readonly PlacementWarning[] }) {
  const { t } = useTranslation('placements');
  const forms = useEducationForms();
  const conditions = useSpecialConditions();
  if (warnings.length === 0) return null;
  const form = (code?: string | null) => (code ? (forms.data?.get(code) ?? code) : '');
  const line = (warning: PlacementWarning) => {
    switch (warning.code) {
      case 'FORM_DIFFERS_FROM_CONCLUSION':
        return t('warnings.FORM_DIFFERS_FROM_CONCLUSION', { recommended: form(warning.recommendedForm), form: form(warning.form) });
      case 'CONDITION_NOT_PROVIDED':
        return t('warnings.CONDITION_NOT_PROVIDED', { condition: conditions.data?.get(warning.condition ?? '') ?? warning.condition ?? '' });
      case 'NO_SIGNED_CONCLUSION':
        return t('warnings.NO_SIGNED_CONCLUSION');
      default:
        return warning.message;
    }
  };
  return (
    <Alert
      className="placement-warnings"
      type="warning"
      showIcon
      role="status"
      title={t('warnings.title')}
      description={
        <ul className="warning-list">
          {warnings.map((warning, index) => (
            <li key={`${warning.code}-${warning.condition ?? index}`} data-code={warning.code}>
              {line(warning)}
            </li>
          ))}
        </ul>
      }
    />
  );
}
