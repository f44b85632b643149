import { Permission } from '@kebao/domain/org';
import { Alert, Button, Card, Empty, Flex, Segmented, Select, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { todayInShanghai } from '../../format/datetime.ts';
import { percentOf, trimDecimal } from '../../format/decimal.ts';
import { stackedColumnsOption } from '../../monitor/charts.ts';
import { EChart } from '../../monitor/EChart.tsx';
import {
  premiumTrend,
  readStatistics,
  type StatisticsQuery,
  type StatisticsRow,
  selectableYears,
  statisticsHref,
  statisticsTotal,
} from '../../monitor/statistics.ts';
import type { MonitorInsurer } from '../../monitor/types.ts';
import {
  type StatisticsGrouping,
  type StatisticsPeriod,
  statisticsGroupings,
  statisticsPeriods,
} from '../../monitor/vocabulary.ts';
import { useMoney } from '../policy/labels.tsx';
import { useAmountFormat, useMonitorLabels } from './labels.tsx';

const ratioText = (ratio: string | null) =>
  ratio === null ? '—' : `${trimDecimal(percentOf(ratio, 6), 2)}%`;

/**
 * 统计报表 `/monitor/statistics`: 《科技保险业务统计制度》 for a year — part 1 by product class, part 2 by
 * insured entity, or platform against registered business — monthly, quarterly or annual; the premium
 * trend, the table with its total, and the XLSX the server writes with the Chinese headers. A regulator
 * may narrow it to one insurer's lines; an insurer always sees its own.
 */
export function StatisticsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const money = useMoney();
  const labels = useMonitorLabels();
  const format = useAmountFormat();
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const readsAll = hasAnyPermission(me, [Permission.MonitorReadAll]);
  const [query, setQuery] = useState<StatisticsQuery>({ year: thisYear, period: 'quarter', by: 'class' });
  const report = useApiData(
    `statistics:${query.year}:${query.period}:${query.by}:${query.insurer ?? ''}`,
    () => unwrap(api.GET('/api/monitor/statistics', { params: { query } })).then(readStatistics),
  );
  // The insurer filter is the regulator's: an insurer's statistics are its own lines whatever it asks.
  const insurers = useApiData(`statistics-insurers:${readsAll}`, () =>
    readsAll
      ? unwrap(api.GET('/api/monitor/insurers')).then((answer) => answer.items)
      : Promise.resolve<MonitorInsurer[]>([]),
  );
  const data = report.data ?? null;
  const groupName = labels.bilingual;
  const trendOption = useMemo(() => {
    if (!data) return null;
    const trend = premiumTrend(data);
    return stackedColumnsOption(
      trend.periods,
      trend.series.map((s) => ({ name: groupName(s.name), values: s.values })),
      format,
    );
  }, [data, groupName, format]);

  const columns: ColumnsType<StatisticsRow> = [
    { key: 'period', title: t('statistics.columns.period'), render: (_, r) => r.period },
    {
      key: 'group',
      title: t('statistics.columns.group'),
      render: (_, r) => <span data-testid="statistics-group">{labels.bilingual(r.groupName, r.group)}</span>,
    },
    {
      key: 'policies',
      title: t('statistics.columns.policies'),
      align: 'right',
      render: (_, r) => <span data-testid="statistics-policies">{r.policies}</span>,
    },
    {
      key: 'enterprises',
      title: t('statistics.columns.enterprises'),
      align: 'right',
      render: (_, r) => r.enterprises,
    },
    {
      key: 'premium',
      title: t('statistics.columns.premium'),
      align: 'right',
      render: (_, r) => <span data-testid="statistics-premium">{money(r.premium)}</span>,
    },
    {
      key: 'sumInsured',
      title: t('statistics.columns.sumInsured'),
      align: 'right',
      render: (_, r) => <span data-testid="statistics-sum-insured">{money(r.sumInsured)}</span>,
    },
    {
      key: 'claimsPaid',
      title: t('statistics.columns.claimsPaid'),
      align: 'right',
      render: (_, r) => money(r.claimsPaid),
    },
    {
      key: 'claimsIncurred',
      title: t('statistics.columns.claimsIncurred'),
      align: 'right',
      render: (_, r) => money(r.claimsIncurred),
    },
    {
      key: 'lossRatio',
      title: t('statistics.columns.lossRatio'),
      align: 'right',
      render: (_, r) => ratioText(r.lossRatio),
    },
    {
      key: 'subsidy',
      title: t('statistics.columns.subsidy'),
      align: 'right',
      render: (_, r) => money(r.subsidy),
    },
  ];

  const total = data ? statisticsTotal(data.rows) : null;
  const control = (label: string, input: ReactNode) => (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {input}
    </Flex>
  );

  return (
    <>
      <PageHeader
        page="statistics"
        title={t('statistics.title')}
        extra={
          <Button href={statisticsHref(query)} download data-testid="statistics-download">
            {t('statistics.download')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary" data-testid="statistics-intro">
        {t('statistics.intro')}
        {!readsAll
          ? ` ${t('statistics.introInsurer')}`
          : query.insurer
            ? ` ${t('statistics.introSelected')}`
            : ''}
      </Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap="large" align="flex-end" wrap data-testid="statistics-controls">
          {control(
            t('statistics.year'),
            <Select<number>
              value={query.year}
              onChange={(year) => setQuery((q) => ({ ...q, year }))}
              options={selectableYears(thisYear).map((y) => ({ value: y, label: String(y) }))}
              style={{ width: 120 }}
              data-testid="statistics-year"
            />,
          )}
          {readsAll
            ? control(
                t('statistics.insurer'),
                <Select<string>
                  value={query.insurer}
                  onChange={(insurer) =>
                    setQuery(({ insurer: _, ...rest }) => (insurer ? { ...rest, insurer } : rest))
                  }
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('statistics.allInsurers')}
                  loading={insurers.loading}
                  options={(insurers.data ?? []).map((o) => ({
                    value: o.id,
                    label: labels.bilingual(o.names, o.id),
                  }))}
                  style={{ width: 280 }}
                  data-testid="statistics-insurer"
                />,
              )
            : null}
          {control(
            t('statistics.period'),
            <Segmented<StatisticsPeriod>
              value={query.period}
              onChange={(period) => setQuery((q) => ({ ...q, period }))}
              options={statisticsPeriods.map((p) => ({
                value: p,
                label: <span data-testid={`statistics-period-${p}`}>{t(`statistics.periods.${p}`)}</span>,
              }))}
            />,
          )}
          {control(
            t('statistics.by'),
            <Segmented<StatisticsGrouping>
              value={query.by}
              onChange={(by) => setQuery((q) => ({ ...q, by }))}
              options={statisticsGroupings.map((b) => ({
                value: b,
                label: <span data-testid={`statistics-by-${b}`}>{t(`statistics.bys.${b}`)}</span>,
              }))}
            />,
          )}
        </Flex>
      </Card>
      {report.error ? (
        <LoadError error={report.error} onRetry={report.reload} />
      ) : !data ? (
        report.loading ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <Alert type="warning" title={t('errors.unknown')} />
        )
      ) : (
        <Flex vertical gap="middle">
          <Card size="small" title={t('statistics.trend')} data-testid="statistics-trend">
            {data.rows.length === 0 || !trendOption ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statistics.empty')} />
            ) : (
              <EChart
                option={trendOption}
                height={280}
                label={t('statistics.trend')}
                testId="statistics-trend-chart"
              />
            )}
          </Card>
          <Card size="small" title={t(`statistics.bys.${query.by}`)}>
            <Table<StatisticsRow>
              rowKey={(r) => `${r.period}|${r.group}`}
              size="small"
              loading={report.loading}
              dataSource={data.rows}
              columns={columns}
              pagination={false}
              scroll={{ x: 'max-content' }}
              onRow={(r) =>
                ({ 'data-group': r.group, 'data-period': r.period }) as HTMLAttributes<HTMLElement>
              }
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t('statistics.empty')}
                    data-testid="statistics-empty"
                  />
                ),
              }}
              data-testid="statistics-table"
              summary={() =>
                total && data.rows.length > 0 ? (
                  <Table.Summary.Row data-testid="statistics-total">
                    <Table.Summary.Cell index={0} colSpan={2}>
                      <Typography.Text strong>{t('statistics.total')}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      {total.policies}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      —
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">
                      {money(total.premium)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={5} align="right">
                      {money(total.sumInsured)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={6} align="right">
                      {money(total.claimsPaid)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={7} align="right">
                      {money(total.claimsIncurred)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={8} align="right">
                      {ratioText(total.lossRatio)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={9} align="right">
                      {money(total.subsidy)}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Card>
        </Flex>
      )}
    </>
  );
}
