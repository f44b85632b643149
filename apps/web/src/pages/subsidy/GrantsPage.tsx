import { Badge, Empty, Flex, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime, todayInShanghai } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { isOneOf } from '../../policy/vocabulary.ts';
import { grantDue, grantPath, grantRights } from '../../subsidy/forms.ts';
import type { GrantQuery, GrantSummary } from '../../subsidy/types.ts';
import { type GrantStatus, grantStatuses, type ReviewTab, reviewTabs } from '../../subsidy/vocabulary.ts';
import { useMoney } from '../policy/labels.tsx';
import { StatusList } from '../policy/StatusList.tsx';
import { GrantStatusTag, useSubsidyLabels } from './labels.tsx';
import { MyQuotasCard } from './QuotasCard.tsx';

interface GrantListProps {
  /** Whose list: the enterprise's own grants, or the funder's queue (which names the enterprise). */
  side: 'enterprise' | 'funder';
  emptyText: ReactNode;
  /** A status chosen by a tab (no filter shown). */
  fixedStatus?: GrantStatus;
  /** Only the applications waiting at a stage the viewer reviews (待我审核). */
  toReview?: boolean;
}

/** Where an application is in its review: the stage and its reviewer, or the day to supply more by. */
function StageCell({ grant, mine }: { grant: GrantSummary; mine: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (grant.status === 'returned')
    return (
      <Typography.Text type="warning" data-testid="grant-stage" data-stage={grant.review.key}>
        {t('grants.returnedBy', { date: grant.supplementBy ?? '—' })}
      </Typography.Text>
    );
  if (grant.status !== 'submitted') return <>—</>;
  return (
    <Flex vertical gap={0} data-testid="grant-stage" data-stage={grant.review.key}>
      <Flex gap={4} align="center" wrap>
        <span data-testid="grant-stage-name">
          {t('grants.stageOf', {
            stage: pick(grant.review.names, language),
            index: grant.review.stage + 1,
            of: grant.review.of,
          })}
        </span>
        {mine ? (
          <Tag color="processing" data-testid="grant-mine">
            {t('grants.mine')}
          </Tag>
        ) : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="grant-stage-reviewer">
        {grant.review.reviewer.name}
      </Typography.Text>
    </Flex>
  );
}

/** Grants with their status filter, paginated by the server; each links to its page. */
function GrantList({ side, emptyText, fixedStatus, toReview = false }: GrantListProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useSubsidyLabels();
  const me = useMe();
  const viewer = { orgId: me.organisation.id, permissions: me.permissions };
  const today = todayInShanghai();

  const columns: ColumnsType<GrantSummary> = [
    {
      key: 'programme',
      title: t('grants.programme'),
      render: (_, g) => (
        <Link to={grantPath(g, viewer)} data-testid="grant-link">
          {g.programme.name}
        </Link>
      ),
    },
    {
      key: 'policy',
      title: t('grants.policy'),
      render: (_, g) => (
        <Link to={`/policies/${g.policy.id}`} data-testid="grant-policy">
          {g.policy.number}
        </Link>
      ),
    },
    ...(side === 'funder'
      ? [
          {
            key: 'enterprise',
            title: t('grants.enterprise'),
            render: (_: unknown, g: GrantSummary) => g.enterprise.name,
          },
        ]
      : [
          {
            key: 'funder',
            title: t('grants.funder'),
            render: (_: unknown, g: GrantSummary) => g.funder.name,
          },
        ]),
    { key: 'mode', title: t('grants.mode'), render: (_, g) => labels.mode(g.mode) },
    {
      key: 'amount',
      title: t('grants.amount'),
      align: 'right',
      render: (_, g) => <span data-testid="grant-amount">{money(g.amount)}</span>,
    },
    {
      key: 'due',
      title: t('grants.due'),
      align: 'right',
      render: (_, g) => (g.payee === 'enterprise' ? money(grantDue(g)) : '—'),
    },
    {
      key: 'status',
      title: t('grants.status'),
      render: (_, g) => {
        const rights = grantRights(g, viewer, today);
        return (
          <Flex gap={4} align="center" wrap>
            <GrantStatusTag status={g.status} />
            {side === 'enterprise' && (rights.confirm || rights.apply) ? (
              <Typography.Text type="warning" data-testid="grant-todo">
                {rights.confirm
                  ? t('grants.confirmBy', { date: g.confirmBy ?? '—' })
                  : rights.resubmit
                    ? t('grants.supplementBy', { date: g.supplementBy ?? '—' })
                    : t('grants.toApply')}
              </Typography.Text>
            ) : null}
          </Flex>
        );
      },
    },
    {
      key: 'stage',
      title: t('grants.stage'),
      render: (_, g) => <StageCell grant={g} mine={grantRights(g, viewer, today).review} />,
    },
    {
      key: 'createdAt',
      title: t('grants.createdAt'),
      render: (_, g) => formatDateTime(g.createdAt).slice(0, 10),
    },
  ];

  return (
    <StatusList<GrantSummary, GrantStatus>
      section="grants"
      statuses={grantStatuses}
      statusLabel={(s) => t(`grants.statuses.${s}`)}
      fixedStatus={fixedStatus}
      filterKey={toReview ? 'toReview' : ''}
      load={({ status, limit, offset }) =>
        unwrap(
          api.GET('/api/subsidy/grants', {
            params: {
              query: { ...(status ? { status } : {}), ...(toReview ? { toReview } : {}), limit, offset },
            },
          }),
        )
      }
      emptyText={emptyText}
      columns={columns}
    />
  );
}

/**
 * 我的补贴 `/subsidy/grants` (enterprises): the subsidies granted on its policies — reserved at the bind
 * and to be confirmed (免申即享), or applied for with materials (申报) — with their status; above them the
 * quotas approved for it under quota programmes (核定额度), when it has any.
 */
export function MyGrantsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader page="subsidy-grants" title={t('grants.titleMine')} />
      <Typography.Paragraph type="secondary">{t('grants.introMine')}</Typography.Paragraph>
      <MyQuotasCard />
      <GrantList
        side="enterprise"
        emptyText={
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('grants.emptyMine')}
            data-testid="grants-empty"
          />
        }
      />
    </>
  );
}

