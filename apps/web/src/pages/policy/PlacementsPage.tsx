import { Flex, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import type { PlacementSummary } from '../../policy/types.ts';
import { type PlacementStatus, placementStatuses } from '../../policy/vocabulary.ts';
import { PlacementStatusTag, usePercent } from './labels.tsx';

/** 共保安排 `/placements`: the slips the company leads or is invited to, newest first. */
export function PlacementsPage() {
  const { t } = useTranslation();
  const percent = usePercent();
  const [status, setStatus] = useState<PlacementStatus | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const placements = useApiData(`${status ?? ''}:${paging.page}:${paging.pageSize}`, () =>
    unwrap(
      api.GET('/api/placements', {
        params: { query: { status, limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize } },
      }),
    ),
  );

  return (
    <>
      <PageHeader page="placements" title={t('placements.title')} />
      <Typography.Paragraph type="secondary">{t('placements.intro')}</Typography.Paragraph>
      <Flex gap="middle" align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('placements.status')}</Typography.Text>
        <Select<PlacementStatus>
          allowClear
          placeholder={t('common.all')}
          style={{ width: 160 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={placementStatuses.map((s) => ({ value: s, label: t(`placements.statuses.${s}`) }))}
          data-testid="placements-status-filter"
        />
      </Flex>
      {placements.error ? (
        <LoadError error={placements.error} onRetry={placements.reload} />
      ) : (
        <Table<PlacementSummary>
          rowKey="id"
          loading={placements.loading}
          dataSource={placements.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('placements.empty') }}
          data-testid="placements-table"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: placements.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
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
      )}
    </>
  );
}
