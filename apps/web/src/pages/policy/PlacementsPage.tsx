import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import type { PlacementSummary } from '../../policy/types.ts';
import { type PlacementStatus, placementStatuses } from '../../policy/vocabulary.ts';
import { PlacementStatusTag, usePercent } from './labels.tsx';
import { StatusList } from './StatusList.tsx';

/** 共保安排 `/placements`: the slips the company leads or is invited to, newest first. */
export function PlacementsPage() {
  const { t } = useTranslation();
  const percent = usePercent();

  return (
    <>
      <PageHeader page="placements" title={t('placements.title')} />
      <Typography.Paragraph type="secondary">{t('placements.intro')}</Typography.Paragraph>
      <StatusList<PlacementSummary, PlacementStatus>
        section="placements"
        statusLabel={(s) => t(`placements.statuses.${s}`)}
        statuses={placementStatuses}
        load={(query) => unwrap(api.GET('/api/placements', { params: { query } }))}
        emptyText={t('placements.empty')}
        columns={[
          {
            key: 'quote',
            title: t('placements.quoteNumber'),
            render: (_, p) => (
              <Link to={`/placements/${p.id}`} data-testid="placement-link">
                {p.quoteNumber}
              </Link>
            ),
          },
          { key: 'enterprise', title: t('placements.enterprise'), render: (_, p) => p.enterpriseName },
          {
            key: 'lead',
            title: t('placements.lead'),
            render: (_, p) =>
              p.poolCode ? t('placements.leadOfPool', { name: p.leadName, pool: p.poolCode }) : p.leadName,
          },
          {
            key: 'status',
            title: t('placements.status'),
            render: (_, p) => <PlacementStatusTag status={p.status} />,
          },
          {
            key: 'writtenTotal',
            title: t('placements.writtenTotal'),
            align: 'right',
            render: (_, p) => percent(p.writtenTotal),
          },
          {
            key: 'createdAt',
            title: t('placements.createdAt'),
            render: (_, p) => formatDateTime(p.createdAt),
          },
        ]}
      />
    </>
  );
}
