import { Col, Form, Row } from 'antd';
import { useState } from 'react';
import { useMe } from '../../shared/api/me';
import type { Assessment } from './api';
import { CommissionPanel } from './CommissionPanel';
import { DraftForm, type DraftValues } from './DraftForm';
import { SignPanel } from './SignPanel';

/**
 * A draft: the form on the left; on the right the commission's confirmations and the head's signature.
 * Confirming and signing act on what is saved, so both wait while the form holds unsaved changes.
 */
export function DraftScreen({ assessment, reload }: { assessment: Assessment; reload(): void }) {
  const me = useMe();
  const [form] = Form.useForm<DraftValues>();
  const [dirty, setDirty] = useState(false);
  const mayEdit = me.data?.permissions.includes('update:Assessment') ?? false;
  const maySign = me.data?.permissions.includes('sign:Assessment') ?? false;
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={16}>
        <DraftForm form={form} assessment={assessment} editable={mayEdit} reload={reload} onDirtyChange={setDirty} />
      </Col>
      <Col xs={24} lg={8} className="assessment-side">
        <CommissionPanel assessment={assessment} meId={me.data?.user.id} blocked={dirty} />
        {maySign && <SignPanel assessment={assessment} form={form} blocked={dirty} />}
      </Col>
    </Row>
  );
}
