import { Permission } from '@kebao/domain/org';
import { Alert, App, Button, Card, Descriptions, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { isApiError, unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { useNotifyError } from '../../components/ProblemAlert.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { readChanges } from '../../policy/readers.ts';
import type {
  Cession,
  Endorsement,
  JournalLine,
  PolicyDetail,
  PolicyLine,
  PolicySummary,
} from '../../policy/types.ts';
import {
  cessionKinds,
  collectionModes,
  isOneOf,
  isUuid,
  journalAccounts,
  lineRoles,
  movementKinds,
  refundMethods,
} from '../../policy/vocabulary.ts';
import { PolicyClaimsCard } from '../claims/PolicyClaimsCard.tsx';
import { PolicySubsidyCard } from '../subsidy/PolicySubsidyCard.tsx';
import { EarnedCard } from './EarnedCard.tsx';
import { PolicyStatusTag, useMoney, usePercent } from './labels.tsx';
import { CancelModal, EndorseModal } from './PolicyModals.tsx';

function Facts({ policy }: { policy: PolicyDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();
  const percent = usePercent();
  const mode = policy.collectionMode;
  const retained = policy.insuredRetention !== '0.0000' && policy.insuredRetention !== '0';
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="policy-facts"
      items={[
        { key: 'insured', label: t('policies.insured'), children: policy.enterprise.name },
        {
          key: 'product',
          label: t('policies.product'),
          children: (
            <Flex gap="small" align="center" wrap>
              <Link to={`/products/${policy.product.code}?version=${policy.product.version}`}>
                {t('quoteRequest.productOption', {
                  name: pick(policy.product.names, language),
                  code: policy.product.code,
                })}
              </Link>
              {policy.sandbox ? <Tag color="purple">{t('policy.sandbox')}</Tag> : null}
            </Flex>
          ),
        },
        {
          key: 'lead',
          label: t('policy.lead'),
          children: policy.poolCode
            ? t('quoteDetail.insurerOfPool', { name: policy.lead.name, pool: policy.poolCode })
            : policy.lead.name,
        },
        {
          key: 'period',
          label: t('policies.period'),
          children: t('quoteDetail.periodValue', { start: policy.startDate, end: policy.endDate }),
        },
        { key: 'sumInsured', label: t('policies.sumInsured'), children: money(policy.sumInsured) },
        {
          key: 'premium',
          label: t('policies.premium'),
          children: <span data-testid="policy-premium">{money(policy.premium)}</span>,
        },
        { key: 'writtenPremium', label: t('policy.writtenPremium'), children: money(policy.writtenPremium) },
        { key: 'subsidy', label: t('policy.subsidy'), children: money(policy.subsidy) },
        { key: 'netPayable', label: t('policy.netPayable'), children: money(policy.netPayable) },
        {
          key: 'collection',
          label: t('board.collection'),
          children: isOneOf(collectionModes, mode) ? t(`board.collectionModes.${mode}`) : mode,
        },
        ...(retained
          ? [
              {
                key: 'retention',
                label: t('policy.insuredRetention'),
                children: percent(policy.insuredRetention),
              },
            ]
          : []),
        { key: 'boundAt', label: t('policy.boundAt'), children: formatDateTime(policy.boundAt) },
        ...(policy.cancelledOn
          ? [{ key: 'cancelledOn', label: t('policy.cancelledOn'), children: policy.cancelledOn }]
          : []),
        ...(policy.quoteId
          ? [
              {
                key: 'quote',
                label: t('policy.quote'),
                children: (
                  <Flex gap="middle">
                    <Link to={`/quotes/${policy.quoteId}`}>{t('policy.openQuote')}</Link>
                    {policy.placementId ? (
                      <Link to={`/placements/${policy.placementId}`}>{t('policy.openPlacement')}</Link>
                    ) : null}
                  </Flex>
                ),
              },
            ]
          : []),
        ...(policy.priorPolicyId
          ? [
              {
                key: 'prior',
                label: t('quoteDetail.renewalOf'),
                children: (
                  <Link to={`/policies/${policy.priorPolicyId}`}>{t('quoteDetail.priorPolicy')}</Link>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

function CoInsurers({ policy }: { policy: PolicyDetail }) {
  const { t } = useTranslation();
  const money = useMoney();
  const percent = usePercent();
  return (
    <Card size="small" title={t('policy.coInsurers')}>
      <Table<PolicyLine>
        rowKey="orgId"
        size="small"
        pagination={false}
        dataSource={policy.lines}
        scroll={{ x: 'max-content' }}
        data-testid="policy-lines"
        columns={[
          {
            key: 'name',
            title: t('board.insurer'),
            render: (_, l) => <span data-testid="policy-line-name">{l.name}</span>,
          },
          {
            key: 'role',
            title: t('board.role'),
            render: (_, l) => (
              <Tag color={l.role === 'lead' ? 'blue' : undefined}>
                {isOneOf(lineRoles, l.role) ? t(`board.roles.${l.role}`) : l.role}
              </Tag>
            ),
          },
          { key: 'written', title: t('board.written'), align: 'right', render: (_, l) => percent(l.written) },
          {
            key: 'share',
            title: t('board.signed'),
            align: 'right',
            render: (_, l) => <span data-testid="policy-line-share">{percent(l.share)}</span>,
          },
          {
            key: 'premium',
            title: t('policies.premium'),
            align: 'right',
            render: (_, l) => money(l.premium),
          },
          {
            key: 'sumInsured',
            title: t('policies.sumInsured'),
            align: 'right',
            render: (_, l) => money(l.sumInsured),
          },
        ]}
      />
    </Card>
  );
}

function useChangeText(): (e: Endorsement) => string {
  const { t } = useTranslation();
  const money = useMoney();
  return (e) => {
    const changes = readChanges(e.changes);
    const parts: string[] = [];
    if (changes.member)
      parts.push(
        t(changes.member.exit ? 'policy.changeMemberExit' : 'policy.changeMember', {
          number: changes.member.number,
        }),
      );
    if (changes.sumInsured)
      parts.push(
        t('policy.changeSumInsured', {
          from: money(changes.sumInsured.from),
          to: money(changes.sumInsured.to),
        }),
      );
    if (changes.endDate)
      parts.push(t('policy.changeEndDate', { from: changes.endDate.from, to: changes.endDate.to }));
    if (changes.refund !== null)
      parts.push(
        t('policy.changeRefund', {
          amount: money(changes.refund),
          method: isOneOf(refundMethods, changes.method)
            ? t(`policy.methods.${changes.method}`)
            : (changes.method ?? ''),
        }),
      );
    return parts.join(t('common.listSeparator')) || '—';
  };
}

function Endorsements({ policy }: { policy: PolicyDetail }) {
  const { t } = useTranslation();
  const money = useMoney();
  const changeText = useChangeText();
  return (
    <Card size="small" title={t('policy.endorsements')}>
      <Table<Endorsement>
        rowKey="seq"
        size="small"
        pagination={false}
        dataSource={policy.endorsements}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('policy.endorsementsEmpty') }}
        data-testid="policy-endorsements"
        columns={[
          { key: 'seq', title: t('policy.seq'), render: (_, e) => e.seq },
          {
            key: 'kind',
            title: t('policy.kind'),
            render: (_, e) => (isOneOf(movementKinds, e.kind) ? t(`policy.kinds.${e.kind}`) : e.kind),
          },
          { key: 'effectiveDate', title: t('policy.effectiveDate'), render: (_, e) => e.effectiveDate },
          { key: 'changes', title: t('policy.changes'), render: (_, e) => changeText(e) },
          {
            key: 'premiumDelta',
            title: t('policy.premiumDelta'),
            align: 'right',
            render: (_, e) => money(e.premiumDelta),
          },
          { key: 'reason', title: t('policy.reason'), render: (_, e) => e.reason ?? '' },
          { key: 'createdAt', title: t('policy.createdAt'), render: (_, e) => formatDateTime(e.createdAt) },
        ]}
      />
    </Card>
  );
}

/** Names for the ids a cession or journal line carries: the insurers of the policy and the insured. */
function useParty(policy: PolicyDetail): (id: string | null) => string {
  const names = new Map<string, string>(policy.lines.map((l) => [l.orgId, l.name]));
  names.set(policy.enterprise.id, policy.enterprise.name);
  return (id) => (id === null ? '—' : (names.get(id) ?? id));
}

function Cessions({ policy, cessions }: { policy: PolicyDetail; cessions: Cession[] }) {
  const { t } = useTranslation();
  const money = useMoney();
  const party = useParty(policy);
  return (
    <Card size="small" title={t('policy.cessions')}>
      <Table<Cession>
        rowKey={(c) => `${c.orgId}:${c.kind}:${c.reinsurer}`}
        size="small"
        pagination={false}
        dataSource={cessions}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('policy.cessionsEmpty') }}
        data-testid="policy-cessions"
        columns={[
          { key: 'cedant', title: t('policy.cedant'), render: (_, c) => party(c.orgId) },
          {
            key: 'kind',
            title: t('policy.kind'),
            render: (_, c) => (isOneOf(cessionKinds, c.kind) ? t(`policy.cessionKinds.${c.kind}`) : c.kind),
          },
          { key: 'reinsurer', title: t('policy.reinsurer'), render: (_, c) => c.reinsurer },
          {
            key: 'cededSumInsured',
            title: t('policy.cededSumInsured'),
            align: 'right',
            render: (_, c) => money(c.cededSumInsured),
          },
          {
            key: 'cededPremium',
            title: t('policy.cededPremium'),
            align: 'right',
            render: (_, c) => money(c.cededPremium),
          },
          {
            key: 'commission',
            title: t('policy.commission'),
            align: 'right',
            render: (_, c) => money(c.commission),
          },
        ]}
      />
    </Card>
  );
}

function Journal({ policy, journal }: { policy: PolicyDetail; journal: JournalLine[] }) {
  const { t } = useTranslation();
  const money = useMoney();
  const party = useParty(policy);
  return (
    <Card size="small" title={t('policy.journal')}>
      <Table<JournalLine>
        rowKey={(l) =>
          `${l.postedAt}:${l.kind}:${l.account}:${l.orgId ?? ''}:${l.counterparty ?? ''}:${l.amount}`
        }
        size="small"
        dataSource={journal}
        pagination={journal.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('policy.journalEmpty') }}
        data-testid="policy-journal"
        columns={[
          { key: 'postedAt', title: t('policy.postedAt'), render: (_, l) => formatDateTime(l.postedAt) },
          { key: 'description', title: t('policy.description'), render: (_, l) => l.description },
          {
            key: 'account',
            title: t('policy.account'),
            render: (_, l) =>
              isOneOf(journalAccounts, l.account) ? t(`policy.accounts.${l.account}`) : l.account,
          },
          { key: 'books', title: t('policy.books'), render: (_, l) => party(l.orgId) },
          { key: 'counterparty', title: t('policy.counterparty'), render: (_, l) => party(l.counterparty) },
          { key: 'amount', title: t('policy.amount'), align: 'right', render: (_, l) => money(l.amount) },
        ]}
      />
    </Card>
  );
}

/** A group purchase: on the master its member certificates, on a certificate the master it belongs to. */
function GroupCard({ policy }: { policy: PolicyDetail }) {
  const { t } = useTranslation();
  const money = useMoney();
  const group = policy.group;
  const master = group?.role === 'master';
  const certificates = useApiData(`certificates:${master ? policy.id : ''}`, () =>
    master
      ? unwrap(
          api.GET('/api/policies/{id}/certificates', {
            params: { path: { id: policy.id }, query: { limit: 200 } },
          }),
        )
      : Promise.resolve(null),
  );
  if (!group) return null;
  if (!master)
    return (
      <Alert
        type="info"
        showIcon
        data-testid="policy-group-master"
        title={
          <>
            {t('policy.groupCertificateOf', { seq: group.memberSeq ?? '—' })}{' '}
            <Link to={`/policies/${group.master.id}`}>{group.master.number}</Link>
          </>
        }
        description={t('policy.groupCertificateHint')}
      />
    );
  const page = certificates.data;
  return (
    <Card size="small" title={t('policy.groupCertificates')} data-testid="policy-certificates">
      <Typography.Paragraph type="secondary">{t('policy.groupMasterHint')}</Typography.Paragraph>
      {certificates.error ? <LoadError error={certificates.error} onRetry={certificates.reload} /> : null}
      <Table<PolicySummary>
        rowKey="id"
        size="small"
        loading={certificates.loading}
        pagination={false}
        dataSource={page?.items ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'number',
            title: t('policy.certificateNumber'),
            render: (_, c) => <Link to={`/policies/${c.id}`}>{c.number}</Link>,
          },
          { key: 'member', title: t('policy.member'), render: (_, c) => c.enterprise.name },
          {
            key: 'status',
            title: t('policies.status'),
            render: (_, c) => <PolicyStatusTag status={c.status} />,
          },
          {
            key: 'sumInsured',
            title: t('policies.sumInsured'),
            align: 'right',
            render: (_, c) => money(c.sumInsured),
          },
          {
            key: 'premium',
            title: t('policies.premium'),
            align: 'right',
            render: (_, c) => money(c.premium),
          },
          {
            key: 'writtenPremium',
            title: t('policy.writtenPremium'),
            align: 'right',
            render: (_, c) => money(c.writtenPremium),
          },
        ]}
      />
      {page && page.total > page.items.length ? (
        <Typography.Text type="secondary">
          {t('policy.groupCertificatesMore', { shown: page.items.length, total: page.total })}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

function Actions({ policy, onSaved }: { policy: PolicyDetail; onSaved: (p: PolicyDetail) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [open, setOpen] = useState<'endorse' | 'cancel' | null>(null);
  const [renewing, setRenewing] = useState(false);
  const { viewer, group } = policy;
  const inForce = policy.status === 'in_force';
  const manages = viewer.isLead && hasAnyPermission(me, [Permission.PolicyManage]);
  const holds = viewer.isHolder && hasAnyPermission(me, [Permission.QuoteRequest]);
  // A group: the master follows its certificates (endorse those); the park takes a member out by
  // cancelling the member's certificate; a group is renewed by a new group purchase.
  const certificate = group?.role === 'certificate';
  const takesOut = certificate && viewer.isGroupHolder && hasAnyPermission(me, [Permission.QuoteRequest]);
  // The slip is the insurers' document: those on the policy, and readers of every policy.
  const seesSlip = viewer.hasLine || hasAnyPermission(me, [Permission.PolicyReadAll]);

  const renew = async () => {
    setRenewing(true);
    try {
      const quote = await unwrap(
        api.POST('/api/policies/{id}/renew', { params: { path: { id: policy.id } } }),
      );
      void message.success(t('policy.renewed', { number: quote.number }));
      void navigate(`/quotes/${quote.id}`);
    } catch (err) {
      notifyError(err);
    } finally {
      setRenewing(false);
    }
  };

  return (
    <Flex gap="small" wrap>
      <a
        href={`/api/policies/${policy.id}/schedule`}
        target="_blank"
        rel="noopener"
        data-testid="policy-schedule"
      >
        <Button>{t('policy.schedule')}</Button>
      </a>
      {seesSlip ? (
        <a href={`/api/policies/${policy.id}/slip`} target="_blank" rel="noopener" data-testid="policy-slip">
          <Button>{t('policy.slip')}</Button>
        </a>
      ) : null}
      {manages && inForce && group?.role !== 'master' ? (
        <Button onClick={() => setOpen('endorse')} data-testid="policy-endorse">
          {t('policy.endorse')}
        </Button>
      ) : null}
      {(manages || holds || takesOut) && inForce ? (
        <Button danger onClick={() => setOpen('cancel')} data-testid="policy-cancel">
          {certificate ? t('policy.memberExit') : t('policy.cancel')}
        </Button>
      ) : null}
      {holds && policy.status !== 'cancelled' && group === null ? (
        <Button type="primary" loading={renewing} onClick={() => void renew()} data-testid="policy-renew">
          {t('policy.renew')}
        </Button>
      ) : null}
      {open === 'endorse' ? (
        <EndorseModal
          policy={policy}
          onClose={() => setOpen(null)}
          onSaved={(saved) => {
            setOpen(null);
            onSaved(saved);
          }}
        />
      ) : null}
      {open === 'cancel' ? (
        <CancelModal
          policy={policy}
          onClose={() => setOpen(null)}
          onSaved={(saved) => {
            setOpen(null);
            onSaved(saved);
          }}
        />
      ) : null}
    </Flex>
  );
}

function PolicyView({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useApiData(id, () => unwrap(api.GET('/api/policies/{id}', { params: { path: { id } } })));
  const [answered, setAnswered] = useState<PolicyDetail | null>(null);
  const data = answered ?? detail.data;
  if (detail.error && !data) {
    if (isApiError(detail.error) && detail.error.status === 404) return <NotFound />;
    return <LoadError error={detail.error} onRetry={detail.reload} />;
  }
  if (!data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="middle">
        <Flex align="center" gap="small">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title-policy">
            {t('policy.title', { number: data.number })}
          </Typography.Title>
          <PolicyStatusTag status={data.status} />
        </Flex>
        <Actions policy={data} onSaved={setAnswered} />
      </Flex>
      {data.status === 'cancelled' ? (
        <Alert
          type="warning"
          showIcon
          title={t('policy.cancelledNotice', { date: data.cancelledOn ?? '—' })}
          data-testid="policy-cancelled"
        />
      ) : null}
      <Card size="small">
        <Facts policy={data} />
      </Card>
      {data.group ? <GroupCard policy={data} /> : null}
      <PolicySubsidyCard policy={data} />
      <PolicyClaimsCard policy={data} />
      <CoInsurers policy={data} />
      <EarnedCard policy={data} />
      <Endorsements policy={data} />
      {data.cessions !== null ? <Cessions policy={data} cessions={data.cessions} /> : null}
      {data.journal !== null ? <Journal policy={data} journal={data.journal} /> : null}
    </Flex>
  );
}

/** 保单详情 `/policies/:id`: the policy, its co-insurers, changes and (for its insurers) cessions and journal. */
export function PolicyDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  if (!isUuid(id)) return <NotFound />;
  return (
    <>
      <Link to="/policies" style={{ display: 'inline-block', marginBottom: 8 }} data-testid="policy-back">
        {t('policy.back')}
      </Link>
      <PolicyView key={id} id={id} />
    </>
  );
}
