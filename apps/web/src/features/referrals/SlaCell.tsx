import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { DeadlineTag } from '../cases/DeadlineTag';
import { NONE } from '../cases/labels';
import type { WorkCalendar } from '../cases/working-days';
import type { Referral } from './api';

/** The running deadline in working days (red once overdue), "paused" with its reason while the clock stands still, or nothing. */
export function SlaCell({ sla, calendar }: { sla: Referral['sla']; calendar?: WorkCalendar }) {
  const { t } = useTranslation(['referrals', 'cases']);
  if (sla.paused) {
    return <Tag color="#595959">{sla.pauseReason ? t('referrals:sla.pausedBecause', { reason: t(`referrals:pauseReason.${sla.pauseReason}`) }) : t('cases:deadline.paused')}</Tag>;
  }
  if (sla.dueAt) return <DeadlineTag dueAt={sla.dueAt} overdue={sla.overdue} calendar={calendar} />;
  return <>{NONE}</>;
}

/** The calendar years a set of deadlines needs counted (this year and each due date's). */
export function deadlineYears(dues: readonly (string | null)[]): number[] {
  const years = dues.filter((due): due is string => due !== null).map((due) => Number(due.slice(0, 4)));
  return years.length ? [new Date().getFullYear(), ...years] : [];
}

/** "Urgent" in red, so it stands out in a list; "normal" as plain text. */
export function Priority({ value }: { value: string }) {
  const { t } = useTranslation('referrals');
  if (value === 'urgent') return <Tag color="#a8071a">{t('priority.urgent')}</Tag>;
  return <>{t('priority.normal')}</>;
}
