import { App, Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../shared/api/errors';
import { type Assessment, useConfirmFindings } from './api';
import { CommissionList } from './CommissionList';

interface Props {
  assessment: Assessment;
  meId: string | undefined;
  /** Unsaved changes in the form: confirming now would confirm something other than what is on screen. */
  blocked: boolean;
}

/**
 * The commission's confirmations; for a listed member who has not yet confirmed, their findings and
 * "Confirm my findings" (a member confirms their own findings only — the server checks it again).
 */
export function CommissionPanel({ assessment, meId, blocked }: Props) {
  const { t } = useTranslation('assessments');
  const { message: toast } = App.useApp();
  const errorMessage = useErrorMessage();
  const confirm = useConfirmFindings(assessment.id);
  const mine = assessment.commission.find((member) => member.userId === meId);
  const myFindings = assessment.protocolNotes?.findings.find((finding) => finding.userId === meId)?.text ?? '';

  async function submit({ findings }: { findings: string }) {
    await confirm.mutateAsync(findings.trim());
    toast.success(t('commission.confirmed'));
  }

  return (
    <Card title={<h2 className="card-title">{t('commission.title')}</h2>}>
      <CommissionList commission={assessment.commission} />
      {mine && !mine.confirmedAt && (
        <Form layout="vertical" className="confirm-form" initialValues={{ findings: myFindings }} onFinish={(values) => void submit(values).catch(() => undefined)}>
          <Form.Item
            name="findings"
            label={t('commission.yourFindings')}
            extra={t('commission.findingsHint')}
            rules={[{ required: true, whitespace: true, message: t('commission.findingsRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} />
          </Form.Item>
          {blocked && <Typography.Paragraph type="secondary">{t('commission.saveFirst')}</Typography.Paragraph>}
          {confirm.isError && <Alert type="error" showIcon title={errorMessage(confirm.error)} className="panel-alert" />}
          <Button key={confirm.isPending ? 'busy' : 'idle'} type="primary" htmlType="submit" loading={confirm.isPending} disabled={blocked}>
            {t('commission.confirm')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
