import dayjs from 'dayjs';
import 'dayjs/locale/kk';
import 'dayjs/locale/ru';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** antd's DatePicker names months and weekdays through dayjs: in the user's language, following the switch. */
export function useDayjsLocale(): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    dayjs.locale(i18n.language === 'kk' || i18n.language === 'ru' ? i18n.language : 'en');
  }, [i18n.language]);
}
