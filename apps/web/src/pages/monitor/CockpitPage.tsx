import { Permission } from '@kebao/domain/org';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Progress,
  Row,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { testId } from '../../components/testId.ts';
import { usedPercent } from '../../format/decimal.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { readAlertRaised } from '../../monitor/alerts.ts';
import { barOption, heatmapOption } from '../../monitor/charts.ts';
import { EChart } from '../../monitor/EChart.tsx';
import {
  type ExposureRow,
  type Figures,
  heatmapOf,
  hhiLevel,
  rowsOf,
  yuanNumber,
  zoneTotals,
} from '../../monitor/exposure.ts';
import { isMoneyTarget, progressPercent, progressText } from '../../monitor/targets.ts';
import type { ExposureItem, TargetView } from '../../monitor/types.ts';
import { useLiveEvents } from '../../policy/liveEvents.ts';
import { useMoney } from '../policy/labels.tsx';
import { useAmountFormat, useMonitorLabels } from './labels.tsx';
import { RiskSummaryCard } from './RiskSummaryCard.tsx';
import { TargetsModal } from './TargetsModal.tsx';

const hhiColors = { low: 'green', moderate: 'gold', high: 'red' } as const;

/** 风险保障金额 · 保费 · 有效保单 · 待处理预警: the zone's totals, platform and registered business apart. */
function ZoneCards({ items, openAlerts }: { items: ExposureItem[]; openAlerts: number | undefined }) {
  const { t } = useTranslation();
  const money = useMoney();
  const zone = zoneTotals(items);
  const split = (show: (f: Figures) => string) =>
    t('cockpit.sourceSplit', {
      platform: show(zone.sources.platform),
      registered: show(zone.sources.registered),
    });
  const cards = [
    {
      key: 'risk-protection',
      title: t('cockpit.riskProtection'),
      value: money(zone.sumInsured),
      raw: zone.sumInsured,
      note: split((f) => money(f.sumInsured)),
    },
    {
      key: 'premium',
      title: t('cockpit.premium'),
      value: money(zone.premium),
      raw: zone.premium,
      note: split((f) => money(f.premium)),
    },
    {
      key: 'policies',
      title: t('cockpit.policies'),
      value: String(zone.policies),
      raw: String(zone.policies),
      note: split((f) => String(f.policies)),
    },
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="cockpit-zone">
      {cards.map((c) => (
        <Col key={c.key} xs={24} md={12} xl={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={c.title} value={c.value} data-testid={`cockpit-${c.key}`} data-value={c.raw} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`cockpit-${c.key}-split`}>
              {c.note}
            </Typography.Text>
          </Card>
        </Col>
      ))}
      <Col xs={24} md={12} xl={6}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic
            title={t('cockpit.openAlerts')}
            value={openAlerts ?? '—'}
            styles={{ content: openAlerts ? { color: '#cf1322' } : {} }}
            data-testid="cockpit-open-alerts"
            data-value={openAlerts ?? ''}
          />
          <Link to="/monitor/alerts?status=open" data-testid="cockpit-alerts-link">
            {t('cockpit.viewAlerts')}
          </Link>
        </Card>
      </Col>
    </Row>
  );
}