/** How many grants a tab holds (for its badge); nothing while unknown. */
function useWaiting(query: GrantQuery): number | undefined {
  const count = useApiData(`grants-waiting:${JSON.stringify(query)}`, () =>
    unwrap(api.GET('/api/subsidy/grants', { params: { query: { ...query, limit: 1 } } })),
  );
  return count.data?.total;
}

function TabLabel({ tab, count }: { tab: ReviewTab; count?: number | undefined }) {
  const { t } = useTranslation();
  return (
    <Flex gap={6} align="center" data-testid={`review-tab-${tab}`}>
      {t(`grants.tabs.${tab}`)}
      {count ? <Badge count={count} size="small" overflowCount={999} /> : null}
    </Flex>
  );
}

/**
 * 补贴审核 `/subsidy/review` (funders and the bodies reviewing a stage of a programme): first the
 * applications waiting at a stage the organisation reviews (待我审核), then every application under review
 * or returned to the enterprise for more, grants reserved at the bind and waiting for the enterprise's
 * confirmation, grants confirmed or approved (to pay when the enterprise is the payee), and everything else.
 */
export function ReviewPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: ReviewTab = isOneOf(reviewTabs, tabParam) ? tabParam : 'toReview';
  const toReview = useWaiting({ status: 'submitted', toReview: true });
  const reserved = useWaiting({ status: 'reserved' });
  const counts: Partial<Record<ReviewTab, number | undefined>> = { toReview, reserved };
  const empty = (key: ReviewTab) => (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={t(key === 'toReview' ? 'grants.emptyToReview' : 'grants.emptyReview')}
      data-testid="grants-empty"
    />
  );

  return (
    <>
      <PageHeader page="subsidy-review" title={t('grants.titleReview')} />
      <Typography.Paragraph type="secondary">{t('grants.introReview')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(new URLSearchParams({ tab: key }), { replace: true })}
        destroyOnHidden
        data-testid="review-tabs"
        items={reviewTabs.map((key) => ({
          key,
          label: <TabLabel tab={key} count={counts[key]} />,
          children:
            key === 'toReview' ? (
              <GrantList side="funder" emptyText={empty(key)} fixedStatus="submitted" toReview />
            ) : (
              <GrantList
                side="funder"
                emptyText={empty(key)}
                {...(key === 'all' ? {} : { fixedStatus: key })}
              />
            ),
        }))}
      />
    </>
  );
}
