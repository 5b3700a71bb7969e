import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/i18n/i18n';
import { deadlineState, type WorkCalendar } from './working-days';

// Dark enough to keep WCAG AA contrast as text on the tag's tint (antd's preset colours do not).
const OVERDUE = '#a8071a';
const SOON = '#ad4e00';
const RUNNING = '#0b6e4f';

/** "N working days left", "due today" or "overdue" for a deadline at `dueAt`; its exact time on hover. */
export function DeadlineTag({ dueAt, overdue, calendar }: { dueAt: string; overdue?: boolean; calendar?: WorkCalendar }) {
  const { t } = useTranslation('cases');
  const state = deadlineState(new Date(), new Date(dueAt), calendar);
  const late = overdue || state.overdue;
  const left = state.overdue ? 0 : state.workingDaysLeft;
  const text = late ? t('deadline.overdue') : left === 0 ? t('deadline.dueToday') : t('deadline.left', { count: left });
  return (
    <Tooltip title={t('deadline.dueAt', { time: formatDateTime(dueAt) })}>
      <Tag color={late ? OVERDUE : left <= 1 ? SOON : RUNNING}>{text}</Tag>
    </Tooltip>
  );
}
