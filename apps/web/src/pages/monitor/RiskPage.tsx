import { Permission } from '@kebao/domain/org';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert, useNotifyError } from '../../components/ProblemAlert.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { formatDateTime, todayInShanghai } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { epCurveOption } from '../../monitor/charts.ts';
import { EChart } from '../../monitor/EChart.tsx';
import {
  asOfValid,
  DEFAULT_RUN_SEED,
  DEFAULT_RUN_YEARS,
  defaultPerspectiveKey,
  elapsedParts,
  hasActiveRun,
  type InsurerRiskRow,
  insurerPmlPeriods,
  insurerRiskRows,
  isActiveRun,
  isCancellable,
  pmlAt,
  type RunFormValues,
  ratioPercent,
  runProgress,
  runRequestBody,
  seedValid,
  shownRun,
  yearsValid,
} from '../../monitor/risk.ts';
import type { RiskRun, RiskRunResult } from '../../monitor/types.ts';
import { RunStatusTag, useEstimate } from './riskLabels.tsx';

const PAGE_SIZE = 10;
/** How often the list is read again while a run is queued, running or being cancelled. */
const POLL_MS = 1500;

const grouped = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : n.toLocaleString('en-US');

function useElapsed() {
  const { t } = useTranslation();
  return (ms: number | null) => {
    if (ms === null) return '—';
    const { minutes, seconds } = elapsedParts(ms);
    return minutes > 0 ? t('risk.minutes', { minutes, seconds }) : t('risk.seconds', { seconds });
  };
}

