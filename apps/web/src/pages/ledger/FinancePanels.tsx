import { Button, Card, Flex, Form, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { type ApiData, useApiData } from '../../api/useApiData.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import {
  allCounterparties,
  isZero,
  naturalBalance,
  type StatementFilters,
  statementHref,
  statementQuery,
} from '../../ledger/forms.ts';
import type { BalanceRow, Balances, PaymentPage, StatementLine } from '../../ledger/types.ts';
import { exportFormats } from '../../ledger/vocabulary.ts';
import { useMoney } from '../policy/labels.tsx';
import { useLedgerLabels } from './labels.tsx';

// ---- 收款记录 ----------------------------------------------------------------------------------------

/** Payments received, by default only those with money not yet matched to an invoice (待匹配). */
export function PaymentsPanel({ version }: { version: number }) {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useLedgerLabels();
  const [unmatched, setUnmatched] = useState(true);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const rows = useApiData<PaymentPage>(
    `payments:${version}:${unmatched}:${paging.page}:${paging.pageSize}`,
    () =>
      unwrap(
        api.GET('/api/payments', {
          params: {
            query: {
              ...(unmatched ? { unmatched: true } : {}),
              limit: paging.pageSize,
              offset: (paging.page - 1) * paging.pageSize,
            },
          },
        }),
      ),
  );
  return (
    <Flex vertical gap="middle">
      <Flex gap="small" align="center" wrap>
        <Switch
          checked={unmatched}
          onChange={(checked) => {
            setUnmatched(checked);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          data-testid="payments-unmatched"
        />
        <Typography.Text>{t('payment.onlyUnmatched')}</Typography.Text>
        <Typography.Text type="secondary">{t('payment.unmatchedHint')}</Typography.Text>
      </Flex>
      {rows.error ? (
        <LoadError error={rows.error} onRetry={rows.reload} />
      ) : (
        <Table<PaymentPage['items'][number]>
          rowKey="id"
          loading={rows.loading}
          dataSource={rows.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: unmatched ? t('payment.emptyUnmatched') : t('payment.empty') }}
          data-testid="payments-table"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: rows.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
          columns={[
            {
              key: 'number',
              title: t('payment.number'),
              render: (_, p) => <span data-testid="payment-row-number">{p.number}</span>,
            },
            { key: 'receivedOn', title: t('payment.receivedOn'), render: (_, p) => p.receivedOn },
            { key: 'payer', title: t('payment.payer'), render: (_, p) => p.payer.name },
            {
              key: 'channel',
              title: t('payment.channel'),
              render: (_, p) => (
                <Flex vertical>
                  {labels.channel(p.channel)}
                  <Typography.Text type="secondary">{p.channelRef}</Typography.Text>
                </Flex>
              ),
            },
            { key: 'reference', title: t('payment.reference'), render: (_, p) => p.reference ?? '—' },
            { key: 'amount', title: t('payment.amount'), align: 'right', render: (_, p) => money(p.amount) },
            {
              key: 'applied',
              title: t('payment.applied'),
              align: 'right',
              render: (_, p) => money(p.applied),
            },
            {
              key: 'unapplied',
              title: t('payment.unapplied'),
              align: 'right',
              render: (_, p) =>
                isZero(p.unapplied) ? (
                  money(p.unapplied)
                ) : (
                  <Typography.Text type="warning" data-testid="payment-row-unapplied">
                    {money(p.unapplied)}
                  </Typography.Text>
                ),
            },
          ]}
        />
      )}
    </Flex>
  );
}

// ---- 往来余额 ----------------------------------------------------------------------------------------

const groups = [
  { key: 'receivable', natures: ['asset'] },
  { key: 'payable', natures: ['liability'] },
  { key: 'profitLoss', natures: ['income', 'expense'] },
] as const;

/** Balances of the organisation's books by account and counterparty: receivables, payables, income and cost. */
export function BalancesPanel({ balances }: { balances: ApiData<Balances> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();
  const [params, setParams] = useSearchParams();
  if (balances.error) return <LoadError error={balances.error} onRetry={balances.reload} />;
  const rows = balances.data?.items ?? [];
  const toStatement = (row: BalanceRow) => {
    const next = new URLSearchParams(params);
    next.set('tab', 'statement');
    next.set('counterparty', row.counterparty);
    next.set('account', row.account);
    setParams(next);
  };
  return (
    <Flex vertical gap="middle" data-testid="balances">
      <Typography.Text type="secondary">
        {t('finance.balancesIntro', { date: balances.data?.asOf ?? '—' })}
      </Typography.Text>
      {groups.map((group) => {
        const items = rows.filter((r) => (group.natures as readonly string[]).includes(r.nature));
        return (
          <Card key={group.key} size="small" title={t(`finance.groups.${group.key}`)}>
            <Table<BalanceRow>
              rowKey={(r) => `${r.account}:${r.counterparty}`}
              size="small"
              loading={balances.loading}
              dataSource={items}
              pagination={items.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('finance.balancesEmpty') }}
              data-testid={`balances-${group.key}`}
              columns={[
                {
                  key: 'counterparty',
                  title: t('finance.counterparty'),
                  render: (_, r) => <span data-testid="balance-counterparty">{r.counterpartyName}</span>,
                },
                { key: 'account', title: t('finance.account'), render: (_, r) => pick(r.names, language) },
                {
                  key: 'balance',
                  title: t('finance.balance'),
                  align: 'right',
                  render: (_, r) => (
                    <span data-testid="balance-amount">{money(naturalBalance(r.balance, r.nature))}</span>
                  ),
                },
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_, r) => (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => toStatement(r)}
                      data-testid="balance-statement"
                    >
                      {t('finance.openStatement')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        );
      })}
    </Flex>
  );
}

// ---- 对账单 ------------------------------------------------------------------------------------------

const statementParams = ['counterparty', 'account', 'from', 'to'] as const;

function readStatementFilters(params: URLSearchParams): StatementFilters {
  const filters: StatementFilters = {};
  for (const name of statementParams) filters[name] = params.get(name) ?? undefined;
  return filters;
}

/** The account statement (对账单) of the organisation's books: filters in the address, CSV and XLSX downloads. */
export function StatementPanel({ balances }: { balances: ApiData<Balances> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();
  const [params, setParams] = useSearchParams();
  const filters = readStatementFilters(params);
  const query = statementQuery(filters);
  const [form] = Form.useForm<StatementFilters>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const key = JSON.stringify(query);
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setPaging((p) => ({ ...p, page: 1 }));
  }
  // The address can change without this form (back, forward, 对账单 from a balance): the fields follow it.
  const shown = params.toString();
  useEffect(() => {
    form.setFieldsValue(readStatementFilters(new URLSearchParams(shown)));
  }, [form, shown]);
  const lines = useApiData(`statement:${key}:${paging.page}:${paging.pageSize}`, () =>
    unwrap(
      api.GET('/api/ledger/statement', {
        params: { query: { ...query, limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize } },
      }),
    ),
  );

  const rows = balances.data?.items ?? [];
  const accountNames = new Map(rows.map((r) => [r.account, pick(r.names, language)]));
  const counterpartyNames = new Map(rows.map((r) => [r.counterparty, r.counterpartyName]));
  const accountName = (account: string, fallback: string) => accountNames.get(account) ?? fallback;
  const apply = (values: StatementFilters) => {
    const next = new URLSearchParams(params);
    for (const name of statementParams) {
      const value = values[name]?.trim();
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };

  return (
    <Flex vertical gap="middle">
      <Form<StatementFilters>
        form={form}
        layout="inline"
        initialValues={filters}
        onFinish={apply}
        style={{ rowGap: 8 }}
        data-testid="statement-filters"
      >
        <Form.Item name="counterparty" label={t('finance.counterparty')}>
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('common.all')}
            style={{ width: 260 }}
            loading={balances.loading}
            options={allCounterparties(rows).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="statement-counterparty"
          />
        </Form.Item>
        <Form.Item name="account" label={t('finance.account')}>
          <Select<string>
            allowClear
            placeholder={t('common.all')}
            style={{ width: 200 }}
            options={[...accountNames].map(([value, label]) => ({ value, label }))}
            data-testid="statement-account"
          />
        </Form.Item>
        <Form.Item name="from" label={t('finance.from')}>
          <Input type="date" data-testid="statement-from" />
        </Form.Item>
        <Form.Item name="to" label={t('finance.to')}>
          <Input type="date" data-testid="statement-to" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="statement-search">
            {t('common.search')}
          </Button>
        </Form.Item>
      </Form>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Text type="secondary" data-testid="statement-period">
          {lines.data ? t('finance.period', { from: lines.data.from, to: lines.data.to }) : ''}
        </Typography.Text>
        <Flex gap="small">
          {exportFormats.map((format) => (
            <Button
              key={format}
              href={statementHref(format, filters)}
              download
              data-testid={`statement-${format}`}
            >
              {t(`finance.download.${format}`)}
            </Button>
          ))}
        </Flex>
      </Flex>
      {lines.data && lines.data.opening.length > 0 ? (
        <Flex gap="small" wrap align="center" data-testid="statement-opening">
          <Typography.Text>{t('finance.opening')}</Typography.Text>
          {lines.data.opening.map((o) => (
            <Tag key={o.account}>
              {accountName(o.account, o.account)} {money(o.balance)}
            </Tag>
          ))}
        </Flex>
      ) : null}
      {lines.error ? (
        <LoadError error={lines.error} onRetry={lines.reload} />
      ) : (
        <Table<StatementLine>
          rowKey={(l) => `${l.entryId}:${l.account}:${l.counterparty}:${l.debit}:${l.credit}`}
          loading={lines.loading}
          dataSource={lines.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('finance.statementEmpty') }}
          data-testid="statement-table"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: lines.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
          columns={[
            { key: 'postedAt', title: t('finance.postedAt'), render: (_, l) => formatDateTime(l.postedAt) },
            {
              key: 'account',
              title: t('finance.account'),
              render: (_, l) => accountName(l.account, l.accountName),
            },
            { key: 'description', title: t('finance.description'), render: (_, l) => l.description },
            {
              key: 'policy',
              title: t('invoices.policy'),
              render: (_, l) =>
                l.policy ? <Link to={`/policies/${l.policy.id}`}>{l.policy.number}</Link> : '—',
            },
            {
              key: 'counterparty',
              title: t('finance.counterparty'),
              render: (_, l) => counterpartyNames.get(l.counterparty) ?? l.counterparty,
            },
            {
              key: 'debit',
              title: t('finance.debit'),
              align: 'right',
              render: (_, l) => (isZero(l.debit) ? '' : money(l.debit)),
            },
            {
              key: 'credit',
              title: t('finance.credit'),
              align: 'right',
              render: (_, l) => (isZero(l.credit) ? '' : money(l.credit)),
            },
          ]}
        />
      )}
    </Flex>
  );
}
