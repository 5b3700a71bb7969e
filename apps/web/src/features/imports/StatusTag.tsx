import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';


/** An import's status (queued, running, done) as a tag in the user's language (colours in imports.css: antd's fall short of AA contrast). */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation('imports');
  return <Tag className={`import-status import-status-${status}`}>{t(`status.${status}`, { defaultValue: status })}</Tag>;
}
