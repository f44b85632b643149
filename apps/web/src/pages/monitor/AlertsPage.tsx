import { Permission } from '@kebao/domain/org';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Select,
  Skeleton,
  Switch,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useNotifyError } from '../../components/ProblemAlert.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import {
  alertEvents,
  changeText,
  metricValueText,
  type RuleSummary,
  readRule,
} from '../../monitor/alerts.ts';
import type { AlertDetail, AlertView } from '../../monitor/types.ts';
import { type AlertStatus, alertStatuses } from '../../monitor/vocabulary.ts';
import { useLiveEvents } from '../../policy/liveEvents.ts';
import { isOneOf } from '../../policy/vocabulary.ts';
import { type AlertStep, AlertStepModal } from './AlertModals.tsx';
import { AlertStatusTag, SeverityTag, useMonitorLabels } from './labels.tsx';
import { WebhooksTab } from './WebhooksTab.tsx';

/** The rules, read once: their names and metrics (for the units of values) and the table of the rules tab. */
function useRules() {
  return useApiData('alert-rules', () =>
    unwrap(api.GET('/api/monitor/alert-rules')).then((r) => r.items.map(readRule)),
  );
}

type FiguresOf = (
  alert: Pick<AlertView, 'rule' | 'value' | 'threshold'> & { metric?: AlertView['metric'] },
) => {
  value: string;
  threshold: string;
};

/** 预警详情: the alert, its history, and 确认 / 解除 for monitor.manage. */
function AlertDrawer({
  id,
  figuresOf,
  manages,
  refresh,
  onChanged,
  onClose,
}: {
  id: string;
  figuresOf: FiguresOf;
  manages: boolean;
  refresh: string;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels = useMonitorLabels();
  const [step, setStep] = useState<AlertStep | null>(null);
  const alert = useApiData(`alert:${id}:${refresh}`, () =>
    unwrap(api.GET('/api/monitor/alerts/{id}', { params: { path: { id } } })),
  );
  const a: AlertDetail | undefined = alert.data;
  const shown = a ? figuresOf(a) : null;
  return (
    <Drawer
      open
      size="large"
      title={t('alerts.detail')}
      onClose={onClose}
      data-testid="alert-drawer"
      extra={
        a && manages ? (
          <Flex gap="small">
            {a.status === 'open' ? (
              <Button onClick={() => setStep('acknowledge')} data-testid="alert-acknowledge-open">
                {t('alerts.acknowledge')}
              </Button>
            ) : null}
            {a.status !== 'resolved' ? (
              <Button type="primary" onClick={() => setStep('resolve')} data-testid="alert-resolve-open">
                {t('alerts.resolve')}
              </Button>
            ) : null}
          </Flex>
        ) : null
      }
    >
      {alert.error ? (
        <LoadError error={alert.error} onRetry={alert.reload} />
      ) : !a || !shown ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap="large" data-testid="alert-detail" data-status={a.status} data-alert-id={a.id}>
          <Flex gap="small" align="center" wrap>
            <SeverityTag severity={a.severity} />
            <AlertStatusTag status={a.status} />
            <Typography.Text strong>{labels.bilingual(a.rule.names, a.rule.code)}</Typography.Text>
          </Flex>
          <Typography.Paragraph style={{ margin: 0 }} data-testid="alert-message">
            {labels.bilingual(a.message)}
          </Typography.Paragraph>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'value', label: t('alerts.value'), children: shown.value },
              { key: 'threshold', label: t('alerts.threshold'), children: shown.threshold },
              { key: 'rule', label: t('alerts.rule'), children: a.rule.code },
              {
                key: 'metric',
                label: t('alerts.metric'),
                children: a.metric ? labels.bilingual(a.metric.names, a.metric.code) : '—',
              },
              {
                key: 'subject',
                label: t('alerts.subject'),
                children: a.subjectLabel ? `${a.subjectLabel}（${a.subject}）` : a.subject,
              },
              { key: 'openedAt', label: t('alerts.openedAt'), children: formatDateTime(a.openedAt) },
              { key: 'updatedAt', label: t('alerts.updatedAt'), children: formatDateTime(a.updatedAt) },
              { key: 'resolvedAt', label: t('alerts.resolvedAt'), children: formatDateTime(a.resolvedAt) },
            ]}
          />
          <Card size="small" title={t('alerts.history')}>
            <Timeline
              data-testid="alert-history"
              items={[...(a.history ?? [])]
                .sort((x, y) => x.seq - y.seq)
                .map((h) => ({
                  key: h.seq,
                  color: h.action === 'resolved' ? 'green' : h.action === 'acknowledged' ? 'gold' : 'red',
                  content: (
                    <Flex vertical gap={2} data-testid="alert-step" data-action={h.action}>
                      <Flex gap="small" wrap align="center">
                        <Typography.Text strong data-testid="alert-step-action">
                          {labels.action(h.action)}
                        </Typography.Text>
                        {h.value !== null ? (
                          <Typography.Text type="secondary">
                            {figuresOf({ rule: a.rule, value: h.value, threshold: a.threshold }).value}
                          </Typography.Text>
                        ) : null}
                      </Flex>
                      {h.comment ? (
                        <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid="alert-step-comment">
                          {h.comment}
                        </Typography.Text>
                      ) : null}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(h.at)} · {h.by ?? t('alerts.system')}
                      </Typography.Text>
                    </Flex>
                  ),
                }))}
            />
          </Card>
        </Flex>
      )}
      {step ? (
        <AlertStepModal
          alertId={id}
          step={step}
          onClose={() => setStep(null)}
          onDone={() => {
            setStep(null);
            onChanged();
          }}
        />
      ) : null}
    </Drawer>
  );
}

