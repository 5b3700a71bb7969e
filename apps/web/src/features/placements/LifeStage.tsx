import { Alert, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../cases/dates';
import { useTransitions } from './api';
import { BAD, GOOD } from './ProvisionTags';
import './placements.css';

/**
 * The child's life stage and the transitions due next (GET /children/:id/transitions): school entry,
 * finishing grade 9 or 11, the conclusion's or the plan's review. Shown inside the case's placements
 * section, which is where the server lets a reader see them; a refusal shows nothing more.
 */
export function LifeStage({ childId }: { childId: string }) {
  const { t } = useTranslation('placements');
  const transitions = useTransitions(childId);
  if (!transitions.data) return null;
  const { stage, ageYears, due } = transitions.data;
  return (
    <section aria-labelledby="life-stage-title" className="life-stage">
      <Flex gap="small" align="center" wrap>
        <Typography.Text strong id="life-stage-title">
          {t('lifeStage.title')}
        </Typography.Text>
        <Tag color={GOOD}>{t(`lifeStage.stages.${stage}`)}</Tag>
        <Typography.Text type="secondary">{t('lifeStage.age', { count: ageYears })}</Typography.Text>
      </Flex>
      {due.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="life-stage-due"
          title={t('lifeStage.due')}
          description={
            <ul className="warning-list">
              {due.map((item) => (
                <li key={`${item.kind}-${item.dueOn}`}>
                  {t(`transition.${item.kind}`)} — <Tag color={item.overdue ? BAD : GOOD}>{t(item.overdue ? 'transition.wasDue' : 'transition.dueOn', { date: formatDate(item.dueOn) })}</Tag>
                </li>
              ))}
            </ul>
          }
        />
      )}
    </section>
  );
}