/** 建设目标: each target's progress, the current figure against the target and its year. */
function Targets({ targets, extra }: { targets: TargetView[]; extra: ReactNode }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();
  const figure = (target: TargetView, value: string) =>
    isMoneyTarget(target.metric) ? money(value) : language === 'en' ? value : `${value} ${target.unit}`;
  return (
    <Card size="small" title={t('cockpit.targets')} extra={extra} style={{ marginBottom: 16 }}>
      {targets.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.noTargets')} />
      ) : (
        <Row gutter={[24, 12]} data-testid="cockpit-targets">
          {targets.map((target) => {
            const percent = progressPercent(target.progress);
            return (
              <Col
                key={target.code}
                xs={24}
                md={12}
                xl={8}
                data-testid="cockpit-target"
                data-code={target.code}
              >
                <Flex justify="space-between" gap="small">
                  <Typography.Text strong data-testid="cockpit-target-name">
                    {pick(target.names, language)}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('cockpit.targetDue', { year: target.dueYear })}
                  </Typography.Text>
                </Flex>
                <Progress
                  percent={percent ?? 0}
                  status={percent !== null && percent >= 100 ? 'success' : 'normal'}
                  format={() => progressText(target.progress) ?? '—'}
                  data-testid="cockpit-target-progress"
                  data-progress={target.progress ?? ''}
                />
                <Typography.Text
                  type="secondary"
                  style={{ fontSize: 12 }}
                  data-testid="cockpit-target-figures"
                >
                  {target.current === null
                    ? t('cockpit.targetMissing')
                    : t('cockpit.targetOf', {
                        current: figure(target, target.current),
                        target: figure(target, target.target),
                      })}
                  {target.source === 'reported' && target.current !== null
                    ? ` (${t('cockpit.targetReported')})`
                    : ''}
                </Typography.Text>
              </Col>
            );
          })}
        </Row>
      )}
    </Card>
  );
}

function ChartCard({
  title,
  extra,
  empty,
  children,
  testIdValue,
}: {
  title: string;
  extra?: ReactNode;
  empty: boolean;
  children: ReactNode;
  testIdValue: string;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title} extra={extra} style={{ height: '100%' }} data-testid={testIdValue}>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.empty')} /> : children}
    </Card>
  );
}

/** 按产品类别 and 按承保机构 (with the HHI; regulators), or the insurer's own line of the zone. */
function ExposureCharts({
  items,
  hhi,
  readsAll,
}: {
  items: ExposureItem[];
  hhi: Record<string, number>;
  readsAll: boolean;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useMonitorLabels();
  const format = useAmountFormat();
  const classes = useMemo(() => rowsOf(items, 'class'), [items]);
  const insurers = useMemo(() => rowsOf(items, 'insurer'), [items]);
  const zone = zoneTotals(items);
  const classLabel = labels.statisticalClass;
  const classOption = useMemo(
    () =>
      barOption(
        classes.map((r) => classLabel(r.key)),
        classes.map((r) => yuanNumber(r.sumInsured)),
        format,
      ),
    [classes, classLabel, format],
  );
  const insurerOption = useMemo(
    () =>
      barOption(
        insurers.map((r) => r.name ?? r.key),
        insurers.map((r) => yuanNumber(r.sumInsured)),
        format,
      ),
    [insurers, format],
  );
  const insurerHhi = hhi.insurer;
  const own = insurers[0];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} xl={12}>
        <ChartCard title={t('cockpit.byClass')} empty={classes.length === 0} testIdValue="cockpit-by-class">
          <EChart
            option={classOption}
            height={240}
            label={t('cockpit.byClass')}
            testId="cockpit-class-chart"
          />
        </ChartCard>
      </Col>
      <Col xs={24} xl={12}>
        {readsAll ? (
          <ChartCard
            title={t('cockpit.byInsurer')}
            empty={insurers.length === 0}
            testIdValue="cockpit-by-insurer"
            extra={
              insurerHhi === undefined ? null : (
                <Tooltip title={t('cockpit.hhiHint')}>
                  <Tag
                    color={hhiColors[hhiLevel(insurerHhi)]}
                    data-testid="cockpit-hhi"
                    data-hhi={insurerHhi}
                  >
                    {t('cockpit.hhi', { value: insurerHhi.toFixed(2) })} ·{' '}
                    {t(`cockpit.hhiLevels.${hhiLevel(insurerHhi)}`)}
                  </Tag>
                </Tooltip>
              )
            }
          >
            <EChart
              option={insurerOption}
              height={Math.max(240, insurers.length * 36)}
              label={t('cockpit.byInsurer')}
              testId="cockpit-insurer-chart"
            />
          </ChartCard>
        ) : (
          <ChartCard title={t('cockpit.ownInsurer')} empty={!own} testIdValue="cockpit-own-insurer">
            {own ? (
              <Flex vertical gap="small">
                <Flex gap="large" wrap>
                  <Statistic title={t('cockpit.sumInsured')} value={money(own.sumInsured)} />
                  <Statistic title={t('cockpit.premium')} value={money(own.premium)} />
                  <Statistic title={t('cockpit.policies')} value={own.policies} />
                </Flex>
                <Typography.Text type="secondary">
                  {t('cockpit.ownInsurerShare', {
                    share: `${usedPercent(own.sumInsured, zone.sumInsured)}%`,
                  })}
                </Typography.Text>
              </Flex>
            ) : null}
          </ChartCard>
        )}
      </Col>
    </Row>
  );
}

