import { Alert, Button, Descriptions, Flex, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useMappedFormSubmit } from '../../components/useFormSubmit.ts';
import { todayInShanghai } from '../../format/datetime.ts';
import { normaliseYuan } from '../../format/money.ts';
import {
  isZero,
  type Payer,
  type PaymentValues,
  payerKey,
  paymentBody,
  paymentFieldOfPath,
} from '../../ledger/forms.ts';
import type { InvoiceDetail, PaymentView } from '../../ledger/types.ts';
import { channels } from '../../ledger/vocabulary.ts';
import { idempotencyKey } from '../../policy/forms.ts';
import { useMoney } from '../policy/labels.tsx';
import { useLedgerLabels } from './labels.tsx';

interface PaymentModalProps {
  /** The payers to choose from (those on the insurer's invoices). */
  payers: readonly Payer[];
  payersLoading?: boolean;
  /** Opened from an invoice: its payer, its number as the memo and what it still owes, filled in. */
  invoice?: InvoiceDetail;
  onClose: () => void;
  /** A payment was recorded (or found to be recorded already): lists and the invoice reload. */
  onRecorded?: (payment: PaymentView) => void;
}

/**
 * 登记收款 (the insurer): money received by bank transfer, e-CNY or offline, with its transaction
 * reference and the memo the payer wrote. The answer says where it went: the invoices it settled, what
 * is left as the payer's credit, or that this transaction was recorded before.
 */
export function PaymentModal(props: PaymentModalProps) {
  const [result, setResult] = useState<PaymentView | null>(null);
  const [round, setRound] = useState(0);
  if (result)
    return (
      <PaymentResult
        payment={result}
        onClose={props.onClose}
        onAgain={() => {
          setResult(null);
          setRound((r) => r + 1);
        }}
      />
    );
  return (
    <PaymentForm
      key={round}
      {...props}
      onRecorded={(payment) => {
        setResult(payment);
        props.onRecorded?.(payment);
      }}
    />
  );
}

