import { Permission } from '@kebao/domain/org';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Flex,
  Input,
  Popconfirm,
  Result,
  Skeleton,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { testId } from '../../components/testId.ts';
import { formatDateTime, todayInShanghai } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { previousMonth } from '../../ledger/forms.ts';
import type { CloseView, TrialBalanceRow, VerifyProblem } from '../../ledger/types.ts';
import { isOneOf } from '../../policy/vocabulary.ts';
import { useMoney } from '../policy/labels.tsx';
import { InvoiceList } from './InvoiceList.tsx';
import { SettlementOversight } from './SettlementOversight.tsx';

const tabs = ['trial', 'verify', 'closes', 'invoices', 'settlements'] as const;
type ReconciliationTab = (typeof tabs)[number];

const natures = ['asset', 'liability', 'income', 'expense'] as const;

/** 试算平衡: the platform's trial balance (every organisation's books together), which must sum to zero. */
function TrialBalancePanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();
  const trial = useApiData('trial', () => unwrap(api.GET('/api/ledger/trial-balance')));
  if (trial.error) return <LoadError error={trial.error} onRetry={trial.reload} />;
  if (!trial.data) return <Skeleton active paragraph={{ rows: 6 }} />;
  const data = trial.data;
  return (
    <Flex vertical gap="middle">
      <Flex gap="small" align="center" wrap>
        <Tag
          color={data.balanced ? 'green' : 'red'}
          data-testid="trial-balanced"
          data-balanced={String(data.balanced)}
        >
          {data.balanced ? t('reconciliation.balanced') : t('reconciliation.unbalanced')}
        </Tag>
        <Typography.Text type="secondary">
          {t('reconciliation.trialIntro', {
            date: data.asOf,
            scope: data.scope === 'platform' ? t('reconciliation.platform') : data.scope,
          })}
        </Typography.Text>
        <Button size="small" onClick={trial.reload} loading={trial.loading}>
          {t('common.reload')}
        </Button>
      </Flex>
      <Table<TrialBalanceRow>
        rowKey="account"
        size="small"
        dataSource={data.rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('reconciliation.trialEmpty') }}
        data-testid="trial-table"
        columns={[
          { key: 'account', title: t('finance.account'), render: (_, r) => pick(r.names, language) },
          {
            key: 'nature',
            title: t('reconciliation.nature'),
            render: (_, r) =>
              isOneOf(natures, r.nature) ? t(`reconciliation.natures.${r.nature}`) : r.nature,
          },
          { key: 'debit', title: t('finance.debit'), align: 'right', render: (_, r) => money(r.debit) },
          { key: 'credit', title: t('finance.credit'), align: 'right', render: (_, r) => money(r.credit) },
          {
            key: 'balance',
            title: t('reconciliation.balance'),
            align: 'right',
            render: (_, r) => money(r.balance),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              <Typography.Text strong>{t('reconciliation.total')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <span data-testid="trial-total-debit">{money(data.totalDebit)}</span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              <span data-testid="trial-total-credit">{money(data.totalCredit)}</span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} />
          </Table.Summary.Row>
        )}
      />
    </Flex>
  );
}