/** 行业 × 承保机构: where each insurer's exposure sits by industry. */
function Heatmap({ items }: { items: ExposureItem[] }) {
  const { t } = useTranslation();
  const labels = useMonitorLabels();
  const format = useAmountFormat();
  const heatmap = useMemo(() => heatmapOf(items), [items]);
  const industryLabel = labels.industry;
  const option = useMemo(
    () => heatmapOption(heatmap, industryLabel, format),
    [heatmap, industryLabel, format],
  );
  return (
    <Card
      size="small"
      title={t('cockpit.heatmap')}
      style={{ marginBottom: 16 }}
      data-testid="cockpit-heatmap"
    >
      {heatmap.cells.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.heatmapEmpty')} />
      ) : (
        <EChart
          option={option}
          height={Math.max(220, heatmap.insurers.length * 40 + 110)}
          label={t('cockpit.heatmap')}
          testId="cockpit-heatmap-chart"
        />
      )}
    </Card>
  );
}

/**
 * 按区域: policies, sum insured and premium by region, named from the region code list (the code in a
 * tooltip), with each region's share of the zone.
 */
function Regions({ items }: { items: ExposureItem[] }) {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useMonitorLabels();
  const zone = zoneTotals(items);
  const rows = rowsOf(items, 'region');
  return (
    <Card size="small" title={t('cockpit.byRegion')} data-testid="cockpit-by-region">
      <Table<ExposureRow>
        rowKey="key"
        size="small"
        pagination={rows.length > 10 ? { pageSize: 10 } : false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.empty')} />,
        }}
        data-testid="cockpit-region-table"
        columns={[
          {
            key: 'region',
            title: t('cockpit.region'),
            render: (_, r) => (r.key === 'unknown' ? labels.region(r.key) : <RegionName code={r.key} />),
          },
          { key: 'policies', title: t('cockpit.policies'), align: 'right', render: (_, r) => r.policies },
          {
            key: 'sumInsured',
            title: t('cockpit.sumInsured'),
            align: 'right',
            render: (_, r) => money(r.sumInsured),
          },
          { key: 'premium', title: t('cockpit.premium'), align: 'right', render: (_, r) => money(r.premium) },
          {
            key: 'share',
            title: t('cockpit.share'),
            align: 'right',
            render: (_, r) => `${usedPercent(r.sumInsured, zone.sumInsured)}%`,
          },
        ]}
      />
    </Card>
  );
}

/**
 * 监管驾驶舱 `/monitor`: the zone's live exposure (kept from events by the server), the targets' progress,
 * concentration by insurer, the newest risk run's PML and AAL, the industry × insurer heat map, the regions
 * and the open alerts. A new alert on the live stream pops up and refreshes the figures. An insurer admin
 * reads the same page as 区域监测: the public totals and its own line.
 */
