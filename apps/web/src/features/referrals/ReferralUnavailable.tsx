import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Unavailable } from '../../shared/ui/load-states';

/** A referral (or the case to refer from) that is missing or not this organisation's: back to the list. */
export function ReferralUnavailable({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation('referrals');
  const navigate = useNavigate();
  const back = (
    <Button key="back" type="primary" onClick={() => navigate('/referrals')}>
      {t('notFound.back')}
    </Button>
  );
  return <Unavailable error={error} retry={retry} title={t('notFound.title')} actions={[back]} />;
}
