import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { almatyToday, checkIin } from '../../shared/iin';

/**
 * The IIN rules, the server's own (shared/iin.ts): a wrong digit is said as soon as the twelfth is typed
 * (or a letter at once), a number left short when the field is left; nothing is sent while it is wrong.
 * `t` is the `children` namespace's. Use with validateTrigger={IIN_VALIDATE_TRIGGER} and normalize={digitsOnly}.
 */
export function iinRules(t: TFunction, required: boolean): FormRule[] {
  return [
    ...(required ? [{ required: true, message: t('iinRequired') }] : []),
    {
      validator: async (_, value?: string) => {
        if (!value) return;
        if (!/^[0-9]*$/.test(value) || value.length > 12) throw new Error(t('iinProblem.FORMAT'));
        if (value.length < 12) return;
        const result = checkIin(value, almatyToday());
        if (!result.valid) throw new Error(t(`iinProblem.${result.problem}`));
      },
    },
    {
      validateTrigger: 'onBlur',
      validator: async (_, value?: string) => {
        if (value && value.length < 12) throw new Error(t('iinProblem.FORMAT'));
      },
    },
  ];
}

export const IIN_VALIDATE_TRIGGER = ['onChange', 'onBlur'];

/** People paste IINs with spaces ("190514 600122"); the number is the digits. */
export const digitsOnly = (value?: string) => value?.replace(/\s+/g, '');
