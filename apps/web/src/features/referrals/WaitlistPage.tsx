import { Alert, Button, Card, Empty, Flex, Skeleton, Statistic, Table, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../shared/api/errors';
import { useMe } from '../../shared/api/me';
import { useServiceTypes } from '../../shared/api/reference';
import { formatDate } from '../cases/dates';
import { fullName, NONE, useOrgName } from '../cases/labels';
import { availableActions } from './actions';
import { type Referral, useTransition, useWaitlist, type Waitlist } from './api';
import { Priority } from './SlaCell';
import { LoadFailed } from '../../shared/ui/load-states';
import './referrals.css';

type Item = Waitlist['items'][number];

/** /waitlist — the organisation's waiting list: its places, and the children waiting in order (urgent first), each acceptable from here. */
export function WaitlistPage() {
  const me = useMe();
  useWaitlist(me.data?.organization?.id);
  useServiceTypes();
  return (
    <Suspense fallback={<Skeleton active />}>
      <WaitlistScreen />
    </Suspense>
  );
}

function WaitlistScreen() {
  const { t } = useTranslation(['referrals', 'common']);
  const me = useMe();
  const orgId = me.data?.organization?.id;
  const waitlist = useWaitlist(orgId);
  const serviceTypes = useServiceTypes();
  const orgName = useOrgName();

  if (me.isPending) return <Skeleton active />;
  if (me.data && !orgId) return <Alert type="info" showIcon title={t('referrals:waitlist.noOrganization')} />;
  const capacity = waitlist.data?.capacity ?? null;
  const taken = waitlist.data?.placesTaken ?? 0;

  return (
    <section aria-labelledby="waitlist-title" className="referrals-page waitlist-page">
      <Typography.Title level={1} id="waitlist-title">
        {t('referrals:waitlist.title')}
      </Typography.Title>
      {me.data?.organization && <Typography.Paragraph>{orgName(me.data.organization)}</Typography.Paragraph>}
      {waitlist.isError && <LoadFailed error={waitlist.error} retry={() => void waitlist.refetch()} />}
      {waitlist.isPending && !waitlist.isError && <Skeleton active />}
      {waitlist.isSuccess && (
        <>
          <Card>
            <Flex gap={48} wrap>
              <Statistic title={t('referrals:waitlist.capacity')} value={capacity === null ? t('referrals:refer.noLimit') : capacity} />
              <Statistic title={t('referrals:waitlist.placesTaken')} value={taken} />
              <Statistic title={t('referrals:waitlist.freePlaces')} value={capacity === null ? t('referrals:refer.noLimit') : Math.max(0, capacity - taken)} />
              <Statistic title={t('referrals:waitlist.waiting')} value={waitlist.data.items.length} />
            </Flex>
          </Card>
          <Table<Item>
            rowKey={(item) => item.referral.id}
            dataSource={waitlist.data.items}
            pagination={false}
            locale={{ emptyText: <Empty description={t('referrals:waitlist.none')} /> }}
            columns={[
              { key: 'position', title: t('referrals:waitlist.position'), render: (_, item) => item.position },
              {
                key: 'child',
                title: t('referrals:list.columns.child'),
                render: (_, { referral }) => (
                  <>
                    <Link to={`/referrals/${referral.id}`}>{referral.child ? fullName(referral.child) : t('referrals:hiddenChild')}</Link>
                    {referral.child && <span className="secondary-line">{formatDate(referral.child.birthDate)}</span>}
                  </>
                ),
              },
              { key: 'service', title: t('referrals:list.columns.service'), render: (_, { referral }) => serviceTypes.data?.get(referral.serviceType) ?? referral.serviceType },
              {
                key: 'priority',
                title: t('referrals:list.columns.priority'),
                render: (_, { referral }) => <Priority value={referral.priority} />,
              },
              { key: 'from', title: t('referrals:list.columns.from'), render: (_, { referral }) => orgName(referral.fromOrg) ?? NONE },
              // Waiting since the organisation put the child on its list (its answer to the referral).
              { key: 'since', title: t('referrals:waitlist.since'), render: (_, { referral }) => formatDate(referral.respondedAt ?? referral.sentAt ?? referral.createdAt) },
              {
                key: 'accept',
                title: t('referrals:waitlist.action'),
                render: (_, { referral }) => <AcceptButton referral={referral} />,
              },
            ]}
          />
        </>
      )}
    </section>
  );
}

/** Accept from the list (when this user may answer referrals); a refusal (a place no longer free…) in the catalogue's words, under the button. */
function AcceptButton({ referral }: { referral: Referral }) {
  const { t } = useTranslation('referrals');
  const message = useErrorMessage();
  const me = useMe();
  const transition = useTransition(referral);
  const [error, setError] = useState<unknown>(null);
  if (!availableActions(referral, me.data?.organization?.id, me.data?.permissions ?? []).includes('accept')) return null;
  const name = referral.child ? fullName(referral.child) : t('hiddenChild');
  return (
    <>
      <Button
        aria-label={t('waitlist.acceptChild', { name })}
        loading={transition.isPending}
        onClick={() => {
          setError(null);
          transition.mutateAsync({ event: 'accept' }).catch(setError);
        }}
      >
        {t('actions.accept')}
      </Button>
      {error !== null && (
        <Typography.Text type="danger" role="alert" className="secondary-line">
          {message(error)}
        </Typography.Text>
      )}
    </>
  );
}
