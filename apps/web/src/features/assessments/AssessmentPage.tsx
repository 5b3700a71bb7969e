import { Button, Flex, Skeleton, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMe } from '../../shared/api/me';
import { useEducationForms, useSenCategories, useSpecialConditions } from '../../shared/api/reference';
import { Unavailable } from '../../shared/ui/load-states';
import { useCase } from '../cases/api/case';
import { formatDate } from '../cases/dates';
import { fullName, useOrgName } from '../cases/labels';
import { type Assessment, useAssessment } from './api';
import { ConclusionView } from './ConclusionView';
import { DraftScreen } from './DraftScreen';
import './assessments.css';

/**
 * /assessments/:id — a PMPC assessment: the draft form with the commission's confirmations and the
 * head's signature, or, once signed, the conclusion as it was frozen with its printable PDF. Every query
 * the screen needs starts here at once, before the translations have loaded (no waterfall).
 */
export function AssessmentPage() {
  const { id = '' } = useParams();
  useAssessment(id);
  useMe();
  useSenCategories();
  useEducationForms();
  useSpecialConditions();
  return (
    <Suspense fallback={<Skeleton active />}>
      <AssessmentScreen id={id} />
    </Suspense>
  );
}

function AssessmentScreen({ id }: { id: string }) {
  const found = useAssessment(id);
  if (found.isPending) return <Skeleton active />;
  if (found.isError) return <AssessmentUnavailable error={found.error} retry={() => void found.refetch()} />;
  return (
    <article className="assessment-page" aria-labelledby="assessment-title">
      <AssessmentHeading assessment={found.data} />
      {found.data.status === 'draft' ? (
        <DraftScreen assessment={found.data} reload={() => void found.refetch()} />
      ) : (
        <ConclusionView assessment={found.data} />
      )}
    </article>
  );
}

/** Whose assessment this is (the child's name from the case, when the case loads), its state and who opened it. */
function AssessmentHeading({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation(['assessments', 'common']);
  const orgName = useOrgName();
  const child = useCase(assessment.childId);
  const identity = child.data?.identity;
  const heading = assessment.status === 'draft' ? t('draftTitle') : t('conclusionTitle');
  return (
    <header className="assessment-heading">
      <Link to={`/cases/${assessment.childId}?tab=assessments`}>{t('backToCase')}</Link>
      <Flex align="center" gap="small" wrap>
        <Typography.Title level={1} id="assessment-title" className="assessment-title">
          {identity ? `${heading}: ${fullName(identity)}` : heading}
        </Typography.Title>
        <Tag color={assessment.status === 'signed' ? '#0b6e4f' : undefined}>{t(`statuses.${assessment.status}`)}</Tag>
      </Flex>
      <Typography.Text type="secondary">
        {t('openedBy', { date: formatDate(assessment.openedAt), name: assessment.openedBy.fullName, pmpc: orgName(assessment.pmpc) ?? '' })}
      </Typography.Text>
    </header>
  );
}

/** An assessment that does not exist, another PMPC's draft, or one on a case not this user's all look the same: the server answers 404. */
function AssessmentUnavailable({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation('assessments');
  const navigate = useNavigate();
  const home = <Button key="home" onClick={() => navigate('/')}>{t('notFound.back')}</Button>;
  return <Unavailable error={error} retry={retry} title={t('notFound.title')} actions={[home]} />;
}