/** 预警规则: every rule with its metric and condition; monitor.manage switches one on or off. */
function RulesTable({
  rules,
  manages,
  onChanged,
}: {
  rules: ReturnType<typeof useRules>;
  manages: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const labels = useMonitorLabels();
  const [switching, setSwitching] = useState<string | null>(null);

  const toggle = async (rule: RuleSummary, active: boolean) => {
    setSwitching(rule.code);
    try {
      await unwrap(
        api.PUT('/api/monitor/alert-rules/{code}', {
          params: { path: { code: rule.code }, query: { active } },
          body: rule.definition,
        }),
      );
      void message.success(t(active ? 'alerts.ruleOn' : 'alerts.ruleOff', { code: rule.code }));
      onChanged();
    } catch (error) {
      notifyError(error);
    } finally {
      setSwitching(null);
    }
  };

  const condition = (r: RuleSummary) => {
    const c = r.condition;
    if (!c) return '—';
    const op = t(`alerts.ops.${c.op}`);
    return c.type === 'threshold'
      ? `${op} ${metricValueText(r.metric, c.value)}`
      : t('alerts.conditionChange', { days: c.windowDays, op, value: changeText(c.value) });
  };

  const columns: ColumnsType<RuleSummary> = [
    {
      key: 'name',
      title: t('alerts.ruleName'),
      render: (_, r) => (
        <Flex vertical gap={0}>
          <Typography.Text strong>{labels.bilingual(r.names, r.code)}</Typography.Text>
          {r.description ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {labels.bilingual(r.description)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'code',
      title: t('alerts.ruleCode'),
      render: (_, r) => <Typography.Text code>{r.code}</Typography.Text>,
    },
    { key: 'metric', title: t('alerts.metric'), render: (_, r) => labels.metric(r.metric) },
    { key: 'condition', title: t('alerts.condition'), render: (_, r) => condition(r) },
    { key: 'severity', title: t('alerts.severity'), render: (_, r) => <SeverityTag severity={r.severity} /> },
    { key: 'version', title: t('alerts.version'), align: 'right', render: (_, r) => r.version },
    { key: 'source', title: t('alerts.source'), render: (_, r) => labels.ruleSource(r.source) },
    {
      key: 'active',
      title: t('alerts.active'),
      render: (_, r) =>
        manages ? (
          <Switch
            checked={r.active}
            loading={switching === r.code}
            onChange={(on) => void toggle(r, on)}
            aria-label={t('alerts.active')}
            data-testid="alert-rule-switch"
          />
        ) : (
          <Tag color={r.active ? 'green' : undefined}>{r.active ? t('common.yes') : t('common.no')}</Tag>
        ),
    },
  ];

  if (rules.error) return <LoadError error={rules.error} onRetry={rules.reload} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('alerts.rulesIntro')}</Typography.Paragraph>
      <Table<RuleSummary>
        rowKey="code"
        size="small"
        loading={rules.loading}
        dataSource={rules.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-code': r.code }) as HTMLAttributes<HTMLElement>}
        data-testid="alert-rules-table"
        columns={columns}
      />
    </>
  );
}

/**
 * 预警中心 `/monitor/alerts`: the alerts, open first, filtered by status (in the address, so the cockpit
 * links to the open ones), each opening its detail and history; 确认 and 解除 with a comment for
 * monitor.manage; the rules in their own tab, and the organisation's webhook subscriptions in another
 * (webhook.manage). New, acknowledged and resolved alerts on the live stream refresh the list.
 */
export function AlertsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useMonitorLabels();
  const [params, setParams] = useSearchParams();
  const readsAll = hasAnyPermission(me, [Permission.MonitorReadAll]);
  const manages = hasAnyPermission(me, [Permission.MonitorManage]);
  const managesWebhooks = hasAnyPermission(me, [Permission.WebhookManage]);
  const statusParam = params.get('status');
  const status: AlertStatus | undefined = isOneOf(alertStatuses, statusParam) ? statusParam : undefined;
  const openId = params.get('alert');
  const tabParam = params.get('tab');
  const tab = tabParam === 'rules' || (tabParam === 'webhooks' && managesWebhooks) ? tabParam : 'alerts';
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [generation, setGeneration] = useState(0);
  const rules = useRules();

  const setParam = (name: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: name === 'alert' },
    );

  const list = useApiData(`alerts:${status ?? ''}:${paging.page}:${paging.pageSize}:${generation}`, () =>
    unwrap(
      api.GET('/api/monitor/alerts', {
        params: {
          query: {
            ...(status ? { status } : {}),
            limit: paging.pageSize,
            offset: (paging.page - 1) * paging.pageSize,
          },
        },
      }),
    ),
  );
  useLiveEvents(alertEvents, () => setGeneration((g) => g + 1));

  const metricOf = new Map((rules.data ?? []).map((r) => [r.code, r.metric]));
  const figuresOf: FiguresOf = (a) => {
    // The alert's own metric (stored since it opened); the rule's for alerts older than that.
    const metric = a.metric?.code ?? metricOf.get(a.rule.code) ?? '';
    return { value: metricValueText(metric, a.value), threshold: metricValueText(metric, a.threshold) };
  };

  const columns: ColumnsType<AlertView> = [
    { key: 'severity', title: t('alerts.severity'), render: (_, a) => <SeverityTag severity={a.severity} /> },
    {
      key: 'rule',
      title: t('alerts.rule'),
      render: (_, a) => <span data-testid="alert-rule">{labels.bilingual(a.rule.names, a.rule.code)}</span>,
    },
    {
      key: 'subject',
      title: t('alerts.subject'),
      render: (_, a) => <span data-testid="alert-subject">{a.subjectLabel ?? a.subject}</span>,
    },
    {
      key: 'message',
      title: t('alerts.message'),
      render: (_, a) => (
        <Typography.Text style={{ maxWidth: 420, display: 'inline-block' }} data-testid="alert-row-message">
          {labels.bilingual(a.message)}
        </Typography.Text>
      ),
    },
    { key: 'value', title: t('alerts.value'), align: 'right', render: (_, a) => figuresOf(a).value },
    {
      key: 'threshold',
      title: t('alerts.threshold'),
      align: 'right',
      render: (_, a) => figuresOf(a).threshold,
    },
    { key: 'status', title: t('alerts.status'), render: (_, a) => <AlertStatusTag status={a.status} /> },
    { key: 'openedAt', title: t('alerts.openedAt'), render: (_, a) => formatDateTime(a.openedAt) },
    {
      key: 'open',
      title: t('common.actions'),
      render: (_, a) => (
        <Button size="small" type="link" onClick={() => setParam('alert', a.id)} data-testid="alert-open">
          {t('alerts.open')}
        </Button>
      ),
    },
  ];

  const alertsTab = (
    <>
      <Flex gap="middle" align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('alerts.status')}</Typography.Text>
        <Select<AlertStatus>
          allowClear
          placeholder={t('common.all')}
          style={{ width: 160 }}
          value={status}
          onChange={(value) => {
            setParam('status', value ?? null);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={alertStatuses.map((s) => ({ value: s, label: t(`alerts.statuses.${s}`) }))}
          data-testid="alerts-status-filter"
        />
      </Flex>
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : (
        <Table<AlertView>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          onRow={(a) => ({ 'data-alert-id': a.id }) as HTMLAttributes<HTMLElement>}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('alerts.empty')}
                data-testid="alerts-empty"
              />
            ),
          }}
          data-testid="alerts-table"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
          columns={columns}
        />
      )}
    </>
  );

  return (
    <>
      <PageHeader page="alerts" title={t('alerts.title')} />
      <Typography.Paragraph type="secondary">
        {readsAll ? t('alerts.intro') : t('alerts.introInsurer')}
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key === 'alerts' ? null : key)}
        items={[
          {
            key: 'alerts',
            label: <span data-testid="alerts-tab">{t('alerts.title')}</span>,
            children: alertsTab,
          },
          {
            key: 'rules',
            label: <span data-testid="alert-rules-tab">{t('alerts.rules')}</span>,
            children: <RulesTable rules={rules} manages={manages} onChanged={rules.reload} />,
          },
          ...(managesWebhooks
            ? [
                {
                  key: 'webhooks',
                  label: <span data-testid="webhooks-tab">{t('webhooks.tab')}</span>,
                  children: <WebhooksTab />,
                },
              ]
            : []),
        ]}
      />
      {openId ? (
        <AlertDrawer
          id={openId}
          figuresOf={figuresOf}
          manages={manages}
          refresh={String(generation)}
          onChanged={() => setGeneration((g) => g + 1)}
          onClose={() => setParam('alert', null)}
        />
      ) : null}
    </>
  );
}
