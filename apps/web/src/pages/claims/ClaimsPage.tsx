import { Permission } from '@kebao/domain/org';
import { Button, Card, Checkbox, Empty, Flex, Statistic, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { claimPath, dueDay, foreignAmountText } from '../../claims/forms.ts';
import type { ClaimQuery, ClaimSummary } from '../../claims/types.ts';
import { type ClaimStatus, claimStatuses } from '../../claims/vocabulary.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMoney } from '../policy/labels.tsx';
import { StatusList } from '../policy/StatusList.tsx';
import { FileClaimModal } from './FileClaimModal.tsx';
import { ClaimStatusTag, OverdueTag } from './labels.tsx';

type Counts = { all: number; overdue: number } & Record<ClaimStatus, number>;

/** How many claims the viewer sees in all, overdue and in each status: the `total` of one-row pages. */
function useCounts() {
  return useApiData('claims-summary', async (): Promise<Counts> => {
    const total = (query: ClaimQuery) =>
      unwrap(api.GET('/api/claims', { params: { query: { ...query, limit: 1 } } })).then((p) => p.total);
    const [all, overdue, ...byStatus] = await Promise.all([
      total({}),
      total({ overdue: true }),
      ...claimStatuses.map((status) => total({ status })),
    ]);
    const counts = { all: all ?? 0, overdue: overdue ?? 0 } as Counts;
    claimStatuses.forEach((status, i) => {
      counts[status] = byStatus[i] ?? 0;
    });
    return counts;
  });
}

/**
 * 理赔概况: how many claims there are, how many are past their step's time limit (the backlog a regulator
 * watches) and how many are in each status.
 */
function Summary({ onOverdue }: { onOverdue: () => void }) {
  const { t } = useTranslation();
  const counts = useCounts();
  if (counts.error || !counts.data) return null;
  const data = counts.data;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="claims-summary">
      <Flex gap="large" wrap>
        <Statistic title={t('claims.summaryAll')} value={data.all} data-testid="claims-count-all" />
        <button
          type="button"
          onClick={onOverdue}
          style={{ background: 'none', border: 'none', padding: 0, cursor: 'pointer', textAlign: 'start' }}
          data-testid="claims-count-overdue"
        >
          <Statistic
            title={t('claims.summaryOverdue')}
            value={data.overdue}
            styles={{ content: data.overdue > 0 ? { color: '#cf1322' } : {} }}
          />
        </button>
        {claimStatuses.map((status) => (
          <Statistic
            key={status}
            title={t(`claims.statuses.${status}`)}
            value={data[status]}
            data-testid={`claims-count-${status}`}
          />
        ))}
      </Flex>
    </Card>
  );
}

/** The amount claimed: yuan, and the foreign amount it was converted from. */
function Claimed({ claim }: { claim: ClaimSummary }) {
  const money = useMoney();
  return (
    <Flex vertical gap={0}>
      <span data-testid="claim-claimed">{money(claim.claimed)}</span>
      {claim.currency !== 'CNY' && claim.claimedForeign !== null ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {foreignAmountText(claim.claimedForeign, claim.currency)}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/**
 * 理赔 `/claims`: the claims the viewer is party to (all of them for the regulator and the platform), with
 * their status and whether the current step is overdue; a policyholder files a new one (报案) here.
 */
export function ClaimsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const money = useMoney();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [filing, setFiling] = useState(false);
  const overdue = params.get('overdue') === '1';
  const files = hasAnyPermission(me, [Permission.ClaimFile]);
  const readsAll = hasAnyPermission(me, [Permission.ClaimReadAll]);
  const readsPolicies = hasAnyPermission(me, [
    Permission.QuoteRequest,
    Permission.QuoteUnderwrite,
    Permission.PolicyReadAll,
  ]);
  const setOverdue = (on: boolean) =>
    setParams(on ? new URLSearchParams({ overdue: '1' }) : new URLSearchParams());

  const columns: ColumnsType<ClaimSummary> = [
    {
      key: 'number',
      title: t('claims.number'),
      render: (_, c) => (
        <Link to={claimPath(c.id)} data-testid="claim-link">
          {c.number}
        </Link>
      ),
    },
    {
      key: 'policy',
      title: t('claims.policy'),
      render: (_, c) =>
        readsPolicies ? (
          <Link to={`/policies/${c.policy.id}`} data-testid="claim-policy">
            {c.policy.number}
          </Link>
        ) : (
          c.policy.number
        ),
    },
    ...(files
      ? []
      : [
          {
            key: 'enterprise',
            title: t('claims.enterprise'),
            render: (_: unknown, c: ClaimSummary) => c.enterprise.name,
          },
        ]),
    { key: 'lead', title: t('claims.lead'), render: (_, c) => c.lead.name },
    { key: 'product', title: t('claims.product'), render: (_, c) => c.product.name },
    {
      key: 'status',
      title: t('claims.status'),
      render: (_, c) => (
        <Flex gap={4} wrap>
          <ClaimStatusTag status={c.status} label={c.statusLabel} />
          {c.overdue ? <OverdueTag /> : null}
        </Flex>
      ),
    },
    { key: 'lossDate', title: t('claims.lossDate'), render: (_, c) => c.lossDate },
    { key: 'claimed', title: t('claims.claimed'), align: 'right', render: (_, c) => <Claimed claim={c} /> },
    ...(files
      ? []
      : [
          {
            key: 'incurred',
            title: t('claims.incurred'),
            align: 'right' as const,
            render: (_: unknown, c: ClaimSummary) => money(c.incurred),
          },
        ]),
    {
      key: 'paid',
      title: t('claims.paid'),
      align: 'right',
      render: (_, c) => <span data-testid="claim-paid">{money(c.paid)}</span>,
    },
    { key: 'due', title: t('claims.due'), render: (_, c) => dueDay(c.dueAt) ?? '—' },
    { key: 'reportedOn', title: t('claims.reportedOn'), render: (_, c) => c.reportedOn },
  ];

  return (
    <>
      <PageHeader
        page="claims"
        title={t('claims.title')}
        extra={
          files ? (
            <Button type="primary" onClick={() => setFiling(true)} data-testid="claim-file-open">
              {t('claims.file')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">
        {files ? t('claims.introClaimant') : readsAll ? t('claims.introAll') : t('claims.introInsurer')}
      </Typography.Paragraph>
      <Summary onOverdue={() => setOverdue(true)} />
      <StatusList<ClaimSummary, ClaimStatus>
        section="claims"
        statuses={claimStatuses}
        statusLabel={(s) => t(`claims.statuses.${s}`)}
        filterKey={overdue ? 'overdue' : ''}
        filters={
          <Checkbox
            checked={overdue}
            onChange={(e) => setOverdue(e.target.checked)}
            data-testid="claims-overdue-filter"
          >
            {t('claims.overdueOnly')}
          </Checkbox>
        }
        load={({ status, limit, offset }) =>
          unwrap(
            api.GET('/api/claims', {
              params: {
                query: { ...(status ? { status } : {}), ...(overdue ? { overdue } : {}), limit, offset },
              },
            }),
          )
        }
        emptyText={
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              overdue ? t('claims.emptyOverdue') : files ? t('claims.emptyClaimant') : t('claims.empty')
            }
            data-testid="claims-empty"
          />
        }
        columns={columns}
      />
      {filing ? (
        <FileClaimModal
          onClose={() => setFiling(false)}
          onFiled={(claim) => {
            setFiling(false);
            void navigate(claimPath(claim.id));
          }}
        />
      ) : null}
    </>
  );
}
