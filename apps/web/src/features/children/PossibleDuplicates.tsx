import { Alert, Button, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, type Problem } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { type DuplicatesQuery, useDuplicates, useRegionName } from './api';
import { formatDate } from '../cases/dates';
import { fullName } from '../cases/labels';

interface Props {
  problem: Problem;
  /** The name and date of birth that were sent, to read the look-alikes' names (the 409 names only ids). */
  query: DuplicatesQuery;
  busy: boolean;
  onRegisterAnyway(): void;
}

/**
 * 409 POSSIBLE_DUPLICATE: the look-alikes I may see, each a link to its case, how many others exist
 * that I may not, and "register anyway" (the same data again with confirmNew: true, audited).
 */
export function PossibleDuplicates({ problem, query, busy, onRegisterAnyway }: Props) {
  const { t } = useTranslation('children');
  const message = useErrorMessage();
  const regionName = useRegionName();
  const candidates = Array.isArray(problem.candidates) ? (problem.candidates as { id: string }[]) : [];
  const others = typeof problem.otherCandidates === 'number' ? problem.otherCandidates : 0;
  const lookAlikes = useDuplicates(candidates.length ? query : null);
  const identities = new Map(lookAlikes.data?.items.map((item) => [item.id, item.identity]));

  return (
    <Alert
      type="warning"
      showIcon
      className="possible-duplicates"
      title={message(new ApiError(problem))}
      description={
        <>
          {candidates.length > 0 && (
            <>
              <Typography.Paragraph>{t('duplicatesIntro')}</Typography.Paragraph>
              {lookAlikes.isPending ? (
                <Skeleton active title={false} paragraph={{ rows: candidates.length }} />
              ) : (
                <ul className="candidates">
                  {candidates.map(({ id }) => {
                    const identity = identities.get(id);
                    const region = identity ? regionName(identity.kato) : undefined;
                    return (
                      <li key={id}>
                        <Link to={`/cases/${id}`}>
                          {identity ? [fullName(identity), formatDate(identity.birthDate), identity.iin, region].filter(Boolean).join(' · ') : t('candidateCase')}
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              )}
            </>
          )}
          {others > 0 && <Typography.Paragraph>{t('othersHidden', { count: others })}</Typography.Paragraph>}
          <Button key={busy ? 'busy' : 'idle'} onClick={onRegisterAnyway} loading={busy}>
            {t('registerAnyway')}
          </Button>
        </>
      }
    />
  );
}