/** 发起模拟 (monitor.manage): years, seed and the day of the portfolio; blank fields take the defaults. */
function StartRun({ onStarted }: { onStarted: (run: RiskRun) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RunFormValues>();
  const today = todayInShanghai();
  const submit = useFormSubmit(form, ['years', 'seed', 'asOf'], async (values) => {
    const checked = runRequestBody(values, today);
    if (!checked.ok) {
      form.setFields([{ name: checked.field, errors: [t(`risk.start.${checked.field}Invalid`)] }]);
      return;
    }
    const run = await unwrap(api.POST('/api/risk/runs', { body: checked.body }));
    void message.success(t('risk.start.started'));
    onStarted(run);
  });
  const blank = (v: unknown) => v === undefined || v === null || v === '';
  const check = (valid: (v: unknown) => boolean, text: string) => ({
    validator: (_: unknown, v: unknown) =>
      blank(v) || valid(v) ? Promise.resolve() : Promise.reject(new Error(text)),
  });
  return (
    <Card size="small" title={t('risk.start.title')} style={{ marginBottom: 16 }} data-testid="risk-start">
      <Flex vertical gap="small">
        <ProblemAlert error={submit.error} testId="risk-start-error" />
        <Form<RunFormValues>
          form={form}
          layout="inline"
          initialValues={{ years: DEFAULT_RUN_YEARS, seed: DEFAULT_RUN_SEED, asOf: today }}
          onFinish={submit.onFinish}
          data-testid="risk-start-form"
          style={{ rowGap: 8 }}
        >
          <Form.Item
            name="years"
            label={t('risk.start.years')}
            rules={[check(yearsValid, t('risk.start.yearsInvalid'))]}
          >
            <InputNumber step={1000} precision={0} style={{ width: 140 }} data-testid="risk-start-years" />
          </Form.Item>
          <Form.Item
            name="seed"
            label={t('risk.start.seed')}
            rules={[check(seedValid, t('risk.start.seedInvalid'))]}
          >
            <InputNumber precision={0} style={{ width: 120 }} data-testid="risk-start-seed" />
          </Form.Item>
          <Form.Item
            name="asOf"
            label={t('risk.start.asOf')}
            rules={[check((v) => asOfValid(v, today), t('risk.start.asOfInvalid'))]}
          >
            <Input type="date" max={today} style={{ width: 160 }} data-testid="risk-start-as-of" />
          </Form.Item>
          <Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              loading={submit.submitting}
              data-testid="risk-start-submit"
            >
              {t('risk.start.submit')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('risk.start.hint')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** 模拟记录: newest first, the one shown highlighted; the queued and running ones may be cancelled. */
function RunsTable({
  runs,
  total,
  offset,
  shown,
  manages,
  onPage,
  onShow,
  onCancelled,
}: {
  runs: RiskRun[];
  total: number;
  offset: number;
  shown: string | undefined;
  manages: boolean;
  onPage: (offset: number) => void;
  onShow: (id: string) => void;
  onCancelled: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const elapsed = useElapsed();
  const cancel = async (run: RiskRun) => {
    try {
      await unwrap(api.POST('/api/risk/runs/{id}/cancel', { params: { path: { id: run.id } } }));
      void message.success(t('risk.cancelRequested'));
    } catch (error) {
      notifyError(error);
    }
    onCancelled();
  };
  const columns: ColumnsType<RiskRun> = [
    { key: 'createdAt', title: t('risk.columns.createdAt'), render: (_, r) => formatDateTime(r.createdAt) },
    {
      key: 'status',
      title: t('risk.columns.status'),
      render: (_, r) => (
        <Flex align="center" gap="small">
          <RunStatusTag status={r.status} />
          {isActiveRun(r.status) ? (
            <Progress
              percent={runProgress(r)}
              size="small"
              style={{ width: 120, margin: 0 }}
              data-testid="risk-run-progress"
            />
          ) : null}
        </Flex>
      ),
    },
    { key: 'asOf', title: t('risk.columns.asOf'), render: (_, r) => r.asOf },
    { key: 'years', title: t('risk.columns.years'), align: 'right', render: (_, r) => grouped(r.years) },
    { key: 'seed', title: t('risk.columns.seed'), align: 'right', render: (_, r) => r.seed },
    { key: 'units', title: t('risk.columns.units'), align: 'right', render: (_, r) => grouped(r.units) },
    {
      key: 'elapsed',
      title: t('risk.columns.elapsed'),
      align: 'right',
      render: (_, r) => elapsed(r.elapsedMs),
    },
    {
      key: 'actions',
      title: t('risk.columns.actions'),
      render: (_, r) => (
        <Flex gap="small">
          <Button size="small" type="link" onClick={() => onShow(r.id)} data-testid="risk-run-view">
            {t('risk.view')}
          </Button>
          {manages && isCancellable(r.status) ? (
            <Popconfirm
              title={t('risk.cancelConfirm')}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => cancel(r)}
            >
              <Button size="small" danger data-testid="risk-run-cancel">
                {t('risk.cancel')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    },
  ];
  return (
    <Table<RiskRun>
      rowKey="id"
      size="small"
      dataSource={runs}
      columns={columns}
      scroll={{ x: 'max-content' }}
      rowClassName={(r) => (r.id === shown ? 'ant-table-row-selected' : '')}
      onRow={(r) =>
        ({
          'data-run-id': r.id,
          'data-status': r.status,
          style: { cursor: 'pointer' },
          onClick: () => onShow(r.id),
        }) as HTMLAttributes<HTMLElement>
      }
      pagination={{
        current: Math.floor(offset / PAGE_SIZE) + 1,
        pageSize: PAGE_SIZE,
        total,
        hideOnSinglePage: true,
        showSizeChanger: false,
        onChange: (page) => onPage((page - 1) * PAGE_SIZE),
      }}
      data-testid="risk-runs-table"
    />
  );
}

/** 模拟输入: what the run read and how, what it left out, and the portfolio file to repeat it. */
function RunInputs({ run, manages }: { run: RiskRun; manages: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const elapsed = useElapsed();
  const items = [
    { key: 'asOf', label: t('risk.start.asOf'), children: run.asOf },
    { key: 'years', label: t('risk.start.years'), children: grouped(run.years) },
    {
      key: 'seed',
      label: t('risk.start.seed'),
      children: <span data-testid="risk-input-seed">{run.seed}</span>,
    },
    {
      key: 'model',
      label: t('risk.modelVersion'),
      children: (
        <span data-testid="risk-input-model" title={run.modelChecksum ?? undefined}>
          {run.modelVersion ?? '—'}
        </span>
      ),
    },
    {
      key: 'units',
      label: t('risk.units'),
      children: (
        <span data-testid="risk-input-units">
          {run.units === null
            ? '—'
            : t('risk.unitsSplit', {
                units: grouped(run.units),
                platform: grouped(run.platformPolicies),
                registered: grouped(run.registeredPolicies),
              })}
        </span>
      ),
    },
    { key: 'risks', label: t('risk.risks'), children: grouped(run.risks) },
    { key: 'losses', label: t('risk.losses'), children: grouped(run.losses) },
    { key: 'workers', label: t('risk.workers'), children: grouped(run.workers) },
    { key: 'elapsed', label: t('risk.elapsed'), children: elapsed(run.elapsedMs) },
    { key: 'finishedAt', label: t('risk.finishedAt'), children: formatDateTime(run.finishedAt) },
    {
      key: 'portfolio',
      label: t('risk.portfolioSha'),
      span: 'filled' as const,
      children: run.portfolioSha256 ? (
        <Flex vertical gap={4}>
          <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="risk-input-sha">
            {run.portfolioSha256}
          </Typography.Text>
          {manages ? (
            <Flex gap="small" wrap align="center">
              <a href={`/api/risk/runs/${run.id}/portfolio`} download data-testid="risk-portfolio-download">
                {t('risk.download')}
              </a>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('risk.downloadHint')}
              </Typography.Text>
            </Flex>
          ) : null}
        </Flex>
      ) : (
        '—'
      ),
    },
    {
      key: 'notes',
      label: t('risk.notes'),
      span: 'filled' as const,
      children:
        run.notes.length === 0 ? (
          t('risk.noNotes')
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="risk-input-notes">
            {run.notes.map((n) => (
              <li key={n.code} data-code={n.code}>
                {language === 'en' ? n.en : n.zh}
              </li>
            ))}
          </ul>
        ),
    },
  ];
  return (
    <Card size="small" title={t('risk.inputs')} style={{ marginBottom: 16 }} data-testid="risk-inputs">
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} items={items} />
    </Card>
  );
}

/** The EP curves of one perspective at a time (the zone's gross loss first) and its headline figures. */
function EpCurves({ result }: { result: RiskRunResult }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { yuan, format } = useEstimate();
  const [chosen, setChosen] = useState<string | null>(null);
  const key = chosen ?? defaultPerspectiveKey(result.perspectives);
  const perspective = result.perspectives.find((p) => p.key === key);
  const option = useMemo(
    () =>
      perspective
        ? epCurveOption(
            perspective.ep,
            {
              oep: t('risk.oep'),
              aep: t('risk.aepSeries'),
              returnPeriod: t('risk.returnPeriod'),
              loss: t('risk.loss'),
              period: (period) => t('risk.period', { period }),
            },
            format,
          )
        : null,
    [perspective, t, format],
  );
  return (
    <Card
      size="small"
      title={t('risk.ep')}
      style={{ marginBottom: 16 }}
      data-testid="risk-ep"
      extra={
        <Flex align="center" gap="small">
          <Typography.Text type="secondary">{t('risk.perspective')}</Typography.Text>
          <Select
            value={key ?? undefined}
            onChange={setChosen}
            style={{ width: 280 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={result.perspectives.map((p) => ({ value: p.key, label: pick(p.names, language) }))}
            data-testid="risk-perspective"
          />
        </Flex>
      }
    >
      {perspective && option ? (
        <Flex vertical gap="small">
          <Row gutter={[16, 8]} data-testid="risk-figures" data-key={perspective.key}>
            <Col xs={12} md={6}>
              <Statistic
                title={t('risk.aal')}
                value={yuan(perspective.aal)}
                data-testid="risk-aal"
                data-value={perspective.aal}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('risk.aalError', { value: yuan(perspective.aalStandardError) })}
              </Typography.Text>
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('risk.pml200')}
                value={yuan(pmlAt(perspective, 200))}
                data-testid="risk-pml200"
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('risk.tvar995')} value={yuan(perspective.tvar995)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('risk.maxAnnual')} value={yuan(perspective.maxAnnual)} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('risk.lossYears')} {ratioPercent(perspective.lossYearProbability)}
              </Typography.Text>
            </Col>
          </Row>
          {perspective.ep.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('risk.epEmpty')} />
          ) : (
            <EChart
              option={option}
              height={320}
              label={`${t('risk.ep')} · ${pick(perspective.names, language)}`}
              testId="risk-ep-chart"
            />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('risk.epHint')}
          </Typography.Text>
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('risk.epEmpty')} />
      )}
    </Card>
  );
}

/** 各保险机构 PML 与资本覆盖: one row per insurer the reader may see. */
function InsurerPml({ result }: { result: RiskRunResult }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { yuan } = useEstimate();
  const rows = useMemo(() => insurerRiskRows(result), [result]);
  const pmlColumns = (side: 'grossPml' | 'netPml') =>
    insurerPmlPeriods.map((period) => ({
      key: `${side}-${period}`,
      title: t('risk.pmlColumns.period', { period }),
      align: 'right' as const,
      render: (_: unknown, r: InsurerRiskRow) => yuan(r[side][period]),
    }));
  const columns: ColumnsType<InsurerRiskRow> = [
    {
      key: 'insurer',
      title: t('risk.pmlColumns.insurer'),
      fixed: 'left',
      render: (_, r) => <span data-testid="risk-pml-insurer">{pick(r.names, language)}</span>,
    },
    { key: 'gross', title: t('risk.pmlColumns.gross'), children: pmlColumns('grossPml') },
    { key: 'net', title: t('risk.pmlColumns.net'), children: pmlColumns('netPml') },
    {
      key: 'netTvar',
      title: t('risk.pmlColumns.netTvar'),
      align: 'right',
      render: (_, r) => yuan(r.netTvar995),
    },
    { key: 'netAal', title: t('risk.pmlColumns.netAal'), align: 'right', render: (_, r) => yuan(r.netAal) },
    {
      key: 'capital',
      title: t('risk.pmlColumns.capital'),
      align: 'right',
      render: (_, r) => yuan(r.capital),
    },
    {
      key: 'coverage',
      title: t('risk.pmlColumns.coverage'),
      align: 'right',
      render: (_, r) => {
        const text = ratioPercent(r.coverageRatio);
        return (
          <Typography.Text
            type={r.coverageRatio !== null && r.coverageRatio < 1 ? 'danger' : undefined}
            data-testid="risk-pml-coverage"
            data-value={r.coverageRatio ?? ''}
          >
            {text ?? '—'}
          </Typography.Text>
        );
      },
    },
  ];
  return (
    <Card size="small" title={t('risk.pml')} style={{ marginBottom: 16 }} data-testid="risk-pml">
      <Table<InsurerRiskRow>
        rowKey="insurer"
        size="small"
        bordered
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-insurer': r.insurer }) as HTMLAttributes<HTMLElement>}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('risk.pmlEmpty')} />,
        }}
        data-testid="risk-pml-table"
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t('risk.pmlHint')}
      </Typography.Paragraph>
    </Card>
  );
}

