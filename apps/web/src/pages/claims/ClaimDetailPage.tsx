import { Permission } from '@kebao/domain/org';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Skeleton,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { isApiError, unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { type ClaimRights, claimRights, documentHref, foreignAmountText } from '../../claims/forms.ts';
import type {
  ClaimDetail,
  ClaimDocument,
  ClaimRecovery,
  ClaimShare,
  MissingDocument,
  TimelineStep,
} from '../../claims/types.ts';
import { uploadClaimDocument } from '../../claims/upload.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { useNotifyError } from '../../components/ProblemAlert.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { collectionModes, isOneOf, isUuid } from '../../policy/vocabulary.ts';
import { fileSize, materialProblem } from '../../subsidy/forms.ts';
import { useMoney, usePercent } from '../policy/labels.tsx';
import {
  ApproveModal,
  AssignExpertModal,
  CloseModal,
  DeclineModal,
  DisputeModal,
  LinkEventModal,
  PayModal,
  ReserveModal,
  type ReserveStep,
  WithdrawModal,
} from './ClaimModals.tsx';
import {
  AssignmentStatusTag,
  ClaimStatusTag,
  DisputeStatusTag,
  OverdueTag,
  useClaimLabels,
} from './labels.tsx';

type Saved = (claim: ClaimDetail) => void;

type Open =
  | ReserveStep
  | 'decline'
  | 'approve'
  | 'pay'
  | 'close'
  | 'assign'
  | 'event'
  | 'withdraw'
  | 'dispute'
  | null;

function useRights(claim: ClaimDetail): ClaimRights {
  const me = useMe();
  return claimRights(claim, { permissions: me.permissions });
}

/** The buttons of the viewer: the policyholder withdraws or disputes; the lead's claims staff works the desk. */
function Actions({ claim, onSaved }: { claim: ClaimDetail; onSaved: Saved }) {
  const { t } = useTranslation();
  const rights = useRights(claim);
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const saved = (c: ClaimDetail) => {
    setOpen(null);
    onSaved(c);
  };
  const button = (key: Exclude<Open, null>, shown: boolean, primary = false, danger = false) =>
    shown ? (
      <Button
        key={key}
        type={primary ? 'primary' : 'default'}
        danger={danger}
        onClick={() => setOpen(key)}
        data-testid={`claim-${key}-open`}
      >
        {t(`claimDesk.${key}.open`)}
      </Button>
    ) : null;
  const props = { claim, onClose: close, onSaved: saved };
  return (
    <Flex gap="small" wrap data-testid="claim-actions">
      {button('register', rights.register, true)}
      {button('approve', rights.approve, true)}
      {button('pay', rights.pay, true)}
      {button('reserve', rights.reserve)}
      {button('assign', rights.assignExpert)}
      {button('event', rights.linkEvent)}
      {button('close', rights.close)}
      {button('reopen', rights.reopen)}
      {button('decline', rights.decline, false, true)}
      {button('dispute', rights.dispute)}
      {button('withdraw', rights.withdraw, false, true)}
      {open === 'register' || open === 'reserve' || open === 'reopen' ? (
        <ReserveModal {...props} step={open} />
      ) : null}
      {open === 'decline' ? <DeclineModal {...props} /> : null}
      {open === 'approve' ? <ApproveModal {...props} /> : null}
      {open === 'pay' ? <PayModal {...props} /> : null}
      {open === 'close' ? <CloseModal {...props} /> : null}
      {open === 'assign' ? <AssignExpertModal {...props} /> : null}
      {open === 'event' ? <LinkEventModal {...props} /> : null}
      {open === 'withdraw' ? <WithdrawModal {...props} /> : null}
      {open === 'dispute' ? <DisputeModal {...props} /> : null}
    </Flex>
  );
}

/** 拒赔: the reason in the enterprise's words and the clause article cited. */
function DeclineNotice({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { decline } = claim;
  if (!decline || claim.status !== 'declined') return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="claim-decline"
      title={
        <span data-testid="claim-decline-title">
          {t(decline.automatic ? 'claim.declinedAutomatic' : 'claim.declinedByInsurer')}
        </span>
      }
      description={
        <Flex vertical gap={4}>
          <span data-testid="claim-decline-message">{pick(decline.message, language)}</span>
          <span data-testid="claim-decline-clause">
            {t('claim.declineClause', {
              reference: decline.clause.reference,
              article: pick(decline.clause.article, language),
            })}
          </span>
          <Typography.Text type="secondary">{t('claim.declineNext')}</Typography.Text>
        </Flex>
      }
    />
  );
}

/** 理赔进度: where the claim is, what the enterprise is waiting for, by when, and what may come next. */
function Tracking({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { tracking } = claim;
  return (
    <Card size="small" title={t('claim.tracking')} data-testid="claim-tracking">
      <Flex vertical gap="small">
        <Flex gap="small" align="center" wrap>
          <Typography.Text strong>{t('claim.now')}</Typography.Text>
          <ClaimStatusTag status={claim.status} label={claim.statusLabel} />
          {claim.overdue ? <OverdueTag /> : null}
        </Flex>
        {tracking.waitingFor ? (
          <Typography.Text data-testid="claim-waiting-for">
            {t('claim.waitingFor', { text: pick(tracking.waitingFor, language) })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" data-testid="claim-waiting-for">
            {t('claim.nothingToWait')}
          </Typography.Text>
        )}
        {tracking.due ? (
          <Typography.Text type={claim.overdue ? 'danger' : undefined} data-testid="claim-due">
            {claim.overdue
              ? t('claim.dueOverdue', { date: tracking.due })
              : t('claim.dueBy', { date: tracking.due })}
            {tracking.basis ? (
              <Typography.Text type="secondary">
                {' '}
                {t('claim.basis', { basis: pick(tracking.basis, language) })}
              </Typography.Text>
            ) : null}
          </Typography.Text>
        ) : null}
        {tracking.next.length > 0 ? (
          <Flex gap={4} align="center" wrap data-testid="claim-next">
            <Typography.Text type="secondary">{t('claim.next')}</Typography.Text>
            {tracking.next.map((n) => (
              <Tag key={n.status}>{pick(n.label, language)}</Tag>
            ))}
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}

function DocumentUpload({
  claim,
  kind,
  label,
  onSaved,
}: {
  claim: ClaimDetail;
  kind: string;
  label: string;
  onSaved: Saved;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [sending, setSending] = useState(false);
  const send = async (file: File) => {
    const problem = materialProblem(file);
    if (problem) {
      void message.error(t(`claim.file.${problem}`));
      return;
    }
    setSending(true);
    try {
      const saved = await uploadClaimDocument(claim.id, kind, file);
      void message.success(t('claim.uploaded', { name: file.name }));
      onSaved(saved);
    } catch (error) {
      notifyError(error);
    } finally {
      setSending(false);
    }
  };
  return (
    <span data-testid={`claim-upload-${kind}`}>
      <Upload
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        showUploadList={false}
        maxCount={1}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <Button size="small" loading={sending}>
          {label}
        </Button>
      </Upload>
    </span>
  );
}

/** 索赔材料: what the checklist still misses, each with its upload, and any other document. */
function Checklist({ claim, onSaved }: { claim: ClaimDetail; onSaved: Saved }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rights = useRights(claim);
  const { missing } = claim.tracking;
  if (!rights.upload && missing.length === 0) return null;
  return (
    <Card
      size="small"
      title={t('claim.checklist')}
      extra={
        rights.upload ? (
          <DocumentUpload claim={claim} kind="other" label={t('claim.uploadOther')} onSaved={onSaved} />
        ) : null
      }
      data-testid="claim-checklist"
    >
      {missing.length === 0 ? (
        <Typography.Text type="success" data-testid="claim-checklist-complete">
          {claim.source === 'notice' ? t('claim.checklistComplete') : t('claim.checklistNone')}
        </Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="warning" data-testid="claim-missing-count">
            {t(rights.upload ? 'claim.missingCount' : 'claim.missingCountOthers', { count: missing.length })}
          </Typography.Paragraph>
          <Table<MissingDocument>
            rowKey="kind"
            size="small"
            pagination={false}
            showHeader={false}
            dataSource={missing}
            data-testid="claim-missing"
            onRow={(m) => ({ 'data-testid': `claim-missing-${m.kind}` }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                key: 'name',
                render: (_, m) => (
                  <Flex gap="small" align="center">
                    <Tag color="orange">{t('claim.missing')}</Tag>
                    <span>{pick(m.names, language)}</span>
                  </Flex>
                ),
              },
              ...(rights.upload
                ? [
                    {
                      key: 'upload',
                      align: 'right' as const,
                      render: (_: unknown, m: MissingDocument) => (
                        <DocumentUpload
                          claim={claim}
                          kind={m.kind}
                          label={t('claim.upload')}
                          onSaved={onSaved}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {rights.upload ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('claim.fileHint')}
            </Typography.Text>
          ) : null}
        </>
      )}
    </Card>
  );
}

function Facts({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const language = useLanguage();
  const money = useMoney();
  const labels = useClaimLabels();
  const readsPolicies = hasAnyPermission(me, [
    Permission.QuoteRequest,
    Permission.QuoteUnderwrite,
    Permission.PolicyReadAll,
  ]);
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="claim-facts"
      items={[
        {
          key: 'policy',
          label: t('claims.policy'),
          children: readsPolicies ? (
            <Link to={`/policies/${claim.policy.id}`} data-testid="claim-policy-link">
              {claim.policy.number}
            </Link>
          ) : (
            claim.policy.number
          ),
        },
        { key: 'enterprise', label: t('claims.enterprise'), children: claim.enterprise.name },
        { key: 'lead', label: t('claims.lead'), children: claim.lead.name },
        { key: 'product', label: t('claims.product'), children: claim.product.name },
        {
          key: 'section',
          label: t('claim.section'),
          children: <span data-testid="claim-section">{pick(claim.sectionName, language)}</span>,
        },
        { key: 'source', label: t('claim.source'), children: labels.source(claim.source) },
        { key: 'lossDate', label: t('claims.lossDate'), children: claim.lossDate },
        { key: 'reportedOn', label: t('claims.reportedOn'), children: claim.reportedOn },
        {
          key: 'claimed',
          label: t('claims.claimed'),
          children: (
            <span data-testid="claim-detail-claimed">
              {money(claim.claimed)}
              {claim.currency !== 'CNY' && claim.claimedForeign !== null
                ? t('claim.foreignOf', { amount: foreignAmountText(claim.claimedForeign, claim.currency) })
                : ''}
            </span>
          ),
        },
        { key: 'deductible', label: t('claim.deductible'), children: money(claim.deductible) },
        {
          key: 'payable',
          label: t('claim.payable'),
          children: <span data-testid="claim-payable">{money(claim.payable)}</span>,
        },
        {
          key: 'agreed',
          label: t('claim.agreed'),
          children: <span data-testid="claim-agreed">{money(claim.agreed)}</span>,
        },
        { key: 'reserve', label: t('claim.reserve'), children: money(claim.reserve) },
        {
          key: 'paid',
          label: t('claims.paid'),
          children: (
            <Typography.Text strong data-testid="claim-detail-paid">
              {money(claim.paid)}
            </Typography.Text>
          ),
        },
        { key: 'incurred', label: t('claims.incurred'), children: money(claim.incurred) },
        { key: 'event', label: t('claim.event'), children: claim.event ?? '—' },
        {
          key: 'description',
          label: t('claim.description'),
          span: 'filled',
          children: (
            <Typography.Paragraph
              style={{ margin: 0, whiteSpace: 'pre-wrap' }}
              data-testid="claim-description"
            >
              {claim.description}
            </Typography.Paragraph>
          ),
        },
      ]}
    />
  );
}

/** The documents received, each downloadable, with its size and SHA-256. */
function Documents({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const labels = useClaimLabels();
  return (
    <Card size="small" title={t('claim.documents')}>
      <Table<ClaimDocument>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={claim.documents}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('claim.documentsEmpty') }}
        data-testid="claim-documents"
        columns={[
          {
            key: 'kind',
            title: t('claim.documentKind'),
            render: (_, d) => <span data-testid="claim-document-kind">{labels.document(d.kind)}</span>,
          },
          {
            key: 'filename',
            title: t('claim.fileName'),
            render: (_, d) => (
              <a href={documentHref(claim.id, d.id)} download={d.filename} data-testid="claim-document-link">
                {d.filename}
              </a>
            ),
          },
          { key: 'size', title: t('claim.fileSize'), align: 'right', render: (_, d) => fileSize(d.size) },
          {
            key: 'sha256',
            title: 'SHA-256',
            render: (_, d) => (
              <Typography.Text code copyable={{ text: d.sha256 }} style={{ fontSize: 12 }}>
                {d.sha256.slice(0, 16)}…
              </Typography.Text>
            ),
          },
          { key: 'uploadedAt', title: t('claim.uploadedAt'), render: (_, d) => formatDateTime(d.uploadedAt) },
        ]}
      />
    </Card>
  );
}

/** 理赔进度记录: every step, who took it, the amount and the note. */
function Steps({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useClaimLabels();
  const steps = [...claim.timeline].sort((a, b) => a.seq - b.seq);
  const moved = (s: TimelineStep) => s.from !== s.to;
  return (
    <Card size="small" title={t('claim.timeline')}>
      <Timeline
        data-testid="claim-timeline"
        items={steps.map((s) => ({
          key: s.seq,
          color: s.action === 'decline' ? 'red' : moved(s) ? 'blue' : 'gray',
          content: (
            <Flex vertical gap={2} data-testid="claim-step" data-action={s.action}>
              <Flex gap="small" wrap align="center">
                <Typography.Text strong data-testid="claim-step-action">
                  {labels.action(s.action)}
                </Typography.Text>
                {moved(s) ? (
                  <Typography.Text type="secondary">
                    {s.from ? `${labels.status(s.from)} → ` : ''}
                    {labels.status(s.to)}
                  </Typography.Text>
                ) : null}
                {s.amount !== null ? <Typography.Text>{money(s.amount)}</Typography.Text> : null}
              </Flex>
              {s.note ? (
                <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                  {s.note}
                </Typography.Text>
              ) : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(s.at)}
                {s.actor ? ` · ${s.actor}` : ''}
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}

/** 共保分摊: each co-insurer's part of what is incurred and paid, by its signed line. */
function Shares({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const money = useMoney();
  const percent = usePercent();
  const labels = useClaimLabels();
  const mode = claim.collectionMode;
  return (
    <Card
      size="small"
      title={t('claim.shares')}
      extra={
        <Typography.Text type="secondary">
          {isOneOf(collectionModes, mode) ? t(`board.collectionModes.${mode}`) : mode}
        </Typography.Text>
      }
    >
      <Table<ClaimShare>
        rowKey="orgId"
        size="small"
        pagination={false}
        dataSource={claim.shares}
        scroll={{ x: 'max-content' }}
        data-testid="claim-shares"
        columns={[
          {
            key: 'name',
            title: t('board.insurer'),
            render: (_, s) => <span data-testid="claim-share-name">{s.name}</span>,
          },
          {
            key: 'role',
            title: t('board.role'),
            render: (_, s) => <Tag color={s.role === 'lead' ? 'blue' : undefined}>{labels.role(s.role)}</Tag>,
          },
          { key: 'share', title: t('board.signed'), align: 'right', render: (_, s) => percent(s.share) },
          {
            key: 'incurred',
            title: t('claims.incurred'),
            align: 'right',
            render: (_, s) => money(s.incurred),
          },
          {
            key: 'paid',
            title: t('claims.paid'),
            align: 'right',
            render: (_, s) => <span data-testid="claim-share-paid">{money(s.paid)}</span>,
          },
        ]}
      />
    </Card>
  );
}

/** 再保摊回: what the co-insurers recover from their reinsurance (each sees its own). */
function Recoveries({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useClaimLabels();
  const names = new Map(claim.shares.map((s) => [s.orgId, s.name]));
  if (claim.recoveries.length === 0) return null;
  return (
    <Card size="small" title={t('claim.recoveries')}>
      <Table<ClaimRecovery>
        rowKey={(r) => `${r.orgId}:${r.kind}:${r.reinsurer}:${r.treatyId ?? ''}`}
        size="small"
        pagination={false}
        dataSource={claim.recoveries}
        scroll={{ x: 'max-content' }}
        data-testid="claim-recoveries"
        columns={[
          { key: 'cedant', title: t('policy.cedant'), render: (_, r) => names.get(r.orgId) ?? r.orgId },
          { key: 'kind', title: t('policy.kind'), render: (_, r) => labels.recovery(r.kind) },
          { key: 'reinsurer', title: t('policy.reinsurer'), render: (_, r) => r.reinsurer },
          { key: 'amount', title: t('claim.recovery'), align: 'right', render: (_, r) => money(r.amount) },
        ]}
      />
    </Card>
  );
}

/** 查勘定损专家: who was assigned, how, and their report with the loss as assessed. */
function Experts({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useClaimLabels();
  if (claim.experts.length === 0) return null;
  return (
    <Card size="small" title={t('claim.experts')}>
      <Table<ClaimDetail['experts'][number]>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={claim.experts}
        scroll={{ x: 'max-content' }}
        data-testid="claim-experts"
        expandable={{
          rowExpandable: (a) => a.report !== null,
          expandedRowRender: (a) => (
            <Typography.Paragraph
              style={{ whiteSpace: 'pre-wrap', margin: 0 }}
              data-testid="claim-expert-report"
            >
              {a.report}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          {
            key: 'expert',
            title: t('experts.expert'),
            render: (_, a) => `${a.expert.name}（${a.expert.employer}）`,
          },
          { key: 'method', title: t('experts.method'), render: (_, a) => labels.method(a.method) },
          {
            key: 'status',
            title: t('experts.status'),
            render: (_, a) => <AssignmentStatusTag status={a.status} />,
          },
          { key: 'fee', title: t('experts.fee'), align: 'right', render: (_, a) => money(a.fee) },
          {
            key: 'reportAmount',
            title: t('experts.reportAmount'),
            align: 'right',
            render: (_, a) => money(a.reportAmount),
          },
          {
            key: 'assignedAt',
            title: t('experts.assignedAt'),
            render: (_, a) => formatDateTime(a.assignedAt),
          },
          {
            key: 'reportedAt',
            title: t('experts.reportedAt'),
            render: (_, a) => formatDateTime(a.reportedAt),
          },
        ]}
      />
    </Card>
  );
}

/** 纠纷: each dispute with its grounds, the mediator and hearings, and how it ended. */
function Disputes({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const money = useMoney();
  if (claim.disputes.length === 0) return null;
  return (
    <Card size="small" title={t('claim.disputes')} data-testid="claim-disputes">
      <Flex vertical gap="middle">
        {claim.disputes.map((d) => (
          <Descriptions
            key={d.id}
            size="small"
            bordered
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'status',
                label: t('disputes.status'),
                children: <DisputeStatusTag status={d.status} />,
              },
              { key: 'openedAt', label: t('disputes.openedAt'), children: formatDateTime(d.openedAt) },
              { key: 'grounds', label: t('disputes.grounds'), span: 'filled', children: d.grounds },
              { key: 'asked', label: t('disputes.askedAmount'), children: money(d.askedAmount) },
              { key: 'respondBy', label: t('disputes.respondBy'), children: d.respondBy },
              { key: 'mediator', label: t('disputes.mediator'), children: d.mediator ?? '—' },
              {
                key: 'hearings',
                label: t('disputes.hearings'),
                children:
                  d.hearings.length === 0
                    ? '—'
                    : d.hearings.map((h) => `${h.on} ${h.place}${h.note ? `（${h.note}）` : ''}`).join('；'),
              },
              ...(d.outcome
                ? [
                    {
                      key: 'outcome',
                      label: t('disputes.outcome'),
                      span: 'filled' as const,
                      children: d.outcome,
                    },
                  ]
                : []),
              ...(d.settledAmount
                ? [{ key: 'settled', label: t('disputes.settledAmount'), children: money(d.settledAmount) }]
                : []),
            ]}
          />
        ))}
      </Flex>
    </Card>
  );
}

function ClaimView({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useApiData(id, () => unwrap(api.GET('/api/claims/{id}', { params: { path: { id } } })));
  const [answered, setAnswered] = useState<ClaimDetail | null>(null);
  const data = answered ?? detail.data;
  if (detail.error && !data) {
    if (isApiError(detail.error) && detail.error.status === 404) return <NotFound />;
    return <LoadError error={detail.error} onRetry={detail.reload} />;
  }
  if (!data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return (
    <Flex vertical gap="middle" data-testid="claim-page" data-status={data.status}>
      <Flex justify="space-between" align="center" wrap gap="middle">
        <Flex align="center" gap="small" wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title-claim">
            {t('claim.title', { number: data.number })}
          </Typography.Title>
          <ClaimStatusTag status={data.status} label={data.statusLabel} />
          {data.overdue ? <OverdueTag /> : null}
        </Flex>
        <Actions claim={data} onSaved={setAnswered} />
      </Flex>
      <DeclineNotice claim={data} />
      <Tracking claim={data} />
      <Checklist claim={data} onSaved={setAnswered} />
      <Card size="small">
        <Facts claim={data} />
      </Card>
      <Documents claim={data} />
      <Steps claim={data} />
      <Shares claim={data} />
      <Recoveries claim={data} />
      <Experts claim={data} />
      <Disputes claim={data} />
    </Flex>
  );
}

/**
 * 赔案详情 `/claims/:id`: where the claim is and what happens next by when, the documents still missing
 * (with their upload), the timeline, documents, co-insurers' shares, recoveries, experts and disputes; the
 * policyholder withdraws or disputes, the lead's claims staff works the desk.
 */
export function ClaimDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  if (!isUuid(id)) return <NotFound />;
  return (
    <>
      <Link to="/claims" style={{ display: 'inline-block', marginBottom: 8 }} data-testid="claim-back">
        {t('claim.back')}
      </Link>
      <ClaimView key={id} id={id} />
    </>
  );
}
