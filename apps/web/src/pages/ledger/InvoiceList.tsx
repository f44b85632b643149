import { Flex, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { invoicePath, isNegative, type Payer, payerKey, readPayerKey } from '../../ledger/forms.ts';
import type { InvoiceSummary } from '../../ledger/types.ts';
import { type InvoiceFilter, invoiceFilters } from '../../ledger/vocabulary.ts';
import { isUuid } from '../../policy/vocabulary.ts';
import { useMoney } from '../policy/labels.tsx';
import { StatusList } from '../policy/StatusList.tsx';
import { InvoiceStatusTag, useLedgerLabels } from './labels.tsx';

interface InvoiceListProps {
  /** issued: the insurer's own invoices; billed: those addressed to the caller; none: all it may read. */
  side?: 'issued' | 'billed';
  /** The list the invoice pages open under. */
  base: '/finance' | '/reconciliation' | '/bills';
  /** Which parties to show: the payer (insurers), the issuer (payers), or both (readers of everything). */
  parties: 'payer' | 'issuer' | 'both';
  /** The payers to filter by (insurers). */
  payers?: readonly Payer[];
  emptyText: ReactNode;
}

/**
 * Invoices with their status filter, paginated; `?policyId=` (the link from a policy) and `?payer=`
 * narrow the list and are kept in the address.
 */
export function InvoiceList({ side, base, parties, payers, emptyText }: InvoiceListProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useLedgerLabels();
  const [params, setParams] = useSearchParams();
  const policyParam = params.get('policyId');
  const policyId = policyParam && isUuid(policyParam) ? policyParam : undefined;
  const payer = readPayerKey(params.get('payer') ?? undefined);

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined) next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<InvoiceSummary> = [
    {
      key: 'number',
      title: t('invoices.number'),
      render: (_, i) => (
        <Link to={invoicePath(base, i.id)} data-testid="invoice-link">
          {i.number}
        </Link>
      ),
    },
    { key: 'kind', title: t('invoices.kind'), render: (_, i) => labels.invoiceKind(i.kind) },
    {
      key: 'policy',
      title: t('invoices.policy'),
      render: (_, i) => <Link to={`/policies/${i.policy.id}`}>{i.policy.number}</Link>,
    },
    ...(parties !== 'payer'
      ? [
          {
            key: 'issuer',
            title: t('invoices.issuer'),
            render: (_: unknown, i: InvoiceSummary) => i.issuer.name,
          },
        ]
      : []),
    ...(parties !== 'issuer'
      ? [
          {
            key: 'payer',
            title: t('invoices.payer'),
            render: (_: unknown, i: InvoiceSummary) => i.payer.name,
          },
        ]
      : []),
    {
      key: 'amount',
      title: t('invoices.amount'),
      align: 'right',
      render: (_, i) => (
        <Typography.Text type={isNegative(i.amount) ? 'success' : undefined}>
          {money(i.amount)}
        </Typography.Text>
      ),
    },
    {
      key: 'outstanding',
      title: t('invoices.outstanding'),
      align: 'right',
      render: (_, i) => <span data-testid="invoice-outstanding">{money(i.outstanding)}</span>,
    },
    { key: 'dueDate', title: t('invoices.dueDate'), render: (_, i) => i.dueDate },
    { key: 'status', title: t('invoices.status'), render: (_, i) => <InvoiceStatusTag status={i.status} /> },
  ];

  return (
    <StatusList<InvoiceSummary, InvoiceFilter>
      section="invoices"
      statusLabel={(s) => t(`invoices.statuses.${s}`)}
      statuses={invoiceFilters}
      filterKey={`${side ?? ''}:${policyId ?? ''}:${payer ? payerKey(payer) : ''}`}
      filters={
        <>
          {payers ? (
            <Flex gap="small" align="center">
              <Typography.Text>{t('invoices.payer')}</Typography.Text>
              <Select<string>
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('common.all')}
                style={{ width: 260 }}
                value={payer ? payerKey(payer) : undefined}
                onChange={(value) => setParam('payer', value)}
                options={payers.map((p) => ({ value: payerKey(p), label: p.name }))}
                data-testid="invoices-payer-filter"
              />
            </Flex>
          ) : null}
          {policyId ? (
            <Tag
              closable
              onClose={() => setParam('policyId', undefined)}
              data-testid="invoices-policy-filter"
            >
              {t('invoices.policyFilter')}
            </Tag>
          ) : null}
        </>
      }
      load={({ status, limit, offset }) =>
        unwrap(
          api.GET('/api/invoices', {
            params: {
              query: {
                ...(side ? { side } : {}),
                ...(status ? { status } : {}),
                ...(policyId ? { policyId } : {}),
                ...(payer ? { payerId: payer.id } : {}),
                limit,
                offset,
              },
            },
          }),
        )
      }
      emptyText={emptyText}
      columns={columns}
    />
  );
}