function PaymentForm({ payers, payersLoading, invoice, onClose, onRecorded }: PaymentModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PaymentValues>();
  const submit = useMappedFormSubmit(form, paymentFieldOfPath, async (values) => {
    const payment = await unwrap(
      api.POST('/api/payments', {
        params: { header: { 'idempotency-key': idempotencyKey() } },
        body: paymentBody(values),
      }),
    );
    onRecorded?.(payment);
  });
  const today = todayInShanghai();
  const options = invoice
    ? [{ value: payerKey(invoice.payer), label: invoice.payer.name }]
    : payers.map((p) => ({ value: payerKey(p), label: p.name }));
  const owed = invoice !== undefined && !isZero(invoice.outstanding);
  const required = (text: string) => [{ required: true, whitespace: true, message: text }];

  return (
    <FormModal<PaymentValues>
      title={t('payment.title')}
      okText={t('payment.submit')}
      testIdPrefix="payment"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{
        payer: invoice
          ? payerKey(invoice.payer)
          : payers.length === 1
            ? payerKey(payers[0] as Payer)
            : undefined,
        channel: 'bank_transfer',
        reference: invoice?.payTo.reference ?? '',
        amount: owed ? invoice.outstanding : '',
        receivedOn: today,
      }}
    >
      <Form.Item
        name="payer"
        label={t('payment.payer')}
        rules={[{ required: true, message: t('payment.payerRequired') }]}
      >
        <Select<string>
          showSearch={{ optionFilterProp: 'label' }}
          disabled={invoice !== undefined}
          loading={payersLoading}
          placeholder={t('payment.payerPlaceholder')}
          options={options}
          notFoundContent={t('payment.noPayers')}
          data-testid="payment-payer"
        />
      </Form.Item>
      <Form.Item name="channel" label={t('payment.channel')} rules={[{ required: true }]}>
        <Radio.Group
          options={channels.map((c) => ({
            value: c,
            label: <span data-testid={`payment-channel-${c}`}>{t(`payment.channels.${c}`)}</span>,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="channelRef"
        label={t('payment.channelRef')}
        extra={t('payment.channelRefHint')}
        rules={[
          ...required(t('payment.channelRefRequired')),
          { pattern: /^[\x21-\x7e]{1,64}$/, message: t('payment.channelRefPattern') },
        ]}
      >
        <Input maxLength={64} autoComplete="off" data-testid="payment-channel-ref" />
      </Form.Item>
      <Form.Item name="reference" label={t('payment.reference')} extra={t('payment.referenceHint')}>
        <Input maxLength={100} autoComplete="off" data-testid="payment-reference" />
      </Form.Item>
      <Flex gap="middle">
        <Form.Item
          name="amount"
          label={t('payment.amount')}
          style={{ flex: 1 }}
          rules={[
            ...required(t('payment.amountRequired')),
            {
              validator: async (_, value: string | undefined) => {
                const amount = value ? normaliseYuan(value) : null;
                if (value && (amount === null || isZero(amount))) throw new Error(t('payment.amountPattern'));
              },
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" maxLength={24} data-testid="payment-amount" />
        </Form.Item>
        <Form.Item
          name="receivedOn"
          label={t('payment.receivedOn')}
          style={{ flex: 1 }}
          rules={required(t('payment.receivedOnRequired'))}
        >
          <Input type="date" max={today} data-testid="payment-received-on" />
        </Form.Item>
      </Flex>
      {invoice ? (
        <Typography.Paragraph type="secondary">
          {t('payment.fromInvoice', { number: invoice.number })}
        </Typography.Paragraph>
      ) : null}
    </FormModal>
  );
}

function PaymentResult({
  payment,
  onClose,
  onAgain,
}: {
  payment: PaymentView;
  onClose: () => void;
  onAgain: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useLedgerLabels();
  const credit = !isZero(payment.unapplied);
  return (
    <Modal
      open
      title={t('payment.resultTitle')}
      onCancel={onClose}
      footer={
        <Flex justify="flex-end" gap="small">
          <Button onClick={onAgain} data-testid="payment-again">
            {t('payment.again')}
          </Button>
          <Button type="primary" onClick={onClose} data-testid="payment-done">
            {t('payment.done')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap="middle" data-testid="payment-result" data-duplicate={String(payment.duplicate)}>
        {payment.duplicate ? (
          <Alert
            type="warning"
            showIcon
            data-testid="payment-duplicate"
            title={t('payment.duplicate', { number: payment.number })}
            description={t('payment.duplicateHint', { channelRef: payment.channelRef })}
          />
        ) : (
          <Alert
            type="success"
            showIcon
            data-testid="payment-recorded"
            title={t('payment.recorded', { number: payment.number, amount: money(payment.amount) })}
          />
        )}
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'number',
              label: t('payment.number'),
              children: <span data-testid="payment-number">{payment.number}</span>,
            },
            { key: 'payer', label: t('payment.payer'), children: payment.payer.name },
            {
              key: 'channel',
              label: t('payment.channel'),
              children: `${labels.channel(payment.channel)} · ${payment.channelRef}`,
            },
            { key: 'amount', label: t('payment.amount'), children: money(payment.amount) },
            {
              key: 'applied',
              label: t('payment.applied'),
              children: <span data-testid="payment-applied">{money(payment.applied)}</span>,
            },
            {
              key: 'unapplied',
              label: t('payment.unapplied'),
              children: <span data-testid="payment-unapplied">{money(payment.unapplied)}</span>,
            },
          ]}
        />
        {payment.allocations.length > 0 ? (
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('payment.allocations')}</Typography.Text>
            {payment.allocations.map((a) => (
              <Typography.Text key={a.invoiceId} data-testid="payment-allocation">
                <Link to={`/finance/invoices/${a.invoiceId}`} onClick={onClose}>
                  {a.number}
                </Link>{' '}
                {money(a.amount)}
              </Typography.Text>
            ))}
          </Flex>
        ) : payment.duplicate ? null : (
          <Typography.Text type="secondary">{t('payment.noAllocation')}</Typography.Text>
        )}
        {credit && !payment.duplicate ? (
          <Typography.Text type="secondary" data-testid="payment-credit-hint">
            {t('payment.creditHint', { amount: money(payment.unapplied) })}
          </Typography.Text>
        ) : null}
      </Flex>
    </Modal>
  );
}
