import { useTranslation } from 'react-i18next';

/**
 * What a unit of the service is called: a social worker visits the family (social support), a
 * specialist holds sessions (everything else). The words come from the `social` namespace for visits and
 * from `referrals` otherwise; the API and the data are the same service episodes and sessions.
 */
export type ServiceWord = 'title' | 'log' | 'none' | 'childAttended' | 'attended' | 'episodeCount' | 'attendedOf';

const SESSION_KEYS: Record<ServiceWord, string> = {
  title: 'referrals:sessions.title',
  log: 'referrals:sessions.log',
  none: 'referrals:sessions.none',
  childAttended: 'referrals:sessions.childAttended',
  attended: 'referrals:sessions.attended',
  episodeCount: 'referrals:episode.sessions',
  attendedOf: 'cases:referral.sessions',
};

export function useServiceWords(serviceType: string): (word: ServiceWord, values?: Record<string, number>) => string {
  const visits = serviceType === 'social_support';
  // Both namespaces always, so the screen never waits again when the referral's type becomes known.
  const { t } = useTranslation(['referrals', 'social', 'cases']);
  return (word, values) => (visits ? t(`social:visits.${word}`, values) : t(SESSION_KEYS[word], values));
}
