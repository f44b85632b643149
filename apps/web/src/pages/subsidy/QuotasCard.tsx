import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { paths } from '../../api/schema.d.ts';
import { useApiData } from '../../api/useApiData.ts';
import { useSettledValue } from '../../api/useSettledValue.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { formatDateTime, todayInShanghai } from '../../format/datetime.ts';
import { fenOf, percentOf } from '../../format/decimal.ts';
import { normaliseYuan } from '../../format/money.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type zhCN from '../../i18n/zh-CN.json';
import { yuanOfFen } from '../../subsidy/forms.ts';
import { useMoney, usePercent } from '../policy/labels.tsx';

/*
 * 核定额度: quota programmes (the central first-of-a-kind equipment and first-batch new materials
 * compensations) pay only against a quota the operating funder approved for an enterprise's listed item —
 * the programme's percentage of the product value. The programme page lists them (and lets its funder
 * approve and revoke them); the enterprise's subsidy page lists its own.
 */

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type QuotaPage = Json<paths['/api/subsidy/quotas']['get']['responses'][200]>;
export type QuotaView = QuotaPage['items'][number];
type QuotaQuery = NonNullable<paths['/api/subsidy/quotas']['get']['parameters']['query']>;
type QuotaBody = Json<paths['/api/subsidy/programmes/{code}/quotas']['post']['requestBody']>;
type EnterpriseOption = Json<paths['/api/enterprises']['get']['responses'][200]>['items'][number];

/** A programme's quota rule as its definition states it. */
export interface QuotaRule {
  percentOfProductValue: string;
  years: number;
}

type Word = keyof (typeof zhCN)['quotas'];
type Say = (word: Word, vars?: Record<string, string | number>) => string;

/** The quota pages' words (i18n `quotas.*`) in the current language, `{{name}}` filled in from `vars`. */
function useWords(): Say {
  const { t } = useTranslation();
  return useCallback((word, vars = {}) => t(`quotas.${word}`, vars), [t]);
}

// ---- amounts -----------------------------------------------------------------------------------------

const shareText = /^(\d+)(?:\.(\d+))?$/;

/**
 * The quota the server approves for a product value typed in the form: the value × the programme's share,
 * half up to the fen (as the domain computes it); null while the value is no amount.
 */
export function quotaOf(productValue: string | undefined, share: string): string | null {
  const yuan = normaliseYuan(productValue ?? '');
  const fen = yuan === null ? null : fenOf(yuan);
  const match = shareText.exec(share.trim());
  if (fen === null || !match) return null;
  const [, whole = '0', fraction = ''] = match;
  const numerator = BigInt(`${whole}${fraction}`);
  const denominator = 10n ** BigInt(fraction.length);
  return yuanOfFen((2n * fen * numerator + denominator) / (2n * denominator));
}

function useShare(): (share: string) => string {
  const percent = usePercent();
  return (share) => percent(percentOf(share));
}

// ---- status ------------------------------------------------------------------------------------------

/** 有效 · 已撤销; a revoked quota says when and why on hover. */
function QuotaStatusTag({ quota }: { quota: QuotaView }) {
  const say = useWords();
  if (quota.status === 'revoked') {
    return (
      <Tooltip
        title={say('revokedBecause', {
          at: formatDateTime(quota.revokedAt),
          reason: quota.revokeReason ?? '—',
        })}
      >
        <Tag data-testid="quota-status" data-status="revoked">
          {say('revokedStatus')}
        </Tag>
      </Tooltip>
    );
  }
  if (quota.status === 'active' && quota.validUntil <= todayInShanghai()) {
    return (
      <Tooltip title={say('expiredHint', { date: quota.validUntil })}>
        <Tag data-testid="quota-status" data-status="expired">
          {say('expired')}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tag
      color={quota.status === 'active' ? 'green' : undefined}
      data-testid="quota-status"
      data-status={quota.status}
    >
      {quota.status === 'active' ? say('active') : quota.status}
    </Tag>
  );
}

// ---- the list ----------------------------------------------------------------------------------------

const pageSize = 10;

/** A page of quotas (server-side pagination); `version` reloads it after a change. */
function useQuotaPage(query: Omit<QuotaQuery, 'limit' | 'offset'>, version: number) {
  const [page, setPage] = useState(1);
  const rows = useApiData(`quotas:${JSON.stringify(query)}:${page}:${version}`, () =>
    unwrap(
      api.GET('/api/subsidy/quotas', {
        params: { query: { ...query, limit: pageSize, offset: (page - 1) * pageSize } },
      }),
    ),
  );
  return { rows, page, setPage };
}

function QuotasTable({
  rows,
  loading,
  page,
  total,
  onPage,
  columns,
  empty,
}: {
  rows: QuotaView[];
  loading: boolean;
  page: number;
  total: number;
  onPage: (page: number) => void;
  columns: ColumnsType<QuotaView>;
  empty: ReactNode;
}) {
  const say = useWords();
  return (
    <Table<QuotaView>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      columns={columns}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: empty }}
      onRow={(q) => ({ 'data-item': q.item, 'data-status': q.status }) as HTMLAttributes<HTMLElement>}
      pagination={{
        current: page,
        pageSize,
        total,
        hideOnSinglePage: true,
        showSizeChanger: false,
        showTotal: (count) => say('total', { count }),
        onChange: onPage,
      }}
      data-testid="quotas-table"
    />
  );
}