/** A finished run: its results, read once (they never change). */
function DoneRun({ run }: { run: RiskRun }) {
  const { t } = useTranslation();
  const result = useApiData(`risk-run:${run.id}`, () =>
    unwrap(api.GET('/api/risk/runs/{id}', { params: { path: { id: run.id } } })),
  );
  if (result.error) return <LoadError error={result.error} onRetry={result.reload} />;
  if (!result.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  return (
    <>
      {result.data.scope === 'own' ? (
        <Alert type="info" showIcon title={t('risk.scopeOwn')} style={{ marginBottom: 16 }} />
      ) : null}
      <EpCurves result={result.data} />
      <InsurerPml result={result.data} />
    </>
  );
}

/** The run shown below the list: its progress, its failure or its results, and its inputs. */
function RunView({ run, manages }: { run: RiskRun; manages: boolean }) {
  const { t } = useTranslation();
  const title = t('risk.runTitle', { asOf: run.asOf, years: grouped(run.years), seed: run.seed });
  let body: ReactNode;
  if (run.status === 'done') body = <DoneRun key={run.id} run={run} />;
  else if (run.status === 'failed')
    body = (
      <Alert
        type="error"
        showIcon
        title={t('risk.failedTitle')}
        description={run.error ?? undefined}
        style={{ marginBottom: 16 }}
        data-testid="risk-run-failed"
      />
    );
  else if (run.status === 'cancelled')
    body = (
      <Alert
        type="info"
        showIcon
        title={t('risk.cancelledText')}
        style={{ marginBottom: 16 }}
        data-testid="risk-run-cancelled"
      />
    );
  else
    body = (
      <Card size="small" style={{ marginBottom: 16 }} data-testid="risk-run-going">
        <Flex vertical gap="small">
          <Typography.Text>
            {run.status === 'queued'
              ? t('risk.queuedText')
              : run.status === 'cancelling'
                ? t('risk.cancellingText')
                : t('risk.runningText', { done: grouped(run.yearsDone), years: grouped(run.years) })}
          </Typography.Text>
          <Progress percent={runProgress(run)} status="active" data-testid="risk-run-going-progress" />
        </Flex>
      </Card>
    );
  return (
    <section data-testid="risk-run" data-run-id={run.id} data-status={run.status}>
      <Flex align="center" gap="small" style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="risk-run-title">
          {title}
        </Typography.Title>
        <RunStatusTag status={run.status} />
      </Flex>
      {body}
      {run.status === 'done' || run.status === 'failed' ? <RunInputs run={run} manages={manages} /> : null}
    </section>
  );
}

/**
 * 风险模拟 `/monitor/risk`: the Monte Carlo risk engine over the portfolio in force, run by the server's risk
 * job. The regulator and the platform (monitor.manage) start and cancel runs and download a run's portfolio;
 * every reader of the cockpit sees the results (an insurer the zone totals and its own). The list is read
 * again every 1.5 s while a run is queued, running or being cancelled, and not otherwise.
 */
export function RiskPage() {
  const { t } = useTranslation();
  const me = useMe();
  const manages = hasAnyPermission(me, [Permission.MonitorManage]);
  const readsAll = hasAnyPermission(me, [Permission.MonitorReadAll]);
  const [offset, setOffset] = useState(0);
  const [chosen, setChosen] = useState<string | null>(null);
  const runs = useApiData(`risk-runs:${offset}`, () =>
    unwrap(api.GET('/api/risk/runs', { params: { query: { limit: PAGE_SIZE, offset } } })),
  );
  const items = runs.data?.items ?? [];
  const polling = hasActiveRun(items);
  const { reload } = runs;
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [polling, reload]);
  const shown = shownRun(items, chosen);

  return (
    <>
      <PageHeader page="risk" title={t('risk.title')} />
      <Typography.Paragraph type="secondary">
        {readsAll ? t('risk.intro') : t('risk.introInsurer')}
      </Typography.Paragraph>
      {manages ? (
        <StartRun
          onStarted={(run) => {
            setChosen(run.id);
            if (offset === 0) reload();
            else setOffset(0);
          }}
        />
      ) : null}
      <Card
        size="small"
        title={t('risk.runs')}
        style={{ marginBottom: 16 }}
        data-testid="risk-runs"
        data-polling={polling}
      >
        {runs.error ? <LoadError error={runs.error} onRetry={reload} /> : null}
        {!runs.data ? (
          runs.error ? null : (
            <Skeleton active paragraph={{ rows: 4 }} />
          )
        ) : runs.data.total === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <Flex vertical gap={4}>
                <span>{t('risk.empty')}</span>
                <Typography.Text type="secondary">
                  {manages ? t('risk.emptyManage') : t('risk.emptyRead')}
                </Typography.Text>
              </Flex>
            }
            data-testid="risk-empty"
          />
        ) : (
          <RunsTable
            runs={items}
            total={runs.data.total}
            offset={offset}
            shown={shown?.id}
            manages={manages}
            onPage={setOffset}
            onShow={setChosen}
            onCancelled={reload}
          />
        )}
      </Card>
      {shown ? <RunView key={shown.id} run={shown} manages={manages} /> : null}
    </>
  );
}
