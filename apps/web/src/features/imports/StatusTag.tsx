import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = { queued: 'default', running: 'processing', done: 'success' };

/** An import's status (queued, running, done) as a tag in the user's language. */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation('imports');
  return <Tag color={COLORS[status] ?? 'default'}>{t(`status.${status}`, { defaultValue: status })}</Tag>;
}