/** The amount columns both lists show: the quota, what grants used of it, what is left. */
function useAmountColumns(): ColumnsType<QuotaView> {
  const say = useWords();
  const money = useMoney();
  return [
    {
      key: 'quota',
      title: say('quota'),
      align: 'right',
      render: (_, q) => <span data-testid="quota-amount">{money(q.quota)}</span>,
    },
    {
      key: 'used',
      title: say('used'),
      align: 'right',
      render: (_, q) => <span data-testid="quota-used">{money(q.used)}</span>,
    },
    {
      key: 'left',
      title: say('left'),
      align: 'right',
      render: (_, q) => <span data-testid="quota-left">{money(q.left)}</span>,
    },
    { key: 'status', title: say('status'), render: (_, q) => <QuotaStatusTag quota={q} /> },
  ];
}

/**
 * 核定额度 on a quota programme's page: the rule in one line and the programme's quotas the viewer may
 * see (the funder its own, an enterprise its own, the regulator and the platform all); the operating
 * funder approves new ones and revokes active ones.
 */
export function QuotasCard({
  code,
  rule,
  operates,
}: {
  code: string;
  rule: QuotaRule;
  /** The viewer's organisation operates the programme and may manage subsidies. */
  operates: boolean;
}) {
  const say = useWords();
  const language = useLanguage();
  const money = useMoney();
  const share = useShare();
  const [version, setVersion] = useState(0);
  const [approving, setApproving] = useState(false);
  const [revoking, setRevoking] = useState<QuotaView | null>(null);
  const { rows: list, page, setPage } = useQuotaPage({ programme: code }, version);
  const changed = () => setVersion((v) => v + 1);

  const columns: ColumnsType<QuotaView> = [
    {
      key: 'enterprise',
      title: say('enterprise'),
      render: (_, q) => (
        <Flex vertical>
          <span data-testid="quota-enterprise">{q.enterprise.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="quota-uscc">
            {q.enterprise.uscc}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'item', title: say('item'), render: (_, q) => <span data-testid="quota-item">{q.item}</span> },
    {
      key: 'approvalRef',
      title: say('approvalRef'),
      render: (_, q) => <span data-testid="quota-ref">{q.approvalRef}</span>,
    },
    {
      key: 'productValue',
      title: say('productValueColumn'),
      align: 'right',
      render: (_, q) => money(q.productValue),
    },
    ...useAmountColumns(),
    { key: 'approvedAt', title: say('approvedAt'), render: (_, q) => formatDateTime(q.approvedAt) },
    {
      key: 'validUntil',
      title: say('validUntil'),
      render: (_, q) => <span data-testid="quota-valid-until">{q.validUntil}</span>,
    },
    ...(operates
      ? [
          {
            key: 'actions',
            title: say('actions'),
            render: (_: unknown, q: QuotaView) =>
              q.status === 'active' ? (
                <Button
                  type="link"
                  size="small"
                  danger
                  style={{ padding: 0 }}
                  onClick={() => setRevoking(q)}
                  data-testid="quota-revoke"
                >
                  {say('revoke')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  const years = language === 'en' ? `${rule.years} year${rule.years === 1 ? '' : 's'}` : rule.years;
  return (
    <Card
      size="small"
      title={say('title')}
      extra={
        operates ? (
          <Button type="primary" size="small" onClick={() => setApproving(true)} data-testid="quota-approve">
            {say('approve')}
          </Button>
        ) : null
      }
      data-testid="quotas-card"
    >
      <Flex vertical gap="small">
        <Typography.Text type="secondary" data-testid="quotas-rule">
          {say('rule', { share: share(rule.percentOfProductValue), years })}
        </Typography.Text>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <QuotasTable
            rows={list.data?.items ?? []}
            loading={list.loading}
            page={page}
            total={list.data?.total ?? 0}
            onPage={setPage}
            columns={columns}
            empty={
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={say('empty')}
                data-testid="quotas-empty"
              />
            }
          />
        )}
      </Flex>
      {approving ? (
        <ApproveQuotaModal
          code={code}
          rule={rule}
          onClose={() => setApproving(false)}
          onSaved={() => {
            setApproving(false);
            setPage(1);
            changed();
          }}
        />
      ) : null}
      {revoking ? (
        <RevokeQuotaModal
          quota={revoking}
          onClose={() => setRevoking(null)}
          onSaved={() => {
            setRevoking(null);
            changed();
          }}
        />
      ) : null}
    </Card>
  );
}

/**
 * 我的核定额度 on the enterprise's subsidy page: its quotas under every programme, read only; nothing at
 * all while it has none.
 */
export function MyQuotasCard() {
  const say = useWords();
  const { rows, page, setPage } = useQuotaPage({}, 0);
  const columns: ColumnsType<QuotaView> = [
    {
      key: 'programme',
      title: say('programme'),
      render: (_, q) => (
        <Link to={`/subsidy/programmes/${q.programme.code}`} data-testid="quota-programme">
          {q.programme.name}
        </Link>
      ),
    },
    { key: 'item', title: say('item'), render: (_, q) => <span data-testid="quota-item">{q.item}</span> },
    ...useAmountColumns(),
  ];
  if (rows.error && !rows.data) {
    return (
      <Card size="small" title={say('mineTitle')} data-testid="my-quotas-card">
        <LoadError error={rows.error} onRetry={rows.reload} />
      </Card>
    );
  }
  if (!rows.data || rows.data.total === 0) return null;
  return (
    <Card size="small" title={say('mineTitle')} style={{ marginBottom: 16 }} data-testid="my-quotas-card">
      <Flex vertical gap="small">
        <Typography.Text type="secondary">{say('mineIntro')}</Typography.Text>
        <QuotasTable
          rows={rows.data.items}
          loading={rows.loading}
          page={page}
          total={rows.data.total}
          onPage={setPage}
          columns={columns}
          empty={say('empty')}
        />
      </Flex>
    </Card>
  );
}

// ---- approving ---------------------------------------------------------------------------------------

interface ApproveValues {
  enterpriseId: string;
  item: string;
  productValue: string;
  approvalRef: string;
}

function approveBody(values: ApproveValues): QuotaBody {
  const value = values.productValue.trim();
  return {
    enterpriseId: values.enterpriseId,
    item: values.item.trim(),
    // An amount that cannot be read is sent as typed, for the server to name the problem under the field.
    productValue: normaliseYuan(value) ?? value,
    approvalRef: values.approvalRef.trim(),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The items the enterprise's profile lists in the catalogues (首台套, 首批次, 首版次); the profile is untyped. */
function listedItems(profile: unknown): string[] {
  if (!isRecord(profile) || !Array.isArray(profile.catalogueListings)) return [];
  const items = profile.catalogueListings.flatMap((l: unknown) =>
    isRecord(l) && typeof l.item === 'string' && l.item.trim() !== '' ? [l.item] : [],
  );
  return [...new Set(items)];
}

/**
 * 核定额度 (the operating funder): the enterprise found in the registry by name or USCC, its listed item,
 * the product value and the approval letter's reference; the quota it comes to is shown before sending.
 */
function ApproveQuotaModal({
  code,
  rule,
  onClose,
  onSaved,
}: {
  code: string;
  rule: QuotaRule;
  onClose: () => void;
  onSaved: (quota: QuotaView) => void;
}) {
  const say = useWords();
  const { message } = App.useApp();
  const money = useMoney();
  const share = useShare();
  const [form] = Form.useForm<ApproveValues>();
  const [search, setSearch] = useState('');
  const q = useSettledValue(search.trim(), 300);
  const [chosen, setChosen] = useState<EnterpriseOption | null>(null);
  const found = useApiData(`quota-enterprises:${q}`, () =>
    unwrap(api.GET('/api/enterprises', { params: { query: { ...(q ? { q } : {}), limit: 20 } } })),
  );
  const listed = useApiData(`quota-listings:${chosen?.id ?? ''}`, async () =>
    chosen
      ? listedItems(
          (await unwrap(api.GET('/api/enterprises/{id}', { params: { path: { id: chosen.id } } }))).profile,
        )
      : [],
  );
  const productValue = Form.useWatch('productValue', form);
  const quota = quotaOf(productValue, rule.percentOfProductValue);

  const submit = useFormSubmit(
    form,
    ['enterpriseId', 'item', 'productValue', 'approvalRef'],
    async (values) => {
      const saved = await unwrap(
        api.POST('/api/subsidy/programmes/{code}/quotas', {
          params: { path: { code } },
          body: approveBody(values),
        }),
      );
      void message.success(say('approved', { enterprise: saved.enterprise.name, quota: money(saved.quota) }));
      onSaved(saved);
    },
  );

  const enterprises = found.data?.items ?? [];
  const options = [
    ...(chosen && !enterprises.some((e) => e.id === chosen.id) ? [chosen] : []),
    ...enterprises,
  ].map((e) => ({ value: e.id, label: `${e.name}（${e.uscc}）`, enterprise: e }));

  return (
    <FormModal<ApproveValues>
      title={say('approveTitle')}
      okText={say('approveSubmit')}
      testIdPrefix="quota-form"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{say('approveHint')}</Typography.Paragraph>
      {found.error ? <LoadError error={found.error} onRetry={found.reload} /> : null}
      <Form.Item
        name="enterpriseId"
        label={say('enterprise')}
        rules={[{ required: true, message: say('enterpriseRequired') }]}
      >
        <Select<string>
          showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
          placeholder={say('enterprisePlaceholder')}
          loading={found.loading}
          options={options}
          notFoundContent={found.loading ? undefined : say('noEnterprise')}
          onChange={(id) => {
            setChosen(options.find((o) => o.value === id)?.enterprise ?? null);
            setSearch('');
          }}
          data-testid="quota-form-enterprise"
        />
      </Form.Item>
      <Form.Item
        name="item"
        label={say('item')}
        rules={[{ required: true, whitespace: true, message: say('itemRequired') }]}
        extra={
          (listed.data?.length ?? 0) > 0 ? (
            <Flex gap={4} align="center" wrap style={{ marginTop: 4 }}>
              <span>{say('listedItems')}</span>
              {listed.data?.map((item) => (
                <Tag.CheckableTag
                  key={item}
                  checked={false}
                  onChange={() => form.setFieldsValue({ item })}
                  data-testid="quota-form-listed-item"
                >
                  {item}
                </Tag.CheckableTag>
              ))}
            </Flex>
          ) : null
        }
      >
        <Input
          maxLength={200}
          autoComplete="off"
          placeholder={say('itemPlaceholder')}
          data-testid="quota-form-item"
        />
      </Form.Item>
      <Form.Item
        name="productValue"
        label={say('productValue')}
        rules={[
          { required: true, whitespace: true, message: say('productValueRequired') },
          { pattern: /^\s*[\d,]+(\.\d{1,2})?\s*$/, message: say('productValuePattern') },
        ]}
      >
        <Input inputMode="decimal" prefix="¥" autoComplete="off" data-testid="quota-form-value" />
      </Form.Item>
      <Form.Item
        name="approvalRef"
        label={say('approvalRef')}
        rules={[{ required: true, whitespace: true, message: say('approvalRefRequired') }]}
      >
        <Input
          maxLength={100}
          autoComplete="off"
          placeholder={say('approvalRefPlaceholder')}
          data-testid="quota-form-ref"
        />
      </Form.Item>
      <Alert
        // A value too small for a quota of at least a fen is refused by the server: said here already.
        type={quota === null ? 'info' : quota === '0.00' ? 'warning' : 'success'}
        showIcon
        title={
          quota === null
            ? say('computedNone', { share: share(rule.percentOfProductValue) })
            : say('computed', { share: share(rule.percentOfProductValue), quota: money(quota) })
        }
        data-testid="quota-form-computed"
        data-amount={quota ?? ''}
      />
    </FormModal>
  );
}

// ---- revoking ----------------------------------------------------------------------------------------

/** 撤销 (the funder): no further grant draws on the quota; grants already made stand. */
function RevokeQuotaModal({
  quota,
  onClose,
  onSaved,
}: {
  quota: QuotaView;
  onClose: () => void;
  onSaved: (quota: QuotaView) => void;
}) {
  const say = useWords();
  const { message } = App.useApp();
  const money = useMoney();
  const [form] = Form.useForm<{ reason: string }>();
  const submit = useFormSubmit(form, ['reason'], async ({ reason }) => {
    const saved = await unwrap(
      api.POST('/api/subsidy/quotas/{id}/revoke', {
        params: { path: { id: quota.id } },
        body: { reason: reason.trim() },
      }),
    );
    void message.success(say('revoked', { item: saved.item }));
    onSaved(saved);
  });
  return (
    <FormModal<{ reason: string }>
      title={say('revokeTitle')}
      okText={say('revoke')}
      testIdPrefix="quota-revoke"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">
        {say('revokeHint', { enterprise: quota.enterprise.name, item: quota.item, left: money(quota.left) })}
      </Typography.Paragraph>
      <Form.Item
        name="reason"
        label={say('reason')}
        rules={[{ required: true, whitespace: true, message: say('reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="quota-revoke-reason" />
      </Form.Item>
    </FormModal>
  );
}