export function CockpitPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { notification } = App.useApp();
  const labels = useMonitorLabels();
  const readsAll = hasAnyPermission(me, [Permission.MonitorReadAll]);
  const manages = hasAnyPermission(me, [Permission.MonitorManage]);
  const live =
    typeof EventSource !== 'undefined' &&
    hasAnyPermission(me, [Permission.EventsRead, Permission.EventsReadAll]);
  const [received, setReceived] = useState(0);
  const [editing, setEditing] = useState(false);

  const exposure = useApiData('cockpit-exposure', () => unwrap(api.GET('/api/monitor/exposure')));
  const targets = useApiData('cockpit-targets', () => unwrap(api.GET('/api/monitor/targets')));
  const openAlerts = useApiData('cockpit-open-alerts', () =>
    unwrap(api.GET('/api/monitor/alerts', { params: { query: { status: 'open', limit: 1 } } })).then(
      (p) => p.total,
    ),
  );

  useLiveEvents(['alert.raised'], (event) => {
    const raised = readAlertRaised(event.payload);
    if (!raised) return;
    setReceived((n) => n + 1);
    exposure.reload();
    targets.reload();
    openAlerts.reload();
    const open =
      raised.severity === 'critical'
        ? notification.error
        : raised.severity === 'info'
          ? notification.info
          : notification.warning;
    open({
      key: raised.alertId,
      title: t('cockpit.alertRaised', { severity: labels.severity(raised.severity) }),
      description: labels.bilingual(raised.message),
      duration: 10,
      // Bottom right: a burst of alerts does not cover the actions at the top of pages and drawers.
      placement: 'bottomRight',
      props: testId('cockpit-alert-notification'),
      actions: (
        <Button
          size="small"
          type="primary"
          onClick={() => {
            notification.destroy(raised.alertId);
            void navigate(`/monitor/alerts?alert=${encodeURIComponent(raised.alertId)}`);
          }}
          data-testid="cockpit-alert-notification-open"
        >
          {t('cockpit.openAlertLink')}
        </Button>
      ),
    });
  });

  const items = exposure.data?.items ?? [];
  return (
    <>
      <PageHeader
        page="cockpit"
        title={readsAll ? t('cockpit.title') : t('cockpit.titleInsurer')}
        extra={
          <Flex align="center" gap="middle">
            {live ? (
              <Tooltip title={received > 0 ? t('cockpit.liveReceived', { count: received }) : undefined}>
                <Badge count={received} size="small" offset={[6, 0]} data-testid="cockpit-live-count">
                  <Badge status="processing" text={t('cockpit.live')} data-testid="cockpit-live" />
                </Badge>
              </Tooltip>
            ) : (
              <Badge status="default" text={t('cockpit.liveOff')} data-testid="cockpit-live-off" />
            )}
          </Flex>
        }
      />
      <Typography.Paragraph type="secondary">
        {readsAll ? t('cockpit.intro') : t('cockpit.introInsurer')}
      </Typography.Paragraph>
      {exposure.error ? (
        <LoadError error={exposure.error} onRetry={exposure.reload} />
      ) : !exposure.data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <ZoneCards items={items} openAlerts={openAlerts.data} />
      )}
      {targets.error ? (
        <LoadError error={targets.error} onRetry={targets.reload} />
      ) : targets.data ? (
        <Targets
          targets={targets.data.items}
          extra={
            manages && targets.data.items.length > 0 ? (
              <Button size="small" onClick={() => setEditing(true)} data-testid="cockpit-targets-edit">
                {t('cockpit.editTargets')}
              </Button>
            ) : null
          }
        />
      ) : null}
      <RiskSummaryCard />
      {exposure.data ? (
        <>
          <ExposureCharts items={items} hhi={exposure.data.hhi} readsAll={readsAll} />
          <Heatmap items={items} />
          <Regions items={items} />
        </>
      ) : null}
      {editing && targets.data ? (
        <TargetsModal
          targets={targets.data.items}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            targets.reload();
          }}
        />
      ) : null}
    </>
  );
}
