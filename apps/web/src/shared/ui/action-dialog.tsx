import { Alert, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../api/client';
import { useErrorMessage } from '../api/errors';
import { clearServerErrors, useApplyServerErrors } from '../api/form-errors';

export interface ActionDialogProps<V> {
  title: string;
  ok: string;
  cancel: string;
  initialValues?: Partial<V>;
  onClose(): void;
  run(values: V): Promise<unknown>;
  children: ReactNode;
}

/**
 * A dialog with the form an action needs (a referral's or a placement's transition): the server's field
 * errors land on its fields, any other refusal above its buttons; it closes when the action succeeds.
 */
export function ActionDialog<V extends object>({ title, ok, cancel, initialValues, onClose, run, children }: ActionDialogProps<V>) {
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(values: V) {
    setBusy(true);
    setError(null);
    try {
      await run(values);
      onClose();
    } catch (failed) {
      const elsewhere = failed instanceof ApiError ? applyServerErrors(form as FormInstance, failed.problem) : [];
      if (!(failed instanceof ApiError) || elsewhere.length || !failed.problem.errors?.length) setError(failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={title} okText={ok} cancelText={cancel} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={(values) => void submit(values)} onValuesChange={(changed) => clearServerErrors(form, changed)}>
        {children}
        {error !== null && <Alert type="error" showIcon role="alert" title={message(error)} />}
      </Form>
    </Modal>
  );
}
