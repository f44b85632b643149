import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { absYuan, viewerDirection } from '../../ledger/forms.ts';
import type { SettlementSummary } from '../../ledger/types.ts';
import { type StatementStatus, statementStatuses } from '../../ledger/vocabulary.ts';
import { useMoney } from '../policy/labels.tsx';
import { StatusList } from '../policy/StatusList.tsx';
import { StatementStatusTag, useLedgerLabels } from './labels.tsx';

/**
 * Settlement statements the organisation drew up or is the counterparty of, newest first: an insurer's in
 * 财务 (with followers, reinsurers and subsidy funders), a funder's in 应付补贴 (with insurers).
 */
export function SettlementsPanel({
  version,
  base,
  emptyText,
}: {
  version: number;
  base: '/finance' | '/bills';
  emptyText: string;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const money = useMoney();
  const labels = useLedgerLabels();
  return (
    <StatusList<SettlementSummary, StatementStatus>
      section="settlements"
      statusLabel={(s) => t(`settlements.statuses.${s}`)}
      statuses={statementStatuses}
      filterKey={String(version)}
      load={(query) => unwrap(api.GET('/api/settlements', { params: { query } }))}
      emptyText={emptyText}
      columns={[
        {
          key: 'number',
          title: t('settlements.number'),
          render: (_, s) => (
            <Link to={`${base}/settlements/${s.id}`} data-testid="settlement-link">
              {s.number}
            </Link>
          ),
        },
        { key: 'kind', title: t('settlements.kind'), render: (_, s) => labels.statementKind(s.kind) },
        {
          key: 'parties',
          title: t('settlements.parties'),
          render: (_, s) =>
            s.drawer.id === me.organisation.id ? (
              s.counterparty.name
            ) : (
              <>
                {s.drawer.name}{' '}
                <Typography.Text type="secondary">{t('settlements.drawnByOther')}</Typography.Text>
              </>
            ),
        },
        { key: 'asOf', title: t('settlements.asOf'), render: (_, s) => s.asOf },
        { key: 'items', title: t('settlements.items'), align: 'right', render: (_, s) => s.items },
        {
          key: 'amount',
          title: t('settlements.amount'),
          align: 'right',
          render: (_, s) => (
            <>
              {money(absYuan(s.amount))}{' '}
              <Typography.Text type="secondary">
                {labels.direction(viewerDirection(s, me.organisation.id))}
              </Typography.Text>
            </>
          ),
        },
        {
          key: 'createdAt',
          title: t('settlements.createdAt'),
          render: (_, s) => formatDateTime(s.createdAt),
        },
        {
          key: 'status',
          title: t('settlements.status'),
          render: (_, s) => <StatementStatusTag status={s.status} />,
        },
      ]}
    />
  );
}
