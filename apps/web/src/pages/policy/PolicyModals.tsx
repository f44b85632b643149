import { App, type ButtonProps, Flex, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { testId } from '../../components/testId.ts';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { todayInShanghai } from '../../format/datetime.ts';
import {
  type CancelValues,
  cancelBody,
  type EndorseValues,
  endorseBody,
  idempotencyKey,
} from '../../policy/forms.ts';
import { readChanges } from '../../policy/readers.ts';
import type { PolicyDetail } from '../../policy/types.ts';
import { refundMethods } from '../../policy/vocabulary.ts';
import { useMoney } from './labels.tsx';

/** The latest movement of a policy (the one just made). */
function latest(policy: PolicyDetail) {
  return policy.endorsements.reduce<PolicyDetail['endorsements'][number] | undefined>(
    (last, e) => (last === undefined || e.seq > last.seq ? e : last),
    undefined,
  );
}

/** The earliest effective date a change may take: today, within the period. */
function earliest(policy: PolicyDetail): string {
  const today = todayInShanghai();
  return policy.startDate > today ? policy.startDate : today;
}

/** 批改 (the lead): from an effective date, a new sum insured or limit and/or a new end date, with the reason. */
export function EndorseModal({
  policy,
  onClose,
  onSaved,
}: {
  policy: PolicyDetail;
  onClose: () => void;
  onSaved: (policy: PolicyDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const [form] = Form.useForm<EndorseValues>();
  const submit = useFormSubmit(
    form,
    ['effectiveDate', 'sumInsured', 'limit', 'endDate', 'reason'],
    async (values) => {
      const saved = await unwrap(
        api.POST('/api/policies/{id}/endorsements', {
          params: { path: { id: policy.id }, header: { 'idempotency-key': idempotencyKey() } },
          body: endorseBody(values),
        }),
      );
      void message.success(t('policy.endorsed', { amount: money(latest(saved)?.premiumDelta ?? '0.00') }));
      onSaved(saved);
    },
  );
  const required = (text: string) => [{ required: true, whitespace: true, message: text }];
  return (
    <FormModal<EndorseValues>
      title={t('policy.endorseTitle', { number: policy.number })}
      okText={t('policy.endorse')}
      testIdPrefix="endorse"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ effectiveDate: earliest(policy) }}
    >
      <Form.Item
        name="effectiveDate"
        label={t('policy.effectiveDate')}
        rules={required(t('policy.effectiveDateRequired'))}
      >
        <Input type="date" min={policy.startDate} max={policy.endDate} data-testid="endorse-effective-date" />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('policy.endorseHint')}</Typography.Paragraph>
      <Flex gap="middle">
        <Form.Item name="sumInsured" label={t('policy.newSumInsured')} style={{ flex: 1 }}>
          <Input prefix="¥" inputMode="decimal" maxLength={24} data-testid="endorse-sum-insured" />
        </Form.Item>
        <Form.Item name="limit" label={t('policy.newLimit')} style={{ flex: 1 }}>
          <Input prefix="¥" inputMode="decimal" maxLength={24} data-testid="endorse-limit" />
        </Form.Item>
      </Flex>
      <Form.Item name="endDate" label={t('policy.newEndDate')}>
        <Input type="date" min={policy.startDate} data-testid="endorse-end-date" />
      </Form.Item>
      <Form.Item name="reason" label={t('policy.reason')} rules={required(t('policy.reasonRequired'))}>
        <Input.TextArea rows={2} maxLength={500} data-testid="endorse-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** 退保 (the policyholder or the lead): from a date, refunded by day or by the short-rate table, confirmed first. */
export function CancelModal({
  policy,
  onClose,
  onSaved,
}: {
  policy: PolicyDetail;
  onClose: () => void;
  onSaved: (policy: PolicyDetail) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const money = useMoney();
  const [form] = Form.useForm<CancelValues>();
  const submit = useFormSubmit(form, ['cancelDate', 'method', 'reason'], async (values) => {
    const confirmed = await modal.confirm({
      title: t('policy.cancelConfirmTitle'),
      content: t('policy.cancelConfirm', { number: policy.number, date: values.cancelDate }),
      okText: t('policy.cancelOk'),
      okButtonProps: { danger: true, ...testId<ButtonProps>('cancel-confirm-ok') },
      cancelText: t('common.cancel'),
    });
    if (!confirmed) return;
    const saved = await unwrap(
      api.POST('/api/policies/{id}/cancel', {
        params: { path: { id: policy.id }, header: { 'idempotency-key': idempotencyKey() } },
        body: cancelBody(values),
      }),
    );
    const refund = readChanges(latest(saved)?.changes).refund ?? '0.00';
    void message.success(t('policy.cancelled', { amount: money(refund) }));
    onSaved(saved);
  });
  const required = (text: string) => [{ required: true, whitespace: true, message: text }];
  return (
    <FormModal<CancelValues>
      title={t('policy.cancelTitle', { number: policy.number })}
      okText={t('policy.cancel')}
      testIdPrefix="cancel"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ cancelDate: earliest(policy), method: 'pro_rata' }}
    >
      <Form.Item
        name="cancelDate"
        label={t('policy.cancelDate')}
        rules={required(t('policy.cancelDateRequired'))}
      >
        <Input type="date" min={policy.startDate} max={policy.endDate} data-testid="cancel-date" />
      </Form.Item>
      <Form.Item name="method" label={t('policy.method')} rules={[{ required: true }]}>
        <Radio.Group
          options={refundMethods.map((m) => ({
            value: m,
            label: <span data-testid={`cancel-method-${m}`}>{t(`policy.methods.${m}`)}</span>,
          }))}
        />
      </Form.Item>
      <Form.Item name="reason" label={t('policy.reason')} rules={required(t('policy.reasonRequired'))}>
        <Input.TextArea rows={2} maxLength={500} data-testid="cancel-reason" />
      </Form.Item>
    </FormModal>
  );
}
