import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Language, LANGUAGES, rememberLanguage } from '../shared/i18n/i18n';

const NAMES: Record<Language, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/** Kazakh, Russian or English; the choice is remembered on this device. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select<Language>
      aria-label={t('language')}
      className="language-switch"
      value={i18n.language as Language}
      options={LANGUAGES.map((value) => ({ value, label: NAMES[value] }))}
      onChange={(language) => {
        rememberLanguage(language);
        void i18n.changeLanguage(language);
      }}
    />
  );
}
