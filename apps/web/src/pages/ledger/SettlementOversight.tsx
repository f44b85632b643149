import { Button, Flex, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { formatDateTime } from '../../format/datetime.ts';
import { orgName } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { absYuan } from '../../ledger/forms.ts';
import {
  hasStatementFilters,
  readStatementFilters,
  type StatementFilterKey,
  statementFilterKey,
  statementListQuery,
  withoutStatementFilters,
  withStatementFilter,
} from '../../ledger/oversight.ts';
import type { SettlementSummary } from '../../ledger/types.ts';
import { type StatementStatus, statementKinds, statementStatuses } from '../../ledger/vocabulary.ts';
import { useMoney } from '../policy/labels.tsx';
import { StatusList } from '../policy/StatusList.tsx';
import { StatementStatusTag, useLedgerLabels } from './labels.tsx';

/** The organisations a filter offers: funders and insurers draw statements up, insurers are drawn up with. */
function useOrganisations() {
  const language = useLanguage();
  const load = (kind: 'government' | 'insurer') =>
    unwrap(api.GET('/api/orgs', { params: { query: { kind, limit: 200 } } })).then((page) =>
      page.items.map((o) => ({ value: o.id, label: orgName(o, language) })),
    );
  const funders = useApiData(`settlement-funders:${language}`, () => load('government'));
  const insurers = useApiData(`settlement-insurers:${language}`, () => load('insurer'));
  return { funders: funders.data ?? [], insurers: insurers.data ?? [] };
}

/**
 * 账务核对 → 结算单 (the regulator and the platform, `ledger.read_all`): every settlement statement on the
 * platform — the funders' 补贴结算单 with insurers, the leads' 共保结算单 with followers, the bordereaux —
 * newest first, read-only, narrowed by kind, status, drawer, counterparty and the asOf day; the filters are
 * kept in the address. A statement opens at `/reconciliation/settlements/:id`.
 */
export function SettlementOversight() {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useLedgerLabels();
  const [params, setParams] = useSearchParams();
  const filters = readStatementFilters(params);
  const { funders, insurers } = useOrganisations();
  const set = (key: StatementFilterKey, value: string | undefined) =>
    setParams(withStatementFilter(params, key, value), { replace: true });
  const organisation = (
    key: 'drawer' | 'counterparty',
    options: { label: string; options: { value: string; label: string }[] }[],
  ) => (
    <Flex gap="small" align="center">
      <Typography.Text>{t(`settlements.filters.${key}`)}</Typography.Text>
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('common.all')}
        style={{ width: 260 }}
        value={filters[key]}
        onChange={(value) => set(key, value)}
        options={options}
        data-testid={`settlements-${key}-filter`}
      />
    </Flex>
  );
  const day = (key: 'from' | 'to') => (
    <Input
      type="date"
      value={filters[key] ?? ''}
      min={key === 'to' ? filters.from : undefined}
      max={key === 'from' ? filters.to : undefined}
      onChange={(e) => set(key, e.target.value)}
      style={{ width: 160 }}
      aria-label={t(`settlements.filters.${key}`)}
      data-testid={`settlements-${key}-filter`}
    />
  );

  return (
    <Flex vertical gap="small">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('settlements.oversightIntro')}
      </Typography.Paragraph>
      <StatusList<SettlementSummary, StatementStatus>
        section="settlements"
        statusLabel={(s) => t(`settlements.statuses.${s}`)}
        statuses={statementStatuses}
        filterKey={statementFilterKey(filters)}
        filters={
          <>
            <Flex gap="small" align="center">
              <Typography.Text>{t('settlements.kind')}</Typography.Text>
              <Select<string>
                allowClear
                placeholder={t('common.all')}
                style={{ width: 160 }}
                value={filters.kind}
                onChange={(value) => set('kind', value)}
                options={statementKinds.map((k) => ({ value: k, label: labels.statementKind(k) }))}
                data-testid="settlements-kind-filter"
              />
            </Flex>
            {organisation('drawer', [
              { label: t('settlements.filters.funders'), options: funders },
              { label: t('settlements.filters.insurers'), options: insurers },
            ])}
            {organisation('counterparty', [{ label: t('settlements.filters.insurers'), options: insurers }])}
            <Flex gap="small" align="center">
              <Typography.Text>{t('settlements.asOf')}</Typography.Text>
              {day('from')}
              <Typography.Text type="secondary">~</Typography.Text>
              {day('to')}
            </Flex>
            {hasStatementFilters(filters) ? (
              <Button
                onClick={() => setParams(withoutStatementFilters(params), { replace: true })}
                data-testid="settlements-filters-reset"
              >
                {t('common.reset')}
              </Button>
            ) : null}
          </>
        }
        load={(page) =>
          unwrap(api.GET('/api/settlements', { params: { query: statementListQuery(filters, page) } }))
        }
        emptyText={t('settlements.emptyAll')}
        columns={[
          {
            key: 'number',
            title: t('settlements.number'),
            render: (_, s) => (
              <Link to={`/reconciliation/settlements/${s.id}`} data-testid="settlement-link">
                {s.number}
              </Link>
            ),
          },
          { key: 'kind', title: t('settlements.kind'), render: (_, s) => labels.statementKind(s.kind) },
          { key: 'drawer', title: t('settlement.drawer'), render: (_, s) => s.drawer.name },
          { key: 'counterparty', title: t('settlement.counterparty'), render: (_, s) => s.counterparty.name },
          { key: 'asOf', title: t('settlements.asOf'), render: (_, s) => s.asOf },
          { key: 'items', title: t('settlements.items'), align: 'right', render: (_, s) => s.items },
          {
            key: 'amount',
            title: t('settlements.amount'),
            align: 'right',
            render: (_, s) => (
              <>
                {money(absYuan(s.amount))}{' '}
                <Typography.Text type="secondary">
                  {t(`settlements.drawerDirections.${s.direction === 'receive' ? 'receive' : 'pay'}`)}
                </Typography.Text>
              </>
            ),
          },
          {
            key: 'createdAt',
            title: t('settlements.createdAt'),
            render: (_, s) => formatDateTime(s.createdAt),
          },
          {
            key: 'settledAt',
            title: t('settlement.settledAt'),
            render: (_, s) => (s.settledAt ? formatDateTime(s.settledAt) : '—'),
          },
          {
            key: 'status',
            title: t('settlements.status'),
            render: (_, s) => <StatementStatusTag status={s.status} />,
          },
        ]}
      />
    </Flex>
  );
}
