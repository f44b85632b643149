import { App, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { todayInShanghai } from '../../format/datetime.ts';
import { negateYuan, type RefundValues, refundBody } from '../../ledger/forms.ts';
import type { InvoiceDetail } from '../../ledger/types.ts';
import { channels, type InstalmentCount, instalmentCounts } from '../../ledger/vocabulary.ts';
import { idempotencyKey } from '../../policy/forms.ts';
import { useMoney } from '../policy/labels.tsx';

/** 分期缴费: the premium in 1, 2, 4 or 12 instalments, while nothing has been paid on it. */
export function InstalmentsModal({
  invoice,
  onClose,
  onSaved,
}: {
  invoice: InvoiceDetail;
  onClose: () => void;
  onSaved: (invoice: InvoiceDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ count: InstalmentCount }>();
  const submit = useFormSubmit(form, ['count'], async ({ count }) => {
    const saved = await unwrap(
      api.PUT('/api/invoices/{id}/instalments', { params: { path: { id: invoice.id } }, body: { count } }),
    );
    void message.success(t('invoice.instalmentsSaved', { count: saved.instalments.length }));
    onSaved(saved);
  });
  const current = invoice.instalments.length;
  return (
    <FormModal<{ count: InstalmentCount }>
      title={t('invoice.instalmentsTitle', { number: invoice.number })}
      okText={t('common.save')}
      testIdPrefix="instalments"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{
        count: (instalmentCounts as readonly number[]).includes(current) ? (current as InstalmentCount) : 1,
      }}
    >
      <Typography.Paragraph type="secondary">{t('invoice.instalmentsHint')}</Typography.Paragraph>
      <Form.Item name="count" label={t('invoice.instalmentCount')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={instalmentCounts.map((c) => ({
            value: c,
            label: <span data-testid={`instalments-count-${c}`}>{t(`invoice.counts.${c}`)}</span>,
          }))}
        />
      </Form.Item>
    </FormModal>
  );
}

/** 退费 (the issuing insurer): pays back what a credit note still owes, with the transfer's reference. */
export function RefundModal({
  invoice,
  onClose,
  onSaved,
}: {
  invoice: InvoiceDetail;
  onClose: () => void;
  onSaved: (invoice: InvoiceDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const [form] = Form.useForm<RefundValues>();
  const submit = useFormSubmit(form, ['channel', 'channelRef', 'paidOn'], async (values) => {
    const saved = await unwrap(
      api.POST('/api/invoices/{id}/refund', {
        params: { path: { id: invoice.id }, header: { 'idempotency-key': idempotencyKey() } },
        body: refundBody(values),
      }),
    );
    void message.success(t('invoice.refunded', { amount: money(negateYuan(invoice.outstanding)) }));
    onSaved(saved);
  });
  const today = todayInShanghai();
  const required = (text: string) => [{ required: true, whitespace: true, message: text }];
  return (
    <FormModal<RefundValues>
      title={t('invoice.refundTitle', { number: invoice.number })}
      okText={t('invoice.refund')}
      testIdPrefix="refund"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ channel: 'bank_transfer', paidOn: today }}
    >
      <Typography.Paragraph>
        {t('invoice.refundHint', {
          amount: money(negateYuan(invoice.outstanding)),
          payer: invoice.payer.name,
        })}
      </Typography.Paragraph>
      <Form.Item name="channel" label={t('payment.channel')} rules={[{ required: true }]}>
        <Radio.Group
          options={channels.map((c) => ({
            value: c,
            label: <span data-testid={`refund-channel-${c}`}>{t(`payment.channels.${c}`)}</span>,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="channelRef"
        label={t('payment.channelRef')}
        rules={[
          ...required(t('payment.channelRefRequired')),
          { pattern: /^[\x21-\x7e]{1,64}$/, message: t('payment.channelRefPattern') },
        ]}
      >
        <Input maxLength={64} autoComplete="off" data-testid="refund-channel-ref" />
      </Form.Item>
      <Form.Item name="paidOn" label={t('invoice.paidOn')} rules={required(t('invoice.paidOnRequired'))}>
        <Input type="date" max={today} data-testid="refund-paid-on" />
      </Form.Item>
    </FormModal>
  );
}
