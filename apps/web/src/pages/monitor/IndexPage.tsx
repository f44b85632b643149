import { Permission } from '@kebao/domain/org';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Col,
  Empty,
  Flex,
  Result,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useNotifyError } from '../../components/ProblemAlert.tsx';
import { testId } from '../../components/testId.ts';
import { formatDateTime, todayInShanghai } from '../../format/datetime.ts';
import { trimDecimal } from '../../format/decimal.ts';
import { indexLinesOption } from '../../monitor/charts.ts';
import {
  type IndexReport,
  type IndicatorRow,
  indexHref,
  indexSeries,
  indicatorRows,
  indicatorValueText,
  isNoIndexData,
  type Publication,
  readIndex,
  readPublications,
  weightText,
} from '../../monitor/devIndex.ts';
import { EChart } from '../../monitor/EChart.tsx';
import { selectableYears } from '../../monitor/statistics.ts';
import { isOneOf } from '../../policy/vocabulary.ts';
import { useMonitorLabels } from './labels.tsx';

const weightMethods = ['ahp', 'entropy', 'fixed'] as const;

const score = (value: string | undefined) =>
  value === undefined || value === '' ? '—' : trimDecimal(value, 2);

/** 综合指数 and each sub-index of the year, with the methodology that made them. */
function Composite({ report, year }: { report: IndexReport; year: number }) {
  const { t } = useTranslation();
  const labels = useMonitorLabels();
  const y = report.years.find((r) => r.year === year);
  const method = report.weightMethod;
  return (
    <Card size="small" data-testid="index-composite">
      <Flex vertical gap="small">
        <Row gutter={[16, 16]}>
          <Col xs={24} md={6}>
            <Statistic
              title={t('devIndex.composite')}
              value={score(y?.composite)}
              data-testid="index-composite-value"
              data-value={y?.composite ?? ''}
            />
          </Col>
          {report.subIndices.map((s) => (
            <Col key={s.key} xs={12} md={3}>
              <Statistic
                title={labels.bilingual(s.names, s.key)}
                value={score(y?.subIndices[s.key])}
                styles={{ content: { fontSize: 20 } }}
                data-testid="index-sub-index"
              />
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="index-methodology">
          {t('devIndex.methodology', {
            version: report.version,
            year: report.baseYear,
            method: isOneOf(weightMethods, method) ? t(`devIndex.weightMethods.${method}`) : method,
          })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** 指标明细: each indicator of the year, its value, normalised value (base = 100), weight and data year. */
function Indicators({ report, year }: { report: IndexReport; year: number }) {
  const { t } = useTranslation();
  const labels = useMonitorLabels();
  const rows = indicatorRows(report, year);
  const excluded = new Map(report.excluded.map((e) => [e.indicator, e.reason]));
  const reason = (code: string | undefined) =>
    code === 'missing_in_base_year' || code === 'zero_in_base_year'
      ? t(`devIndex.exclusionReasons.${code}`)
      : (code ?? '');
  const columns: ColumnsType<IndicatorRow> = [
    { key: 'subIndex', title: t('devIndex.subIndex'), render: (_, r) => labels.bilingual(r.subIndex) },
    {
      key: 'indicator',
      title: t('devIndex.indicator'),
      render: (_, r) => (
        <Tooltip title={r.definition ? labels.bilingual(r.definition) : undefined}>
          <span data-testid="index-indicator-name">{labels.bilingual(r.names, r.key)}</span>
        </Tooltip>
      ),
    },
    {
      key: 'value',
      title: t('devIndex.value'),
      align: 'right',
      render: (_, r) => (r.figures ? indicatorValueText(r.unit, r.figures.value) : '—'),
    },
    {
      key: 'normalised',
      title: t('devIndex.normalised'),
      align: 'right',
      render: (_, r) =>
        r.figures ? (
          score(r.figures.normalised)
        ) : (
          <Tooltip title={reason(excluded.get(r.key))}>
            <Tag data-testid="index-indicator-excluded">{t('devIndex.excludedTag')}</Tag>
          </Tooltip>
        ),
    },
    {
      key: 'weight',
      title: t('devIndex.weight'),
      align: 'right',
      render: (_, r) => (r.figures ? weightText(r.figures.weight) : '—'),
    },
    {
      key: 'carriedFrom',
      title: t('devIndex.carriedFrom'),
      render: (_, r) =>
        !r.figures ? (
          '—'
        ) : r.figures.carriedFrom === null ? (
          t('devIndex.own')
        ) : (
          <Tag color="orange">{t('devIndex.carried', { year: r.figures.carriedFrom })}</Tag>
        ),
    },
  ];
  return (
    <Card size="small" title={t('devIndex.indicators', { year })}>
      <Table<IndicatorRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="index-indicators"
      />
      {report.excluded.length > 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          {t('devIndex.excluded', {
            list: rows
              .filter((r) => excluded.has(r.key))
              .map((r) => `${labels.bilingual(r.names, r.key)}（${reason(excluded.get(r.key))}）`)
              .join(t('common.listSeparator')),
          })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** 已发布: every published year, recomputed from its stored inputs on each reading (可复现). */
function Publications({ refresh }: { refresh: number }) {
  const { t } = useTranslation();
  const list = useApiData(`index-publications:${refresh}`, () =>
    unwrap(api.GET('/api/monitor/index/publications')).then(readPublications),
  );
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  const columns: ColumnsType<Publication> = [
    { key: 'year', title: t('devIndex.publicationYear'), render: (_, p) => p.year },
    { key: 'methodology', title: t('devIndex.methodologyVersion'), render: (_, p) => p.methodology },
    {
      key: 'composite',
      title: t('devIndex.composite'),
      align: 'right',
      render: (_, p) => <span data-testid="publication-composite">{score(p.composite)}</span>,
    },
    { key: 'computedAt', title: t('devIndex.publishedAt'), render: (_, p) => formatDateTime(p.computedAt) },
    {
      key: 'reproduced',
      title: t('devIndex.reproducedLabel'),
      render: (_, p) => (
        <Tag
          color={p.reproduced ? 'green' : 'red'}
          data-testid="publication-reproduced"
          data-reproduced={String(p.reproduced)}
        >
          {p.reproduced ? t('devIndex.reproduced') : t('devIndex.notReproduced')}
        </Tag>
      ),
    },
  ];
  return (
    <Card size="small" title={t('devIndex.publications')}>
      <Table<Publication>
        rowKey={(p) => `${p.year}|${p.methodology}|${p.computedAt}`}
        size="small"
        loading={list.loading}
        pagination={false}
        dataSource={list.data ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('devIndex.publicationsEmpty')} />
          ),
        }}
        data-testid="index-publications"
      />
    </Card>
  );
}

/**
 * 发展指数 `/monitor/index`: the tech-insurance development index computed now from the data, each year
 * from the base year through the one chosen — the composite and sub-indices as lines, the chosen year's
 * indicators, the XLSX of the indicator table; monitor.manage publishes a year, and every publication is
 * shown with whether it still reproduces. Without business yet (422 index.no_data) the page says so.
 */
export function IndexPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { modal, message } = App.useApp();
  const notifyError = useNotifyError();
  const labels = useMonitorLabels();
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const manages = hasAnyPermission(me, [Permission.MonitorManage]);
  const [year, setYear] = useState(thisYear);
  const [published, setPublished] = useState(0);
  const index = useApiData(`index:${year}`, () =>
    unwrap(api.GET('/api/monitor/index', { params: { query: { year } } })).then(readIndex),
  );
  const report = index.data ?? null;
  const names = labels.bilingual;
  const option = useMemo(() => {
    if (!report) return null;
    const series = indexSeries(report);
    return indexLinesOption(series.years, [
      { name: t('devIndex.composite'), values: series.composite, bold: true },
      ...series.subIndices.map((s) => ({ name: names(s.names, s.key), values: s.values })),
    ]);
  }, [report, names, t]);
  const noData = isNoIndexData(index.error);

  const publish = () =>
    modal.confirm({
      title: t('devIndex.publish', { year }),
      content: t('devIndex.publishConfirm', { year }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: testId<ButtonProps>('index-publish-confirm'),
      onOk: async () => {
        try {
          await unwrap(api.POST('/api/monitor/index/{year}/publish', { params: { path: { year } } }));
          void message.success(t('devIndex.publishedOk', { year }));
          setPublished((n) => n + 1);
        } catch (error) {
          notifyError(error);
        }
      },
    });

  return (
    <>
      <PageHeader
        page="index"
        title={t('devIndex.title')}
        extra={
          <Flex gap="small" wrap>
            <Select<number>
              value={year}
              onChange={setYear}
              options={selectableYears(thisYear).map((y) => ({ value: y, label: String(y) }))}
              style={{ width: 110 }}
              aria-label={t('devIndex.year')}
              data-testid="index-year"
            />
            <Button href={indexHref(year)} download disabled={!report} data-testid="index-download">
              {t('devIndex.download')}
            </Button>
            {manages ? (
              <Button type="primary" onClick={publish} disabled={!report} data-testid="index-publish">
                {t('devIndex.publish', { year })}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Typography.Paragraph type="secondary">{t('devIndex.intro')}</Typography.Paragraph>
      {noData ? (
        <Result
          status="info"
          title={t('devIndex.noData')}
          subTitle={t('devIndex.noDataHint')}
          data-testid="index-no-data"
        />
      ) : index.error ? (
        <LoadError error={index.error} onRetry={index.reload} />
      ) : !report ? (
        index.loading ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <Alert type="warning" title={t('errors.unknown')} />
        )
      ) : (
        <Flex vertical gap="middle">
          <Composite report={report} year={year} />
          <Card size="small" title={t('devIndex.trend')}>
            {option ? (
              <EChart option={option} height={300} label={t('devIndex.trend')} testId="index-chart" />
            ) : null}
          </Card>
          <Indicators report={report} year={year} />
        </Flex>
      )}
      <div style={{ marginTop: 16 }}>
        <Publications refresh={published} />
      </div>
    </>
  );
}