/** 账务核验: every entry balanced, invoices and statements agreeing with the journal — or each problem named. */
function VerifyPanel() {
  const { t } = useTranslation();
  const money = useMoney();
  const report = useApiData('verify', () => unwrap(api.GET('/api/ledger/verify')));
  if (report.error) return <LoadError error={report.error} onRetry={report.reload} />;
  if (!report.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  const data = report.data;
  const again = (
    <Button onClick={report.reload} loading={report.loading} data-testid="verify-again">
      {t('reconciliation.verifyAgain')}
    </Button>
  );
  if (data.ok)
    return (
      <Result
        status="success"
        title={t('reconciliation.verifyOk')}
        subTitle={t('reconciliation.verifyCounts', {
          entries: data.entries,
          lines: data.lines,
          total: money(data.trialBalanceTotal),
        })}
        extra={again}
        data-testid="verify-ok"
      />
    );
  return (
    <Flex vertical gap="middle">
      <Alert
        type="error"
        showIcon
        data-testid="verify-problems"
        title={t('reconciliation.verifyFailed', { count: data.problems.length })}
        description={t('reconciliation.verifyCounts', {
          entries: data.entries,
          lines: data.lines,
          total: money(data.trialBalanceTotal),
        })}
        action={again}
      />
      <Table<VerifyProblem>
        rowKey={(p) => `${p.code}:${p.subject}:${p.detail}`}
        size="small"
        dataSource={data.problems}
        pagination={data.problems.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        data-testid="verify-table"
        columns={[
          {
            key: 'code',
            title: t('reconciliation.problemCode'),
            render: (_, p) => <Tag color="red">{p.code}</Tag>,
          },
          {
            key: 'subject',
            title: t('reconciliation.problemSubject'),
            render: (_, p) => <Typography.Text copyable>{p.subject}</Typography.Text>,
          },
          { key: 'detail', title: t('reconciliation.problemDetail'), render: (_, p) => p.detail },
        ]}
      />
    </Flex>
  );
}

/** 月结: the months closed so far and, for the platform, closing the next one. */
function ClosesPanel() {
  const { t } = useTranslation();
  const me = useMe();
  const money = useMoney();
  const { message } = App.useApp();
  const canClose = hasAnyPermission(me, [Permission.LedgerClose]);
  const closes = useApiData('closes', () => unwrap(api.GET('/api/ledger/closes')));
  const [month, setMonth] = useState(() => previousMonth(todayInShanghai()));
  const [closing, setClosing] = useState(false);
  const [error, setError] = useState<unknown>();

  const close = async () => {
    setClosing(true);
    setError(undefined);
    try {
      const done = await unwrap(api.POST('/api/ledger/closes', { body: { month } }));
      void message.success(t('reconciliation.closed', { month: done.month, count: done.policies }));
      closes.reload();
    } catch (err) {
      // The server says why (not ended yet, closed already, out of order) in both languages.
      setError(err);
    } finally {
      setClosing(false);
    }
  };

  return (
    <Flex vertical gap="middle">
      {canClose ? (
        <Card size="small" title={t('reconciliation.closeTitle')}>
          <Flex vertical gap="small">
            <Typography.Text type="secondary">{t('reconciliation.closeHint')}</Typography.Text>
            <Flex gap="small" align="center" wrap>
              <Input
                type="month"
                value={month}
                onChange={(e) => setMonth(e.target.value)}
                style={{ width: 180 }}
                aria-label={t('reconciliation.month')}
                data-testid="close-month"
              />
              <Popconfirm
                title={t('reconciliation.closeConfirm', { month })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                okButtonProps={testId<ButtonProps>('close-confirm')}
                onConfirm={() => void close()}
                disabled={!/^\d{4}-\d{2}$/.test(month)}
              >
                <Button
                  type="primary"
                  loading={closing}
                  disabled={!/^\d{4}-\d{2}$/.test(month)}
                  data-testid="close-submit"
                >
                  {t('reconciliation.close')}
                </Button>
              </Popconfirm>
            </Flex>
            <ProblemAlert error={error} testId="close-error" />
          </Flex>
        </Card>
      ) : null}
      {closes.error ? (
        <LoadError error={closes.error} onRetry={closes.reload} />
      ) : (
        <Table<CloseView>
          rowKey="month"
          loading={closes.loading}
          dataSource={closes.data?.items ?? []}
          pagination={(closes.data?.items.length ?? 0) > 24 ? { pageSize: 24 } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('reconciliation.closesEmpty') }}
          data-testid="closes-table"
          columns={[
            { key: 'month', title: t('reconciliation.month'), render: (_, c) => c.month },
            {
              key: 'policies',
              title: t('reconciliation.policies'),
              align: 'right',
              render: (_, c) => c.policies,
            },
            {
              key: 'uprChange',
              title: t('reconciliation.uprChange'),
              align: 'right',
              render: (_, c) => money(c.uprChange),
            },
            {
              key: 'closedAt',
              title: t('reconciliation.closedAt'),
              render: (_, c) => formatDateTime(c.closedAt),
            },
          ]}
        />
      )}
    </Flex>
  );
}

/**
 * 账务核对 `/reconciliation` (regulators and the platform): the platform's trial balance, the reconciliation
 * report, the monthly closes (the platform closes months), every invoice and every settlement statement.
 */
export function ReconciliationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: ReconciliationTab = isOneOf(tabs, tabParam) ? tabParam : 'trial';
  const setTab = (key: string) => setParams(new URLSearchParams({ tab: key }), { replace: true });
  return (
    <>
      <PageHeader page="reconciliation" title={t('reconciliation.title')} />
      <Typography.Paragraph type="secondary">{t('reconciliation.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        data-testid="reconciliation-tabs"
        items={[
          {
            key: 'trial',
            label: <span data-testid="reconciliation-tab-trial">{t('reconciliation.tabs.trial')}</span>,
            children: <TrialBalancePanel />,
          },
          {
            key: 'verify',
            label: <span data-testid="reconciliation-tab-verify">{t('reconciliation.tabs.verify')}</span>,
            children: <VerifyPanel />,
          },
          {
            key: 'closes',
            label: <span data-testid="reconciliation-tab-closes">{t('reconciliation.tabs.closes')}</span>,
            children: <ClosesPanel />,
          },
          {
            key: 'invoices',
            label: <span data-testid="reconciliation-tab-invoices">{t('reconciliation.tabs.invoices')}</span>,
            children: (
              <InvoiceList base="/reconciliation" parties="both" emptyText={t('invoices.emptyAll')} />
            ),
          },
          {
            key: 'settlements',
            label: (
              <span data-testid="reconciliation-tab-settlements">{t('reconciliation.tabs.settlements')}</span>
            ),
            children: <SettlementOversight />,
          },
        ]}
      />
    </>
  );
}
