import { Button, Skeleton, Tabs } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { useCase, useChildReferrals } from './api/case';
import { useMe } from '../../shared/api/me';
import { BreakGlassBanner } from '../health/BreakGlassBanner';
import { DiagnosisForm } from '../health/DiagnosisForm';
import { DisabilityForm } from '../health/DisabilityForm';
import { breakGlassUntil } from '../health/api';
import { useEducationForms, useRegions, useSenCategories } from '../../shared/api/reference';
import { Unavailable } from '../../shared/ui/load-states';
import { CaseHeader } from './CaseHeader';
import { AccessLogTab } from './tabs/AccessLogTab';
import { AssessmentsTab } from './tabs/AssessmentsTab';
import { ConsentsTab } from './tabs/ConsentsTab';
import { DiagnosesTab } from './tabs/DiagnosesTab';
import { DisabilityTab } from './tabs/DisabilityTab';
import { IdentityTab } from './tabs/IdentityTab';
import { PlacementsTab } from './tabs/PlacementsTab';
import { ReferralsTab } from './tabs/ReferralsTab';
import { TimelineTab } from './tabs/TimelineTab';
import type { CaseView } from './types';
import './case-page.css';

/**
 * /cases/:id — the case page. Every query the page needs starts here, at once, before its translations
 * have loaded (no waterfall); the screen below waits for the `cases` namespace.
 */
export function CasePage() {
  const { id = '' } = useParams();
  // Opening the page always reads the case afresh: what a user may see changes without them (a consent
  // withdrawn by the family, a break-glass window that ended), and a cached view would still show it.
  useCase(id, { refetchOnMount: 'always', refetchOnWindowFocus: true });
  useChildReferrals(id);
  useRegions();
  useSenCategories();
  useEducationForms();
  return (
    <Suspense fallback={<Skeleton active />}>
      <CaseScreen id={id} />
    </Suspense>
  );
}

function CaseScreen({ id }: { id: string }) {
  const { t } = useTranslation(['cases', 'common']);
  const found = useCase(id);
  if (found.isPending) return <Skeleton active />;
  if (found.isError) return <CaseUnavailable error={found.error} retry={() => void found.refetch()} />;
  return (
    <article className="case-page" aria-label={t('cases:title')}>
      <BreakGlassBanner childId={found.data.id} />
      <CaseHeader view={found.data} />
      <CaseTabs view={found.data} />
    </article>
  );
}

/**
 * One tab per section the server sent (it leaves out what this user may not see), then the timeline
 * and the access log, which everyone who may open the case may read. Never decided by role.
 */
function CaseTabs({ view }: { view: CaseView }) {
  const { t } = useTranslation('cases');
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const can = (permission: string) => me.data?.permissions.includes(permission) ?? false;
  const has = (section: string) => Object.prototype.hasOwnProperty.call(view, section);
  const tabs = [
    (has('identity') || has('guardians')) && { key: 'identity', label: t('tabs.identity'), children: <IdentityTab view={view} /> },
    has('consents') && { key: 'consents', label: t('tabs.consents'), children: <ConsentsTab childId={view.id} consents={view.consents ?? []} guardians={view.guardians} /> },
    has('assessments') && { key: 'assessments', label: t('tabs.assessments'), children: <AssessmentsTab assessments={view.assessments ?? []} /> },
    has('diagnoses') && { key: 'diagnoses', label: t('tabs.diagnoses'), children: (
        <>
          {can('record_diagnosis:Child') && <DiagnosisForm childId={view.id} />}
          <DiagnosesTab diagnoses={view.diagnoses ?? []} />
        </>
      ),
    },
    has('disability') && { key: 'disability', label: t('tabs.disability'), children: (
        <>
          {/* A break-glass window lets a health worker record a diagnosis, not a disability (BREAK_GLASS_ALLOWS). */}
          {can('record_disability:Child') && !breakGlassUntil(view.id) && <DisabilityForm childId={view.id} />}
          <DisabilityTab childId={view.id} current={view.disability ?? null} />
        </>
      ),
    },
    has('placements') && { key: 'placements', label: t('tabs.placements'), children: <PlacementsTab childId={view.id} placements={view.placements ?? []} /> },
    has('referrals') && { key: 'referrals', label: t('tabs.referrals'), children: <ReferralsTab referrals={view.referrals ?? []} /> },
    { key: 'timeline', label: t('tabs.timeline'), children: <TimelineTab childId={view.id} /> },
    { key: 'access-log', label: t('tabs.accessLog'), children: <AccessLogTab childId={view.id} /> },
  ].filter((tab) => tab !== false);
  const requested = params.get('tab');
  const active = tabs.some((tab) => tab.key === requested) ? requested! : tabs[0].key;
  return (
    <Tabs
      className="case-tabs"
      aria-label={t('sectionsLabel')}
      activeKey={active}
      onChange={(key) => setParams((current) => ({ ...Object.fromEntries(current), tab: key }), { replace: true })}
      items={tabs}
      tabBarGutter={24}
      destroyOnHidden
    />
  );
}

/** A merged-away case's 404 names the record it was merged into: offer to open that one. */
function CaseUnavailable({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation(['cases', 'common']);
  const navigate = useNavigate();
  const mergedInto = error instanceof ApiError && typeof error.problem.mergedInto === 'string' ? error.problem.mergedInto : null;
  return (
    <Unavailable
      error={error}
      retry={retry}
      title={t('cases:notFound.title')}
      actions={[
        mergedInto && (
          <Button key="merged" type="primary" onClick={() => navigate(`/cases/${mergedInto}`)}>
            {t('cases:notFound.openMerged')}
          </Button>
        ),
        <Button key="home" onClick={() => navigate('/')}>
          {t('cases:notFound.back')}
        </Button>,
      ]}
    />
  );
}
