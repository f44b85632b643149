import { Alert, Button, Card, Empty, Flex, Input, Segmented, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import {
  type DevelopmentFactor,
  isLossRatio,
  type ReservingRow,
  readReserving,
  type Triangle,
  yuanOfNumber,
} from '../../claims/reserving.ts';
import type { ReservingQuery } from '../../claims/types.ts';
import { reservingBases, reservingPeriods } from '../../claims/vocabulary.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { todayInShanghai } from '../../format/datetime.ts';
import { useMoney } from '../policy/labels.tsx';
import { useClaimLabels } from './labels.tsx';

type Period = (typeof reservingPeriods)[number];
type Basis = (typeof reservingBases)[number];

function Factors({ factors }: { factors: DevelopmentFactor[] }) {
  const { t } = useTranslation();
  if (factors.length === 0)
    return <Typography.Text type="secondary">{t('reserving.noFactors')}</Typography.Text>;
  return (
    <Flex gap="small" wrap data-testid="reserving-factors">
      {factors.map((f) => (
        <Tag key={`${f.from}-${f.to}`} color={f.estimated ? 'orange' : undefined}>
          {t('reserving.factor', { from: f.from, to: f.to, factor: f.factor.toFixed(3) })}
          {f.estimated ? ` ${t('reserving.estimated')}` : ''}
        </Tag>
      ))}
    </Flex>
  );
}

/** 进展三角形: cumulative amounts by accident period (rows) and development age (columns). */
function TriangleTable({ triangle, period }: { triangle: Triangle; period: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const rows = triangle.origins.map((origin, i) => ({ origin, values: triangle.values[i] ?? [] }));
  const columns: ColumnsType<(typeof rows)[number]> = [
    { key: 'origin', title: t('reserving.origin'), fixed: 'start', render: (_, r) => r.origin },
    ...triangle.ages.map((age, k) => ({
      key: `age-${age}`,
      title: period === 'quarter' ? t('reserving.ageQuarter', { age }) : t('reserving.ageYear', { age }),
      align: 'right' as const,
      render: (_: unknown, r: (typeof rows)[number]) => {
        const value = r.values[k];
        return value === null || value === undefined ? '' : money(value);
      },
    })),
  ];
  return (
    <Table
      rowKey="origin"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={columns}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('reserving.empty') }}
      data-testid="reserving-triangle"
    />
  );
}

/**
 * 准备金评估 `/claims/reserving`: by statistical class, what is paid and reported, the case reserves, the
 * chain ladder's ultimate and IBNR with Mack's standard error and coefficient of variation, and
 * Bornhuetter-Ferguson's with an a-priori loss ratio; then the development triangle. An insurer reads its
 * own shares, the regulator and the platform the whole platform.
 */
