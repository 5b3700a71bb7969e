import { App, Alert, Button, Card, Modal, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { type FieldError, useApplyServerErrors } from '../../shared/api/form-errors';
import { type Assessment, useSignAssessment } from './api';
import { FieldProblems } from './FieldProblems';

interface Props {
  assessment: Assessment;
  /** The draft form, to show what signing still lacks under its fields too. */
  form: FormInstance;
  /** Unsaved changes: the head signs what is saved, so the form must be saved first. */
  blocked: boolean;
}

type Refusal = { error: unknown; fields: FieldError[]; members: { userId: string; fullName: string; specialty: string }[] };

/**
 * The head's signature, behind a dialog that says what signing freezes. A refusal names what is
 * missing: the fields to complete (422 ASSESSMENT_INCOMPLETE) or the members yet to confirm
 * (422 CONFIRMATIONS_MISSING).
 */
export function SignPanel({ assessment, form, blocked }: Props) {
  const { t } = useTranslation(['assessments', 'cases']);
  const { message: toast } = App.useApp();
  const errorMessage = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const sign = useSignAssessment(assessment.id);
  const [open, setOpen] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  async function signNow() {
    setRefusal(null);
    try {
      await sign.mutateAsync(assessment.version);
      setOpen(false);
      toast.success(t('sign.signed'));
    } catch (error) {
      setOpen(false);
      const problem = error instanceof ApiError ? error.problem : null;
      const members = Array.isArray(problem?.missing) ? (problem.missing as Refusal['members']) : [];
      const fields = problem?.code === 'ASSESSMENT_INCOMPLETE' ? (problem.errors ?? []) : [];
      if (fields.length) applyServerErrors(form, { errors: fields });
      setRefusal({ error, fields, members });
    }
  }

  return (
    <Card title={<h2 className="card-title">{t('sign.title')}</h2>} className="sign-panel">
      {blocked && <Typography.Paragraph type="secondary">{t('commission.saveFirst')}</Typography.Paragraph>}
      {refusal && (
        <Alert
          type="error"
          showIcon
          className="panel-alert"
          title={errorMessage(refusal.error)}
          description={
            refusal.fields.length ? (
              <>
                <Typography.Paragraph>{t('sign.missingFields')}</Typography.Paragraph>
                <FieldProblems errors={refusal.fields} />
              </>
            ) : refusal.members.length ? (
              <>
                <Typography.Paragraph>{t('sign.missingMembers')}</Typography.Paragraph>
                <ul className="field-problems">
                  {refusal.members.map((member) => (
                    <li key={member.userId}>{`${member.fullName} (${t(`cases:specialty.${member.specialty}`)})`}</li>
                  ))}
                </ul>
              </>
            ) : undefined
          }
        />
      )}
      <Button type="primary" onClick={() => setOpen(true)} disabled={blocked}>
        {t('sign.button')}
      </Button>
      <Modal
        open={open}
        title={t('sign.dialogTitle')}
        okText={t('sign.confirm')}
        cancelText={t('sign.cancel')}
        onOk={() => void signNow()}
        onCancel={() => setOpen(false)}
        confirmLoading={sign.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('sign.dialogIntro')}</Typography.Paragraph>
        <ul className="freeze-list">
          <li>{t('sign.freezeCurrent')}</li>
          <li>{t('sign.freezeEdit')}</li>
          <li>{t('sign.freezeSupersede')}</li>
        </ul>
      </Modal>
    </Card>
  );
}
