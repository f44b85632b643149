import { Flex, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type { PolicySummary } from '../../policy/types.ts';
import { type PolicyStatus, policyStatuses } from '../../policy/vocabulary.ts';
import { PolicyStatusTag, useMoney } from './labels.tsx';

/** 保单 `/policies`: the policies the organisation is party to (every policy for readers of all), newest first. */
export function PoliciesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();
  const [status, setStatus] = useState<PolicyStatus | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const policies = useApiData(`${status ?? ''}:${paging.page}:${paging.pageSize}`, () =>
    unwrap(
      api.GET('/api/policies', {
        params: { query: { status, limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize } },
      }),
    ),
  );

  return (
    <>
      <PageHeader page="policies" title={t('policies.title')} />
      <Typography.Paragraph type="secondary">{t('policies.intro')}</Typography.Paragraph>
      <Flex gap="middle" align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('policies.status')}</Typography.Text>
        <Select<PolicyStatus>
          allowClear
          placeholder={t('common.all')}
          style={{ width: 160 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={policyStatuses.map((s) => ({ value: s, label: t(`policies.statuses.${s}`) }))}
          data-testid="policies-status-filter"
        />
      </Flex>
      {policies.error ? (
        <LoadError error={policies.error} onRetry={policies.reload} />
      ) : (
        <Table<PolicySummary>
          rowKey="id"
          loading={policies.loading}
          dataSource={policies.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('policies.empty') }}
          data-testid="policies-table"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: policies.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
          columns={[
            {
              key: 'number',
              title: t('policies.number'),
              render: (_, p) => (
                <Link to={`/policies/${p.id}`} data-testid="policy-link">
                  {p.number}
                </Link>
              ),
            },
            { key: 'insured', title: t('policies.insured'), render: (_, p) => p.enterprise.name },
            {
              key: 'product',
              title: t('policies.product'),
              render: (_, p) => (
                <Flex vertical>
                  {pick(p.product.names, language)}
                  <Typography.Text type="secondary">{p.product.code}</Typography.Text>
                </Flex>
              ),
            },
            {
              key: 'period',
              title: t('policies.period'),
              render: (_, p) => t('quoteDetail.periodValue', { start: p.startDate, end: p.endDate }),
            },
            {
              key: 'sumInsured',
              title: t('policies.sumInsured'),
              align: 'right',
              render: (_, p) => money(p.sumInsured),
            },
            {
              key: 'premium',
              title: t('policies.premium'),
              align: 'right',
              render: (_, p) => money(p.premium),
            },
            {
              key: 'status',
              title: t('policies.status'),
              render: (_, p) => <PolicyStatusTag status={p.status} />,
            },
          ]}
        />
      )}
    </>
  );
}
