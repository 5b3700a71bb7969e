import { App, Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../shared/api/errors';
import { formatDate } from '../cases/dates';
import { AssessmentCard } from '../cases/tabs/AssessmentsTab';
import { type Assessment, type PdfLanguage, useDownloadConclusion } from './api';
import { CommissionList } from './CommissionList';

const PDF_LANGUAGES: readonly PdfLanguage[] = ['kk', 'ru'];

/**
 * A signed (or superseded) conclusion, read-only: the same card the case page shows, who confirmed
 * and when, and the printable PDF in Kazakh or Russian (the languages of documents here).
 */
export function ConclusionView({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation('assessments');
  const { message: toast } = App.useApp();
  const errorMessage = useErrorMessage();
  const download = useDownloadConclusion(assessment.id);
  return (
    <Flex vertical gap="middle">
      {assessment.status === 'superseded' && (
        <Typography.Paragraph className="superseded-note">
          {t('supersededOn', { date: assessment.supersededAt ? formatDate(assessment.supersededAt) : '' })}{' '}
          {assessment.supersededById && <Link to={`/assessments/${assessment.supersededById}`}>{t('openLatest')}</Link>}
        </Typography.Paragraph>
      )}
      <Card title={<h2 className="card-title">{t('pdf.title')}</h2>}>
        <Flex gap="middle" wrap>
          {PDF_LANGUAGES.map((lang) => (
            <Button
              key={lang}
              type={lang === 'kk' ? 'primary' : 'default'}
              loading={download.isPending && download.variables === lang}
              onClick={() => download.mutate(lang, { onError: (error) => toast.error(errorMessage(error)) })}
            >
              {t(`pdf.${lang}`)}
            </Button>
          ))}
        </Flex>
      </Card>
      <AssessmentCard assessment={assessment} />
      <Card title={<h2 className="card-title">{t('commission.title')}</h2>}>
        <CommissionList commission={assessment.commission} />
      </Card>
    </Flex>
  );
}
