import { Permission } from '@kebao/domain/org';
import {
  App,
  Button,
  type ButtonProps,
  Card,
  Descriptions,
  Flex,
  Popconfirm,
  Skeleton,
  Table,
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
import { absYuan } from '../../ledger/forms.ts';
import { statementReading } from '../../ledger/oversight.ts';
import type { SettlementDetail, SettlementLine } from '../../ledger/types.ts';
import { exportFormats } from '../../ledger/vocabulary.ts';
import { isUuid } from '../../policy/vocabulary.ts';
import { useMoney } from '../policy/labels.tsx';
import { StatementStatusTag, useLedgerLabels } from './labels.tsx';
import { SettleModal } from './SettlementModals.tsx';

function Actions({
  statement,
  onSaved,
}: {
  statement: SettlementDetail;
  onSaved: (statement: SettlementDetail) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [settling, setSettling] = useState(false);
  const [voiding, setVoiding] = useState(false);
  // Only the drawer settles or voids, and only while open: an insurer its own, a funder its subsidy ones.
  const manages =
    statement.drawer.id === me.organisation.id &&
    statement.status === 'open' &&
    hasAnyPermission(me, [statement.kind === 'subsidy' ? Permission.SubsidyManage : Permission.LedgerManage]);

  const voidIt = async () => {
    setVoiding(true);
    try {
      const saved = await unwrap(
        api.POST('/api/settlements/{id}/void', { params: { path: { id: statement.id } } }),
      );
      void message.success(t('settlement.voided', { number: saved.number }));
      onSaved(saved);
    } catch (error) {
      notifyError(error);
    } finally {
      setVoiding(false);
    }
  };

  return (
    <Flex gap="small" wrap>
      {exportFormats.map((format) => (
        <Button
          key={format}
          href={`/api/settlements/${statement.id}/export?format=${format}`}
          download
          data-testid={`settlement-export-${format}`}
        >
          {t(`finance.download.${format}`)}
        </Button>
      ))}
      {manages ? (
        <Popconfirm
          title={t('settlement.voidConfirm')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, ...testId<ButtonProps>('settlement-void-confirm') }}
          onConfirm={() => void voidIt()}
        >
          <Button danger loading={voiding} data-testid="settlement-void">
            {t('settlement.void')}
          </Button>
        </Popconfirm>
      ) : null}
      {manages ? (
        <Button type="primary" onClick={() => setSettling(true)} data-testid="settlement-settle">
          {t('settlement.settle')}
        </Button>
      ) : null}
      {settling ? (
        <SettleModal
          statement={statement}
          onClose={() => setSettling(false)}
          onSaved={(saved) => {
            setSettling(false);
            onSaved(saved);
          }}
        />
      ) : null}
    </Flex>
  );
}

function StatementView({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const money = useMoney();
  const labels = useLedgerLabels();
  const detail = useApiData(id, () => unwrap(api.GET('/api/settlements/{id}', { params: { path: { id } } })));
  const [answered, setAnswered] = useState<SettlementDetail | null>(null);
  const data = answered ?? detail.data;
  if (detail.error && !data) {
    if (isApiError(detail.error) && detail.error.status === 404) return <NotFound />;
    return <LoadError error={detail.error} onRetry={detail.reload} />;
  }
  if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;
  // A party reads its own side (我方应付); the regulator and the platform the drawer's (出具方应付).
  const reading = statementReading(data, me.organisation.id);
  // A subsidy statement lists one line per grant, with its programme.
  const programmes = data.lines.some((l) => l.programme !== null);
  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="middle">
        <Flex align="center" gap="small">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title-settlement">
            {t('settlement.title', { kind: labels.statementKind(data.kind), number: data.number })}
          </Typography.Title>
          <StatementStatusTag status={data.status} />
        </Flex>
        <Actions statement={data} onSaved={setAnswered} />
      </Flex>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          data-testid="settlement-facts"
          items={[
            { key: 'kind', label: t('settlements.kind'), children: labels.statementKind(data.kind) },
            { key: 'drawer', label: t('settlement.drawer'), children: data.drawer.name },
            { key: 'counterparty', label: t('settlement.counterparty'), children: data.counterparty.name },
            { key: 'asOf', label: t('settlements.asOf'), children: data.asOf },
            {
              key: 'amount',
              label: t('settlements.amount'),
              children: (
                <Typography.Text strong data-testid="settlement-amount">
                  {money(absYuan(data.amount))}{' '}
                  {reading.party
                    ? labels.direction(reading.direction)
                    : t(`settlements.drawerDirections.${reading.direction}`)}
                </Typography.Text>
              ),
            },
            { key: 'items', label: t('settlements.items'), children: data.items },
            { key: 'createdAt', label: t('settlements.createdAt'), children: formatDateTime(data.createdAt) },
            ...(data.settledAt
              ? [
                  {
                    key: 'settledAt',
                    label: t('settlement.settledAt'),
                    children: formatDateTime(data.settledAt),
                  },
                ]
              : []),
            ...(data.channelRef
              ? [{ key: 'channelRef', label: t('settlement.bankRef'), children: data.channelRef }]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('settlement.lines')}>
        <Table<SettlementLine>
          rowKey={(l) => `${l.policy.id}:${l.account}:${l.programme?.code ?? ''}`}
          size="small"
          dataSource={data.lines}
          pagination={data.lines.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('settlement.linesEmpty') }}
          data-testid="settlement-lines"
          columns={[
            {
              key: 'policy',
              title: t('invoices.policy'),
              render: (_, l) => <Link to={`/policies/${l.policy.id}`}>{l.policy.number}</Link>,
            },
            { key: 'enterprise', title: t('settlement.insured'), render: (_, l) => l.enterprise },
            { key: 'product', title: t('settlement.product'), render: (_, l) => l.productCode },
            { key: 'class', title: t('settlement.statisticalClass'), render: (_, l) => l.statisticalClass },
            { key: 'period', title: t('settlement.period'), render: (_, l) => l.period },
            ...(programmes
              ? [
                  {
                    key: 'programme',
                    title: t('settlement.programme'),
                    render: (_: unknown, l: SettlementLine) =>
                      l.programme ? (
                        <Link to={`/subsidy/programmes/${l.programme.code}`}>{l.programme.name}</Link>
                      ) : (
                        '—'
                      ),
                  },
                ]
              : []),
            { key: 'account', title: t('finance.account'), render: (_, l) => l.accountName },
            {
              key: 'amount',
              title: t('settlement.lineAmount'),
              align: 'right',
              render: (_, l) => money(l.amount),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}

function StatementPage({ base }: { base: '/finance' | '/bills' | '/reconciliation' }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  if (!isUuid(id)) return <NotFound />;
  return (
    <>
      <Link
        to={`${base}?tab=settlements`}
        style={{ display: 'inline-block', marginBottom: 8 }}
        data-testid="settlement-back"
      >
        {t('settlement.back')}
      </Link>
      <StatementView key={id} id={id} />
    </>
  );
}

/** 结算单详情 `/finance/settlements/:id` (insurers): the statement, its lines per policy, export, settle and void. */
export function SettlementDetailPage() {
  return <StatementPage base="/finance" />;
}

/** 补贴结算单详情 `/bills/settlements/:id` (subsidy funders): the same, under 应付补贴. */
export function FunderSettlementDetailPage() {
  return <StatementPage base="/bills" />;
}

/**
 * 结算单详情 `/reconciliation/settlements/:id` (the regulator and the platform): any statement, read-only —
 * its lines and export; only the drawer settles or voids.
 */
export function ReconciliationSettlementPage() {
  return <StatementPage base="/reconciliation" />;
}
