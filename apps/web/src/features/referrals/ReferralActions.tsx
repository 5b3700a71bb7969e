import { Alert, Button, DatePicker, Flex, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../shared/api/errors';
import { almatyToday } from '../../shared/iin';
import { ActionDialog } from '../../shared/ui/action-dialog';
import { type ReferralAction } from './actions';
import { FUNDING_SOURCES, OUTCOMES, PAUSE_REASONS, type Referral, useTransition } from './api';

type Modal = 'decline' | 'withdraw' | 'pause' | 'start' | 'complete';
const NEEDS_FORM: readonly ReferralAction[] = ['decline', 'withdraw', 'pause', 'start', 'complete'];
const notFuture = (date: Dayjs) => date.isAfter(dayjs(almatyToday()), 'day');

/**
 * The buttons for `actions` (what the status allows this side, see actions.ts). Accept, waitlist,
 * resume and send act at once; the others ask for what they need in a dialog. A refusal shows the
 * error catalogue's message.
 */
export function ReferralActions({ referral, actions }: { referral: Referral; actions: ReferralAction[] }) {
  const { t } = useTranslation('referrals');
  const message = useErrorMessage();
  const transition = useTransition(referral);
  const [open, setOpen] = useState<Modal | null>(null);
  const [error, setError] = useState<unknown>(null);

  if (actions.length === 0) return null;

  async function act(event: 'send' | 'accept' | 'waitlist' | 'resume') {
    setError(null);
    try {
      await transition.mutateAsync({ event });
    } catch (failed) {
      setError(failed);
    }
  }

  return (
    <div className="actions">
      <Flex gap="small" wrap role="group" aria-label={t('actions.label')}>
        {actions.map((action) => (
          <Button
            key={action}
            type={action === 'accept' || action === 'send' || action === 'start' || action === 'complete' ? 'primary' : 'default'}
            danger={action === 'decline' || action === 'withdraw'}
            loading={transition.isPending && transition.variables?.event === action}
            onClick={() => (NEEDS_FORM.includes(action) ? setOpen(action as Modal) : void act(action as 'send' | 'accept' | 'waitlist' | 'resume'))}
          >
            {t(`actions.${action}`)}
          </Button>
        ))}
      </Flex>
      {error !== null && <Alert className="action-error" type="error" showIcon role="alert" title={message(error)} />}
      {open === 'decline' && (
        <ActionDialog<{ reason: string }> title={t('actions.declineTitle')} ok={t('actions.decline')} cancel={t('referrals:actions.cancel')} onClose={() => setOpen(null)} run={(values) => transition.mutateAsync({ event: 'decline', body: { reason: values.reason.trim() } })}>
          <Form.Item name="reason" label={t('actions.declineReason')} rules={[{ required: true, whitespace: true, message: t('actions.declineReasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount autoFocus />
          </Form.Item>
        </ActionDialog>
      )}
      {open === 'withdraw' && (
        <ActionDialog<{ reason?: string }>
          title={t('actions.withdrawTitle')}
          ok={t('actions.withdraw')} cancel={t('referrals:actions.cancel')}
          onClose={() => setOpen(null)}
          run={(values) => transition.mutateAsync({ event: 'withdraw', body: values.reason?.trim() ? { reason: values.reason.trim() } : {} })}
        >
          <Form.Item name="reason" label={t('actions.withdrawReason')}>
            <Input.TextArea rows={3} maxLength={1000} showCount autoFocus />
          </Form.Item>
        </ActionDialog>
      )}
      {open === 'pause' && (
        <ActionDialog<{ reason: (typeof PAUSE_REASONS)[number] }> title={t('actions.pauseTitle')} ok={t('actions.pause')} cancel={t('referrals:actions.cancel')} onClose={() => setOpen(null)} run={(values) => transition.mutateAsync({ event: 'pause', body: values })}>
          <Form.Item name="reason" label={t('actions.pauseReason')} rules={[{ required: true, message: t('actions.pauseReasonRequired') }]}>
            <Select options={PAUSE_REASONS.map((value) => ({ value, label: t(`pauseReason.${value}`) }))} />
          </Form.Item>
        </ActionDialog>
      )}
      {open === 'start' && (
        <ActionDialog<{ funding: Referral['funding']; startedOn: Dayjs }>
          title={t('actions.startTitle')}
          ok={t('actions.start')} cancel={t('referrals:actions.cancel')}
          initialValues={{ funding: referral.funding, startedOn: dayjs(almatyToday()) }}
          onClose={() => setOpen(null)}
          run={(values) => transition.mutateAsync({ event: 'start', body: { funding: values.funding as (typeof FUNDING_SOURCES)[number], startedOn: values.startedOn.format('YYYY-MM-DD') } })}
        >
          <Form.Item name="funding" label={t('actions.funding')} rules={[{ required: true }]}>
            <Select options={FUNDING_SOURCES.map((value) => ({ value, label: t(`funding.${value}`) }))} />
          </Form.Item>
          <Form.Item name="startedOn" label={t('actions.startedOn')} rules={[{ required: true, message: t('actions.dateRequired') }]}>
            <DatePicker format="DD.MM.YYYY" disabledDate={notFuture} className="full-width" />
          </Form.Item>
        </ActionDialog>
      )}
      {open === 'complete' && (
        <ActionDialog<{ outcome: (typeof OUTCOMES)[number]; summary?: string; endedOn: Dayjs }>
          title={t('actions.completeTitle')}
          ok={t('actions.complete')} cancel={t('referrals:actions.cancel')}
          initialValues={{ endedOn: dayjs(almatyToday()) }}
          onClose={() => setOpen(null)}
          run={(values) =>
            transition.mutateAsync({
              event: 'complete',
              body: { outcome: values.outcome, ...(values.summary?.trim() ? { summary: values.summary.trim() } : {}), endedOn: values.endedOn.format('YYYY-MM-DD') },
            })
          }
        >
          <Form.Item name="outcome" label={t('actions.outcome')} rules={[{ required: true, message: t('actions.outcomeRequired') }]}>
            <Select options={OUTCOMES.map((value) => ({ value, label: t(`outcome.${value}`) }))} />
          </Form.Item>
          <Form.Item name="summary" label={t('actions.summary')}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item name="endedOn" label={t('actions.endedOn')} rules={[{ required: true, message: t('actions.dateRequired') }]}>
            <DatePicker format="DD.MM.YYYY" disabledDate={notFuture} className="full-width" />
          </Form.Item>
        </ActionDialog>
      )}
    </div>
  );
}
