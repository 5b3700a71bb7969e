import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../shared/api/errors';

/** The end of every admin dialog's form: a refusal that names no field, then save and cancel. */
export function FormFooter({ error, saving, onCancel }: { error: unknown; saving: boolean; onCancel(): void }) {
  const { t } = useTranslation('admin');
  const message = useErrorMessage();
  return (
    <>
      {error !== null && <Alert type="error" showIcon role="alert" className="admin-result" title={message(error)} />}
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('save')}
        </Button>
        <Button onClick={() => onCancel()}>{t('cancel')}</Button>
      </Space>
    </>
  );
}
