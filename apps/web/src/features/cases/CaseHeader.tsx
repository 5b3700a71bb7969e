import { Descriptions, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChildReferrals } from './api/case';
import { useEducationForms, useRegions, useSenCategories, useServiceTypes } from '../../shared/api/reference';
import { useWorkCalendar } from './api/calendar';
import { DeadlineTag } from './DeadlineTag';
import { ageInYears, almatyDate, formatDate } from './dates';
import { fullName, NONE } from './labels';
import type { CaseView, Consent } from './types';

/** A region is named by the first two digits of any KATO inside it. */
export const regionKato = (kato: string) => `${kato.slice(0, 2)}0000000`;

export function consentLabelKey(consent: Pick<Consent, 'kind' | 'sector'>): string {
  return consent.kind === 'data_sharing' ? 'consentTag.data_sharing' : `consentTag.${consent.kind}`;
}

/**
 * The case's sticky header: who the child is (name, IIN, age, region), the current signed conclusion,
 * the consents in force and the running deadlines of the child's referrals. Each part shows only when
 * the server sent the section it comes from.
 */
export function CaseHeader({ view }: { view: CaseView }) {
  const { t } = useTranslation('cases');
  const regions = useRegions();
  const senCategories = useSenCategories();
  const forms = useEducationForms();
  const identity = view.identity;
  const today = almatyDate(new Date());
  const conclusion = view.assessments?.find((assessment) => assessment.status === 'signed');
  const activeConsents = (view.consents ?? []).filter((consent) => consent.active);

  const facts = identity
    ? [
        { key: 'iin', label: t('header.iin'), children: identity.iin ?? <Tag>{t('header.iinPending')}</Tag> },
        { key: 'age', label: t('header.age'), children: t('header.years', { count: ageInYears(identity.birthDate, today) }) },
        { key: 'birthDate', label: t('header.birthDate'), children: formatDate(identity.birthDate) },
        { key: 'region', label: t('header.region'), children: regions.data?.get(regionKato(identity.kato)) ?? NONE },
      ]
    : [];

  return (
    <section className="case-header" aria-labelledby="case-title">
      <Flex align="center" gap="small" wrap>
        <Typography.Title level={1} className="case-title" id="case-title">
          {identity ? fullName(identity) : t('title')}
        </Typography.Title>
        {view.status === 'closed' && <Tag>{t('header.closed')}</Tag>}
      </Flex>
      {facts.length > 0 && <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} items={facts} />}
      {view.assessments !== undefined && (
        <Flex gap="small" wrap align="baseline" className="case-header-row">
          <Typography.Text strong>{t('header.conclusion')}:</Typography.Text>
          {!conclusion ? (
            <Typography.Text>{t('header.noConclusion')}</Typography.Text>
          ) : (
            <>
              {conclusion.noSen ? (
                <Tag>{t('header.noSen')}</Tag>
              ) : (
                conclusion.senCategories.map((code) => <Tag key={code}>{senCategories.data?.get(code) ?? code}</Tag>)
              )}
              {conclusion.formOfEducation && (
                <Typography.Text>
                  {t('header.formOfEducation')}: {forms.data?.get(conclusion.formOfEducation) ?? conclusion.formOfEducation}
                </Typography.Text>
              )}
              {conclusion.signedAt && <Typography.Text type="secondary">({t('header.signedOn', { date: formatDate(conclusion.signedAt) })})</Typography.Text>}
            </>
          )}
        </Flex>
      )}
      {view.consents !== undefined && (
        <Flex gap="small" wrap align="baseline" className="case-header-row">
          <Typography.Text strong>{t('header.consents')}:</Typography.Text>
          {activeConsents.length === 0 ? (
            <Typography.Text>{t('header.noConsents')}</Typography.Text>
          ) : (
            activeConsents.map((consent) => (
              <Tag key={consent.id}>{t(consentLabelKey(consent), { sector: consent.sector ? t(`sector.${consent.sector}`) : '' })}</Tag>
            ))
          )}
        </Flex>
      )}
      <Deadlines childId={view.id} />
    </section>
  );
}

/** The running deadlines (GET /referrals?childId=, slaDueAt set) of the referrals this organisation sends or receives. */
function Deadlines({ childId }: { childId: string }) {
  const { t } = useTranslation('cases');
  const referrals = useChildReferrals(childId);
  const serviceTypes = useServiceTypes();
  const running = (referrals.data?.items ?? []).filter((referral) => referral.slaDueAt);
  const years = running.map((referral) => Number(almatyDate(new Date(referral.slaDueAt!)).slice(0, 4)));
  const calendar = useWorkCalendar(running.length ? [Number(almatyDate(new Date()).slice(0, 4)), ...years] : []);
  if (running.length === 0) return null;
  return (
    <Flex gap="small" wrap align="baseline" className="case-header-row">
      <Typography.Text strong>{t('header.deadlines')}:</Typography.Text>
      {running.map((referral) => (
        <span key={referral.id} className="case-deadline">
          <Typography.Text>{serviceTypes.data?.get(referral.serviceType) ?? referral.serviceType}</Typography.Text>{' '}
          <DeadlineTag dueAt={referral.slaDueAt!} overdue={referral.sla.overdue} calendar={calendar} />
        </span>
      ))}
    </Flex>
  );
}