export function ReservingPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useClaimLabels();
  const [period, setPeriod] = useState<Period>('year');
  const [basis, setBasis] = useState<Basis>('incurred');
  const [shown, setShown] = useState<Basis>('incurred');
  const [typed, setTyped] = useState({ lossRatio: '0.65', valuationDate: todayInShanghai() });
  const [applied, setApplied] = useState(typed);
  const ratioOk = isLossRatio(typed.lossRatio);
  const query: ReservingQuery = {
    period,
    basis,
    lossRatio: applied.lossRatio.trim(),
    ...(applied.valuationDate ? { valuationDate: applied.valuationDate } : {}),
  };
  const report = useApiData(`reserving:${JSON.stringify(query)}`, () =>
    unwrap(api.GET('/api/claims/reserving', { params: { query } })).then(readReserving),
  );
  const data = report.data ?? null;
  const yuan = (value: number | null) => (value === null ? '—' : money(yuanOfNumber(value)));

  const columns: ColumnsType<ReservingRow> = [
    {
      key: 'class',
      title: t('reserving.class'),
      render: (_, r) => (
        <Typography.Text strong={r.class === 'all'} data-testid="reserving-class">
          {labels.reservingClass(r.class)}
        </Typography.Text>
      ),
    },
    { key: 'claims', title: t('reserving.claims'), align: 'right', render: (_, r) => r.claims },
    { key: 'paid', title: t('reserving.latestPaid'), align: 'right', render: (_, r) => yuan(r.latestPaid) },
    {
      key: 'incurred',
      title: t('reserving.latestIncurred'),
      align: 'right',
      render: (_, r) => yuan(r.latestIncurred),
    },
    { key: 'case', title: t('reserving.caseReserve'), align: 'right', render: (_, r) => yuan(r.caseReserve) },
    {
      key: 'clUltimate',
      title: t('reserving.clUltimate'),
      align: 'right',
      render: (_, r) => yuan(r.chainLadder.ultimate),
    },
    {
      key: 'clIbnr',
      title: t('reserving.clIbnr'),
      align: 'right',
      render: (_, r) => <span data-testid="reserving-cl-ibnr">{yuan(r.chainLadder.ibnr)}</span>,
    },
    { key: 'se', title: t('reserving.se'), align: 'right', render: (_, r) => yuan(r.chainLadder.se) },
    {
      key: 'cv',
      title: t('reserving.cv'),
      align: 'right',
      render: (_, r) =>
        r.chainLadder.cv === null ? '—' : t('common.percent', { value: (r.chainLadder.cv * 100).toFixed(1) }),
    },
    {
      key: 'bfUltimate',
      title: t('reserving.bfUltimate'),
      align: 'right',
      render: (_, r) => yuan(r.bornhuetterFerguson?.ultimate ?? null),
    },
    {
      key: 'bfIbnr',
      title: t('reserving.bfIbnr'),
      align: 'right',
      render: (_, r) => (
        <span data-testid="reserving-bf-ibnr">{yuan(r.bornhuetterFerguson?.ibnr ?? null)}</span>
      ),
    },
  ];

  return (
    <>
      <PageHeader page="reserving" title={t('reserving.title')} />
      <Typography.Paragraph type="secondary">{t('reserving.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap="large" align="flex-end" wrap data-testid="reserving-controls">
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('reserving.period')}</Typography.Text>
            <Segmented<Period>
              value={period}
              onChange={setPeriod}
              options={reservingPeriods.map((p) => ({
                value: p,
                label: <span data-testid={`reserving-period-${p}`}>{t(`reserving.periods.${p}`)}</span>,
              }))}
            />
          </Flex>
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('reserving.basis')}</Typography.Text>
            <Segmented<Basis>
              value={basis}
              onChange={setBasis}
              options={reservingBases.map((b) => ({
                value: b,
                label: <span data-testid={`reserving-basis-${b}`}>{t(`reserving.bases.${b}`)}</span>,
              }))}
            />
          </Flex>
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('reserving.lossRatio')}</Typography.Text>
            <Input
              value={typed.lossRatio}
              status={ratioOk ? undefined : 'error'}
              onChange={(e) => setTyped((v) => ({ ...v, lossRatio: e.target.value }))}
              onPressEnter={() => ratioOk && setApplied(typed)}
              style={{ width: 120 }}
              data-testid="reserving-loss-ratio"
            />
          </Flex>
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('reserving.valuationDate')}</Typography.Text>
            <Input
              type="date"
              value={typed.valuationDate}
              max={todayInShanghai()}
              onChange={(e) => setTyped((v) => ({ ...v, valuationDate: e.target.value }))}
              style={{ width: 170 }}
              data-testid="reserving-valuation-date"
            />
          </Flex>
          <Button
            type="primary"
            disabled={!ratioOk}
            onClick={() => setApplied(typed)}
            data-testid="reserving-apply"
          >
            {t('common.search')}
          </Button>
        </Flex>
        {ratioOk ? null : (
          <Typography.Text type="danger" style={{ display: 'block', marginTop: 8 }}>
            {t('reserving.lossRatioPattern')}
          </Typography.Text>
        )}
      </Card>
      {report.error ? (
        <LoadError error={report.error} onRetry={report.reload} />
      ) : !data ? (
        report.loading ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <Alert type="warning" title={t('reserving.unreadable')} />
        )
      ) : (
        <Flex vertical gap="middle">
          <Typography.Text type="secondary" data-testid="reserving-scope">
            {t(data.scope === 'platform' ? 'reserving.scopePlatform' : 'reserving.scopeOwn', {
              date: data.valuationDate,
              ratio: data.lossRatio,
            })}
          </Typography.Text>
          <Card size="small" title={t('reserving.byClass')}>
            <Table<ReservingRow>
              rowKey="class"
              size="small"
              pagination={false}
              loading={report.loading}
              dataSource={data.rows}
              columns={columns}
              scroll={{ x: 'max-content' }}
              expandable={{ expandedRowRender: (r) => <Factors factors={r.chainLadder.factors} /> }}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reserving.empty')} />,
              }}
              data-testid="reserving-table"
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
              {t('reserving.methodsHint')}
            </Typography.Paragraph>
          </Card>
          <Card
            size="small"
            title={t('reserving.triangle')}
            extra={
              <Segmented<Basis>
                size="small"
                value={shown}
                onChange={setShown}
                options={reservingBases.map((b) => ({ value: b, label: t(`reserving.bases.${b}`) }))}
              />
            }
          >
            {data.triangles ? (
              <TriangleTable triangle={data.triangles[shown]} period={data.period} />
            ) : (
              <Typography.Text type="secondary">{t('reserving.empty')}</Typography.Text>
            )}
          </Card>
        </Flex>
      )}
    </>
  );
}
