import { Alert, Button, Card, Descriptions, Empty, Flex, List, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, unwrap } from '../../../shared/api/client';
import { useErrorMessage } from '../../../shared/api/errors';
import { useMe } from '../../../shared/api/me';
import { useEducationForms, useSenCategories, useSpecialConditions } from '../../../shared/api/reference';
import { invalidateCase } from '../api/case';
import { formatDate } from '../dates';
import { NONE, useOrgName } from '../labels';
import type { Assessment } from '../types';

const RECOMMENDATION_SECTORS = ['education', 'health', 'social'] as const;

/**
 * PMPC conclusions: the current one first, then drafts, then superseded ones. Recommendations are the
 * ones the server returned (each sector reads its own); protocol notes appear only when sent (the
 * PMPC that wrote them).
 */
export function AssessmentsTab({ assessments }: { assessments: Assessment[] }) {
  const { t } = useTranslation('cases');
  return (
    <Flex vertical gap="middle">
      <OpenAssessment assessments={assessments} />
      {assessments.length === 0 && <Empty description={t('assessment.none')} />}
      {assessments.map((assessment) => (
        <AssessmentCard
          key={assessment.id}
          assessment={assessment}
          link={
            <Link to={`/assessments/${assessment.id}`}>
              {t(assessment.status === 'draft' ? 'assessment.continueDraft' : 'assessment.openConclusion', {
                date: formatDate(assessment.signedAt ?? assessment.openedAt),
              })}
            </Link>
          }
        />
      ))}
    </Flex>
  );
}

/**
 * "Open an assessment", offered to those GET /me allows while their PMPC has no draft of this child
 * (a draft is seen only by its own PMPC, so a draft in the list is ours): POST, then the new draft.
 */
function OpenAssessment({ assessments }: { assessments: Assessment[] }) {
  const { t } = useTranslation('cases');
  const { id: childId = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const open = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/children/{id}/assessments', { params: { path: { id: childId } }, body: {} })),
    onSuccess: async (draft) => {
      await invalidateCase(queryClient, childId);
      navigate(`/assessments/${draft.id}`);
    },
  });
  if (!me.data?.permissions.includes('create:Assessment') || assessments.some((assessment) => assessment.status === 'draft')) return null;
  const existingId = open.error instanceof ApiError && typeof open.error.problem.existingId === 'string' ? open.error.problem.existingId : null;
  return (
    <Flex vertical gap="small" align="flex-start">
      <Button key={open.isPending ? 'busy' : 'idle'} type="primary" onClick={() => open.mutate()} loading={open.isPending}>
        {t('assessment.open')}
      </Button>
      {open.isError && (
        <Alert
          type="error"
          showIcon
          title={message(open.error)}
          description={existingId ? <Link to={`/assessments/${existingId}`}>{t('assessment.openExisting')}</Link> : undefined}
        />
      )}
    </Flex>
  );
}

/** One conclusion or draft as every reader of the case may see it (also the read-only view of the assessment page). */
export function AssessmentCard({ assessment, link }: { assessment: Assessment; link?: ReactNode }) {
  const { t } = useTranslation('cases');
  const orgName = useOrgName();
  const senCategories = useSenCategories();
  const forms = useEducationForms();
  const conditions = useSpecialConditions();
  const recommendations = RECOMMENDATION_SECTORS.filter((sector) => assessment.recommendations[sector]);
  const title = assessment.signedAt
    ? t('assessment.title', { date: formatDate(assessment.signedAt) })
    : t('assessment.draftTitle', { date: formatDate(assessment.openedAt) });
  const categories = assessment.noSen ? (
    <Tag>{t('header.noSen')}</Tag>
  ) : assessment.senCategories.length ? (
    assessment.senCategories.map((code) => <Tag key={code}>{senCategories.data?.get(code) ?? code}</Tag>)
  ) : (
    NONE
  );
  return (
    <Card
      title={
        <Typography.Title level={2} className="card-title">
          {title}
        </Typography.Title>
      }
      extra={
        <Flex gap="middle" align="center">
          {link}
          <Tag color={assessment.status === 'signed' ? '#0b6e4f' : undefined}>{t(`assessment.statuses.${assessment.status}`)}</Tag>
        </Flex>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'pmpc', label: t('assessment.pmpc'), children: orgName(assessment.pmpc) },
          { key: 'categories', label: t('assessment.senCategories'), children: categories },
          { key: 'programme', label: t('assessment.programme'), children: assessment.programme ? t(`programme.${assessment.programme}`) : NONE },
          {
            key: 'form',
            label: t('assessment.form'),
            children: assessment.formOfEducation ? (forms.data?.get(assessment.formOfEducation) ?? assessment.formOfEducation) : NONE,
          },
          {
            key: 'conditions',
            label: t('assessment.conditions'),
            span: 'filled',
            children: assessment.specialConditions.length
              ? assessment.specialConditions.map((code) => <Tag key={code}>{conditions.data?.get(code) ?? code}</Tag>)
              : NONE,
          },
          { key: 'reviewDate', label: t('assessment.reviewDate'), children: assessment.reviewDate ? formatDate(assessment.reviewDate) : NONE },
          { key: 'signedBy', label: t('assessment.signedBy'), children: assessment.signedBy?.fullName ?? NONE },
        ]}
      />
      <Typography.Title level={3} className="case-subtitle">
        {t('assessment.recommendations')}
      </Typography.Title>
      {recommendations.length === 0 ? (
        <Typography.Paragraph>{t('assessment.noRecommendations')}</Typography.Paragraph>
      ) : (
        <Descriptions
          size="small"
          column={1}
          items={recommendations.map((sector) => ({
            key: sector,
            label: t(`assessment.recommendationFor.${sector}`),
            children: <span className="preserve-lines">{assessment.recommendations[sector]}</span>,
          }))}
        />
      )}
      {assessment.protocolNotes && (
        <section className="protocol-notes">
          <Typography.Title level={3} className="case-subtitle">
            {t('assessment.protocolNotes')}
          </Typography.Title>
          {assessment.protocolNotes.text && <Typography.Paragraph className="preserve-lines">{assessment.protocolNotes.text}</Typography.Paragraph>}
          {assessment.protocolNotes.findings.length > 0 && (
            <List
              size="small"
              header={<Typography.Text strong>{t('assessment.findings')}</Typography.Text>}
              dataSource={assessment.protocolNotes.findings}
              renderItem={(finding) => (
                <List.Item>
                  <Typography.Text strong>{t(`specialty.${finding.specialty}`)}:</Typography.Text> {finding.text ?? NONE}
                </List.Item>
              )}
            />
          )}
        </section>
      )}
    </Card>
  );
}
