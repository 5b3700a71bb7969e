import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSpecialConditions } from '../../shared/api/reference';
import { formatDate } from '../cases/dates';
import type { RosterItem } from './api';

// Dark enough to keep WCAG AA contrast as text on the tag's tint (antd's preset colours do not).
export const GOOD = '#0b6e4f';
export const BAD = '#a8071a';
export const NEUTRAL = '#595959';

/**
 * How a pupil's placement honours the child's current conclusion, as the server computed it (GET
 * /placements `provision`): the form, each special condition not provided, the plan and its review.
 */
export function ProvisionTags({ item }: { item: RosterItem }) {
  const { t } = useTranslation('placements');
  const conditions = useSpecialConditions();
  const { provision } = item;
  const reviewOn = item.planReviewDate ? formatDate(item.planReviewDate) : '';
  const form =
    provision.conclusionId === null
      ? { color: NEUTRAL, text: t('provision.noConclusion') }
      : provision.formMatches === null
        ? null
        : { color: provision.formMatches ? GOOD : BAD, text: t(provision.formMatches ? 'provision.formMatches' : 'provision.formDiffers') };
  const plan = !provision.planPresent
    ? { color: BAD, text: t('provision.noPlan') }
    : { color: provision.planOverdue ? BAD : GOOD, text: t(provision.planOverdue ? 'provision.planOverdue' : 'provision.planUntil', { date: reviewOn }) };
  return (
    <Flex gap={4} wrap>
      {form && <Tag color={form.color}>{form.text}</Tag>}
      {provision.missingConditions.map((condition) => (
        <Tag key={condition} color={BAD}>
          {t('provision.missing', { condition: conditions.data?.get(condition) ?? condition })}
        </Tag>
      ))}
      {provision.conclusionId !== null && provision.missingConditions.length === 0 && <Tag color={GOOD}>{t('provision.conditionsProvided')}</Tag>}
      <Tag color={plan.color}>{plan.text}</Tag>
    </Flex>
  );
}
