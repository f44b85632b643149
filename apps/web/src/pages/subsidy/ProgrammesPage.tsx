import { Permission } from '@kebao/domain/org';
import { Button, Empty, Flex, Segmented, Select, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { todayInShanghai } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { isOneOf } from '../../policy/vocabulary.ts';
import { newProgrammeTemplate } from '../../subsidy/forms.ts';
import type { ProgrammeView } from '../../subsidy/types.ts';
import { fundLevels, programmeModes } from '../../subsidy/vocabulary.ts';
import { BudgetBar } from './BudgetBar.tsx';
import { useSubsidyLabels } from './labels.tsx';
import { PublishModal } from './ProgrammeModals.tsx';

const scopes = ['all', 'mine'] as const;
type Scope = (typeof scopes)[number];

/** Who operates a programme here: its funder, or none (it is shown, but grants nothing on this platform). */
export function OperatorText({ programme }: { programme: Pick<ProgrammeView, 'funder'> }) {
  const { t } = useTranslation();
  return programme.funder ? (
    <span data-testid="programme-operator">{programme.funder.name}</span>
  ) : (
    <Typography.Text type="secondary" data-testid="programme-no-operator">
      {t('subsidies.noOperator')}
    </Typography.Text>
  );
}

/**
 * 补贴项目 `/subsidy/programmes`: the premium-subsidy programmes the platform knows, by level of government,
 * with how they grant (免申即享 or 申报), who is paid, who operates them here and how much of the budget is
 * used. A funder narrows the list to its own and publishes new ones.
 */
export function ProgrammesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useSubsidyLabels();
  const me = useMe();
  const funder = hasAnyPermission(me, [Permission.SubsidyManage]);
  const [params, setParams] = useSearchParams();
  const scopeParam = params.get('scope');
  const scope: Scope = funder && isOneOf(scopes, scopeParam) ? scopeParam : 'all';
  const levelParam = params.get('level');
  const level = isOneOf(fundLevels, levelParam) ? levelParam : undefined;
  const modeParam = params.get('mode');
  const mode = isOneOf(programmeModes, modeParam) ? modeParam : undefined;
  const [publishing, setPublishing] = useState(false);

  const list = useApiData(`programmes:${scope}`, () =>
    unwrap(api.GET('/api/subsidy/programmes', { params: { query: scope === 'mine' ? { mine: true } : {} } })),
  );
  // Central first, then provinces, cities and districts (the server sorts the level codes alphabetically).
  const rank = (l: string) => (fundLevels as readonly string[]).indexOf(l);
  const rows = (list.data?.items ?? [])
    .filter((p) => (level === undefined || p.level === level) && (mode === undefined || p.mode === mode))
    .sort((a, b) => rank(a.level) - rank(b.level) || a.code.localeCompare(b.code));

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined) next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        page="subsidy-programmes"
        title={t('subsidies.title')}
        extra={
          funder ? (
            <Button type="primary" onClick={() => setPublishing(true)} data-testid="programme-publish">
              {t('subsidies.publish')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">{t('subsidies.intro')}</Typography.Paragraph>
      <Flex gap="middle" align="center" wrap style={{ marginBottom: 16 }}>
        {funder ? (
          <Segmented<Scope>
            value={scope}
            onChange={(value) => setParam('scope', value === 'all' ? undefined : value)}
            options={scopes.map((s) => ({
              value: s,
              label: <span data-testid={`programmes-scope-${s}`}>{t(`subsidies.scopes.${s}`)}</span>,
            }))}
          />
        ) : null}
        <Typography.Text>{t('subsidies.level')}</Typography.Text>
        <Select<string>
          allowClear
          placeholder={t('common.all')}
          style={{ width: 140 }}
          value={level}
          onChange={(value) => setParam('level', value)}
          options={fundLevels.map((l) => ({ value: l, label: labels.level(l) }))}
          data-testid="programmes-level-filter"
        />
        <Typography.Text>{t('subsidies.mode')}</Typography.Text>
        <Select<string>
          allowClear
          placeholder={t('common.all')}
          style={{ width: 140 }}
          value={mode}
          onChange={(value) => setParam('mode', value)}
          options={programmeModes.map((m) => ({ value: m, label: labels.mode(m) }))}
          data-testid="programmes-mode-filter"
        />
      </Flex>
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : (
        <Table<ProgrammeView>
          rowKey="code"
          loading={list.loading}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={scope === 'mine' ? t('subsidies.emptyMine') : t('subsidies.empty')}
                data-testid="programmes-empty"
              />
            ),
          }}
          data-testid="programmes-table"
          onRow={(p) => ({ 'data-code': p.code }) as HTMLAttributes<HTMLElement>}
          pagination={{
            defaultPageSize: 20,
            showSizeChanger: true,
            hideOnSinglePage: rows.length <= 20,
            showTotal: (total) => t('common.total', { count: total }),
          }}
          columns={[
            {
              key: 'name',
              title: t('subsidies.name'),
              render: (_, p) => (
                <Flex vertical gap={0} style={{ maxWidth: 300, whiteSpace: 'normal' }}>
                  <Link to={`/subsidy/programmes/${p.code}`} data-testid="programme-link">
                    {pick(p.names, language)}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('subsidies.codeVersion', { code: p.code, version: p.version })}
                  </Typography.Text>
                </Flex>
              ),
            },
            { key: 'level', title: t('subsidies.level'), render: (_, p) => labels.level(p.level) },
            {
              key: 'mode',
              title: t('subsidies.mode'),
              render: (_, p) => (
                <Flex vertical gap={2} align="flex-start">
                  <Tag color={p.mode === 'auto' ? 'green' : 'blue'} data-testid="programme-row-mode">
                    {labels.mode(p.mode)}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('subsidies.paidTo', { payee: labels.payee(p.payee) })}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              key: 'operator',
              title: t('subsidies.operator'),
              render: (_, p) => (
                <div style={{ maxWidth: 180, whiteSpace: 'normal' }}>
                  <OperatorText programme={p} />
                </div>
              ),
            },
            {
              key: 'budget',
              title: t('subsidies.budgetUse'),
              render: (_, p) => <BudgetBar programme={p} compact />,
            },
            { key: 'grants', title: t('subsidies.grants'), align: 'right', render: (_, p) => p.grants },
            {
              key: 'status',
              title: t('subsidies.status'),
              render: (_, p) => (
                <Tag color={p.status === 'active' ? 'green' : undefined}>
                  {p.status === 'active' || p.status === 'suspended'
                    ? t(`subsidies.statuses.${p.status}`)
                    : p.status}
                </Tag>
              ),
            },
          ]}
        />
      )}
      {publishing ? (
        <PublishModal
          title={t('subsidyPublish.title')}
          initial={newProgrammeTemplate(todayInShanghai())}
          onClose={() => setPublishing(false)}
        />
      ) : null}
    </>
  );
}
