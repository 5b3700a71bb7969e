import { useQueryClient } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api/client';
import { currentTokens } from '../shared/api/session';
import { type Language, LANGUAGES, rememberLanguage } from '../shared/i18n/i18n';

const NAMES: Record<Language, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/** Kazakh, Russian or English; remembered on this device and, once signed in, on the user (PATCH /me). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <Select<Language>
      aria-label={t('language')}
      className="language-switch"
      value={i18n.language as Language}
      options={LANGUAGES.map((value) => ({ value, label: NAMES[value] }))}
      onChange={(language) => {
        rememberLanguage(language);
        void i18n.changeLanguage(language);
        if (currentTokens()) {
          void api.PATCH('/api/v1/me', { body: { locale: language } }).then(() => queryClient.invalidateQueries({ queryKey: ['me'] }));
        }
      }}
    />
  );
}
