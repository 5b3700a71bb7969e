import { Alert, Button, Checkbox, DatePicker, Flex, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEducationForms, useSpecialConditions } from '../../shared/api/reference';
import { almatyToday } from '../../shared/iin';
import { ActionDialog } from '../../shared/ui/action-dialog';
import { type Placement, type PlacementWarning, usePlacementAction } from './api';
import { OrganizationSelect } from './OrganizationSelect';

type Action = 'activate' | 'end' | 'transfer';

/**
 * What the placing organisation may do with a placement now, from the state machine the server keeps
 * (libs/placements/placement-transitions.ts): a proposal is activated or cancelled (ended), an active
 * placement ended or transferred to another school. Only to hide what cannot succeed: the server still
 * decides, and a refusal shows the catalogue's message.
 */
export function placementActions(placement: Pick<Placement, 'status'>): Action[] {
  if (placement.status === 'proposed') return ['activate', 'end'];
  if (placement.status === 'active') return ['transfer', 'end'];
  return [];
}

interface Props {
  placement: Placement;
  /** The warnings of an activation or a transfer, for the page to show. */
  onWarnings(warnings: PlacementWarning[]): void;
}

export function PlacementActions({ placement, onWarnings }: Props) {
  const { t } = useTranslation('placements');
  const actions = placementActions(placement);
  const [open, setOpen] = useState<Action | null>(null);
  const mutations = usePlacementAction(placement);
  const forms = useEducationForms();
  const conditions = useSpecialConditions();
  const options = (map?: Map<string, string>) => [...(map ?? new Map<string, string>())].map(([value, label]) => ({ value, label }));
  if (actions.length === 0) return null;
  return (
    <div className="actions">
      <Flex gap="small" wrap role="group" aria-label={t('actions.label')}>
        {actions.map((action) => (
          <Button key={action} type={action === 'activate' ? 'primary' : 'default'} danger={action === 'end'} onClick={() => setOpen(action)}>
            {t(placement.status === 'proposed' && action === 'end' ? 'actions.cancel' : `actions.${action}`)}
          </Button>
        ))}
      </Flex>
      {open === 'activate' && (
        <ActionDialog<{ providedConditions: string[] }>
          title={t('actions.activateTitle')}
          ok={t('actions.activate')} cancel={t('actions.close')}
          initialValues={{ providedConditions: placement.providedConditions }}
          onClose={() => setOpen(null)}
          run={async (values) => onWarnings((await mutations.activate.mutateAsync({ providedConditions: values.providedConditions ?? [] })).warnings)}
        >
          <Form.Item name="providedConditions" label={t('fields.providedConditions')} extra={t('fields.providedConditionsHelp')}>
            <Select mode="multiple" options={options(conditions.data)} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </ActionDialog>
      )}
      {open === 'end' && (
        <ActionDialog<{ reason: string; endedOn: Dayjs }>
          title={t(placement.status === 'proposed' ? 'actions.cancelTitle' : 'actions.endTitle')}
          ok={t(placement.status === 'proposed' ? 'actions.cancel' : 'actions.end')} cancel={t('actions.close')}
          initialValues={{ endedOn: dayjs(almatyToday()) }}
          onClose={() => setOpen(null)}
          run={(values) => mutations.end.mutateAsync({ reason: values.reason.trim(), endedOn: values.endedOn.format('YYYY-MM-DD') }).then(() => onWarnings([]))}
        >
          <Form.Item name="reason" label={t('actions.endReason')} rules={[{ required: true, whitespace: true, message: t('actions.endReasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
          <Form.Item name="endedOn" label={t('actions.endedOn')} rules={[{ required: true, message: t('dateRequired') }]}>
            <DatePicker format="DD.MM.YYYY" className="full-width" />
          </Form.Item>
        </ActionDialog>
      )}
      {open === 'transfer' && (
        <ActionDialog<{ toOrgId: string; startedOn: Dayjs; form: string; classLabel?: string; usesSupportRoom?: boolean }>
          title={t('actions.transferTitle')}
          ok={t('actions.transfer')} cancel={t('actions.close')}
          initialValues={{ startedOn: dayjs(almatyToday()), form: placement.form, classLabel: placement.classLabel ?? undefined, usesSupportRoom: placement.usesSupportRoom }}
          onClose={() => setOpen(null)}
          run={async (values) => {
            const result = await mutations.transfer.mutateAsync({
              toOrgId: values.toOrgId,
              startedOn: values.startedOn.format('YYYY-MM-DD'),
              form: values.form,
              classLabel: values.classLabel?.trim() || null,
              usesSupportRoom: values.usesSupportRoom ?? false,
            });
            onWarnings(result.placement.warnings);
          }}
        >
          <Alert type="info" showIcon className="dialog-note" title={t('actions.transferNote')} />
          <Form.Item name="toOrgId" label={t('fields.toOrg')} rules={[{ required: true, message: t('fields.orgRequired') }]}>
            <OrganizationSelect scope={{ sector: 'education' }} exclude={placement.organization.id} />
          </Form.Item>
          <Form.Item name="startedOn" label={t('fields.firstDay')} rules={[{ required: true, message: t('dateRequired') }]}>
            <DatePicker format="DD.MM.YYYY" className="full-width" />
          </Form.Item>
          <Form.Item name="form" label={t('fields.form')} rules={[{ required: true, message: t('fields.formRequired') }]}>
            <Select options={options(forms.data)} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item name="classLabel" label={t('fields.classLabel')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="usesSupportRoom" valuePropName="checked">
            <Checkbox>{t('fields.usesSupportRoom')}</Checkbox>
          </Form.Item>
        </ActionDialog>
      )}
    </div>
  );
}
