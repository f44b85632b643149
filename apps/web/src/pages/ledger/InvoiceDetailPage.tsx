import { Permission } from '@kebao/domain/org';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Descriptions,
  Flex,
  Popconfirm,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { isApiError, unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { useNotifyError } from '../../components/ProblemAlert.tsx';
import { testId } from '../../components/testId.ts';
import { formatDateTime } from '../../format/datetime.ts';
import { isNegative, isZero, negateYuan } from '../../ledger/forms.ts';
import type { Instalment, InvoiceDetail, InvoiceSettlement } from '../../ledger/types.ts';
import { isUuid } from '../../policy/vocabulary.ts';
import { useMoney } from '../policy/labels.tsx';
import { InstalmentsModal, RefundModal } from './InvoiceModals.tsx';
import { InvoiceStatusTag, useLedgerLabels } from './labels.tsx';
import { PaymentModal } from './PaymentModal.tsx';

type Base = '/finance' | '/reconciliation' | '/bills';

/** What the viewer may do with the invoice: the payer re-plans it, the issuing insurer collects and refunds. */
function useRights(invoice: InvoiceDetail) {
  const me = useMe();
  const issuer = me.organisation.id === invoice.issuer.id;
  const manages = issuer && hasAnyPermission(me, [Permission.LedgerManage]);
  // Only the issuer, the payer and readers of the whole ledger see an invoice.
  const payer = !issuer && !hasAnyPermission(me, [Permission.LedgerReadAll]);
  const debit = !isNegative(invoice.amount);
  const owing = debit && !isZero(invoice.outstanding);
  return {
    payer,
    manages,
    owing,
    instalments: invoice.kind === 'premium' && isZero(invoice.settled) && (payer || manages),
    collect: manages && owing,
    refund: manages && invoice.kind === 'credit_note' && invoice.status === 'refund_due',
  };
}

function Actions({
  invoice,
  onSaved,
}: {
  invoice: InvoiceDetail;
  onSaved: (i: InvoiceDetail | null) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const money = useMoney();
  const rights = useRights(invoice);
  const [open, setOpen] = useState<'instalments' | 'payment' | 'refund' | null>(null);
  const [applying, setApplying] = useState(false);

  const applyCredit = async () => {
    setApplying(true);
    try {
      const saved = await unwrap(
        api.POST('/api/invoices/{id}/apply-credit', { params: { path: { id: invoice.id } } }),
      );
      void message.success(t('invoice.creditApplied', { outstanding: money(saved.outstanding) }));
      onSaved(saved);
    } catch (error) {
      notifyError(error);
    } finally {
      setApplying(false);
    }
  };

  const close = (saved: InvoiceDetail) => {
    setOpen(null);
    onSaved(saved);
  };

  return (
    <Flex gap="small" wrap>
      {rights.instalments ? (
        <Button onClick={() => setOpen('instalments')} data-testid="invoice-instalments-open">
          {t('invoice.instalmentsAction')}
        </Button>
      ) : null}
      {rights.collect ? (
        <Popconfirm
          title={t('invoice.applyCreditConfirm', { payer: invoice.payer.name })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={testId<ButtonProps>('invoice-apply-credit-confirm')}
          onConfirm={() => void applyCredit()}
        >
          <Button loading={applying} data-testid="invoice-apply-credit">
            {t('invoice.applyCredit')}
          </Button>
        </Popconfirm>
      ) : null}
      {rights.collect ? (
        <Button type="primary" onClick={() => setOpen('payment')} data-testid="invoice-record-payment">
          {t('payment.open')}
        </Button>
      ) : null}
      {rights.refund ? (
        <Button type="primary" onClick={() => setOpen('refund')} data-testid="invoice-refund-open">
          {t('invoice.refund')}
        </Button>
      ) : null}
      {open === 'instalments' ? (
        <InstalmentsModal invoice={invoice} onClose={() => setOpen(null)} onSaved={close} />
      ) : null}
      {open === 'refund' ? (
        <RefundModal invoice={invoice} onClose={() => setOpen(null)} onSaved={close} />
      ) : null}
      {open === 'payment' ? (
        <PaymentModal
          payers={[]}
          invoice={invoice}
          onClose={() => setOpen(null)}
          // The invoice is read again: the payment may have settled it in part or in full.
          onRecorded={() => onSaved(null)}
        />
      ) : null}
    </Flex>
  );
}

function Facts({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useLedgerLabels();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="invoice-facts"
      items={[
        { key: 'kind', label: t('invoices.kind'), children: labels.invoiceKind(invoice.kind) },
        {
          key: 'policy',
          label: t('invoices.policy'),
          children: (
            <Link to={`/policies/${invoice.policy.id}`} data-testid="invoice-policy-link">
              {invoice.policy.number}
            </Link>
          ),
        },
        { key: 'issuer', label: t('invoices.issuer'), children: invoice.issuer.name },
        {
          key: 'payer',
          label: t('invoices.payer'),
          children: t('invoice.payerWithKind', {
            name: invoice.payer.name,
            kind: labels.payerKind(invoice.payer.kind),
          }),
        },
        {
          key: 'amount',
          label: t('invoices.amount'),
          children: <span data-testid="invoice-amount">{money(invoice.amount)}</span>,
        },
        {
          key: 'settled',
          label: t('invoices.settled'),
          children: <span data-testid="invoice-settled">{money(invoice.settled)}</span>,
        },
        {
          key: 'outstanding',
          label: t('invoices.outstanding'),
          children: (
            <Typography.Text strong data-testid="invoice-outstanding">
              {money(invoice.outstanding)}
            </Typography.Text>
          ),
        },
        { key: 'issuedOn', label: t('invoices.issuedOn'), children: invoice.issuedOn },
        { key: 'dueDate', label: t('invoices.dueDate'), children: invoice.dueDate },
        {
          key: 'reference',
          label: t('invoice.reference'),
          children: (
            <Typography.Text
              code
              copyable={{ text: invoice.payTo.reference }}
              data-testid="invoice-pay-reference"
            >
              {invoice.payTo.reference}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

function Instalments({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <Card size="small" title={t('invoice.instalments')}>
      <Table<Instalment>
        rowKey="seq"
        size="small"
        pagination={false}
        dataSource={invoice.instalments}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('invoice.instalmentsEmpty') }}
        data-testid="invoice-instalments"
        columns={[
          { key: 'seq', title: t('invoice.seq'), render: (_, i) => i.seq },
          { key: 'dueDate', title: t('invoices.dueDate'), render: (_, i) => i.dueDate },
          { key: 'amount', title: t('invoices.amount'), align: 'right', render: (_, i) => money(i.amount) },
          {
            key: 'settled',
            title: t('invoices.settled'),
            align: 'right',
            render: (_, i) => money(i.settled),
          },
          {
            key: 'state',
            title: t('invoices.status'),
            render: (_, i) =>
              i.settled === i.amount ? (
                <Tag color="green">{t('invoice.instalmentPaid')}</Tag>
              ) : isZero(i.settled) ? (
                <Tag>{t('invoice.instalmentOpen')}</Tag>
              ) : (
                <Tag color="gold">{t('invoice.instalmentPartial')}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}

function Settlements({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useLedgerLabels();
  return (
    <Card size="small" title={t('invoice.settlements')}>
      <Table<InvoiceSettlement>
        rowKey={(s) =>
          `${s.at}:${s.kind}:${s.payment ?? ''}:${s.offsetInvoice ?? ''}:${s.statement?.id ?? ''}:${s.amount}`
        }
        size="small"
        pagination={false}
        dataSource={invoice.settlements}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('invoice.settlementsEmpty') }}
        data-testid="invoice-settlements"
        columns={[
          { key: 'at', title: t('invoice.at'), render: (_, s) => formatDateTime(s.at) },
          {
            key: 'kind',
            title: t('invoice.settlementKind'),
            render: (_, s) => labels.settlementKind(s.kind),
          },
          { key: 'amount', title: t('invoices.amount'), align: 'right', render: (_, s) => money(s.amount) },
          {
            key: 'payment',
            title: t('payment.number'),
            render: (_, s) => s.payment ?? s.offsetInvoice ?? s.statement?.number ?? '—',
          },
          { key: 'channel', title: t('payment.channel'), render: (_, s) => labels.channel(s.channel) },
          { key: 'channelRef', title: t('payment.channelRef'), render: (_, s) => s.channelRef ?? '—' },
        ]}
      />
    </Card>
  );
}

function PayNotice({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const money = useMoney();
  const rights = useRights(invoice);
  if (!rights.payer) return null;
  if (rights.owing)
    return (
      <Alert
        type={invoice.status === 'overdue' ? 'warning' : 'info'}
        showIcon
        data-testid="invoice-pay-notice"
        title={t('invoice.payNotice', {
          amount: money(invoice.outstanding),
          issuer: invoice.issuer.name,
          reference: invoice.payTo.reference,
        })}
        description={t('invoice.payNoticeHint')}
      />
    );
  if (invoice.status === 'refund_due')
    return (
      <Alert
        type="info"
        showIcon
        data-testid="invoice-refund-notice"
        title={t('invoice.refundNotice', { amount: money(negateYuan(invoice.outstanding)) })}
      />
    );
  return null;
}

function InvoiceView({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useApiData(id, () => unwrap(api.GET('/api/invoices/{id}', { params: { path: { id } } })));
  const [answered, setAnswered] = useState<InvoiceDetail | null>(null);
  const data = answered ?? detail.data;
  if (detail.error && !data) {
    if (isApiError(detail.error) && detail.error.status === 404) return <NotFound />;
    return <LoadError error={detail.error} onRetry={detail.reload} />;
  }
  if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const saved = (invoice: InvoiceDetail | null) => {
    if (invoice) setAnswered(invoice);
    else {
      setAnswered(null);
      detail.reload();
    }
  };
  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="middle">
        <Flex align="center" gap="small">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title-invoice">
            {t('invoice.title', { number: data.number })}
          </Typography.Title>
          <InvoiceStatusTag status={data.status} />
        </Flex>
        <Actions invoice={data} onSaved={saved} />
      </Flex>
      <PayNotice invoice={data} />
      <Card size="small">
        <Facts invoice={data} />
      </Card>
      <Instalments invoice={data} />
      <Settlements invoice={data} />
    </Flex>
  );
}

function InvoicePage({ base }: { base: Base }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  if (!isUuid(id)) return <NotFound />;
  const back = base === '/bills' ? '/bills' : `${base}?tab=invoices`;
  return (
    <>
      <Link to={back} style={{ display: 'inline-block', marginBottom: 8 }} data-testid="invoice-back">
        {base === '/bills' ? t('invoice.backBills') : t('invoice.back')}
      </Link>
      <InvoiceView key={id} id={id} />
    </>
  );
}

/** 账单详情 `/bills/:id`: the payer's view of one invoice: what to pay, by when, and the memo to quote. */
export function BillDetailPage() {
  return <InvoicePage base="/bills" />;
}

/** `/finance/invoices/:id`: the issuing insurer's view, with payments, credit and refunds. */
export function FinanceInvoicePage() {
  return <InvoicePage base="/finance" />;
}

/** `/reconciliation/invoices/:id`: a reader of the whole ledger. */
export function ReconciliationInvoicePage() {
  return <InvoicePage base="/reconciliation" />;
}
