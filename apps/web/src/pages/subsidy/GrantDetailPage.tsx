import { Permission } from '@kebao/domain/org';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Skeleton,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { type HTMLAttributes, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { isApiError, unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { useNotifyError } from '../../components/ProblemAlert.tsx';
import { testId } from '../../components/testId.ts';
import { formatDateTime, todayInShanghai } from '../../format/datetime.ts';
import { percentOf } from '../../format/decimal.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { isUuid } from '../../policy/vocabulary.ts';
import {
  daysUntil,
  decidingStep,
  fileSize,
  type GrantRights,
  type GrantStep,
  grantDue,
  grantRights,
  lastRequest,
  materialProblem,
  readSteps,
  requestedMaterials,
} from '../../subsidy/forms.ts';
import { type ProgrammeDefinition, readProgramme } from '../../subsidy/programme.ts';
import type { GrantDetail, Material, Review } from '../../subsidy/types.ts';
import { uploadMaterial } from '../../subsidy/upload.ts';
import { useMoney, usePercent } from '../policy/labels.tsx';
import { FraudModal, PayModal, ReviewModal } from './GrantModals.tsx';
import { GrantStatusTag, StepResultTag, useSubsidyLabels } from './labels.tsx';

type Base = '/subsidy/grants' | '/subsidy/review';

function useGrantRights(grant: GrantDetail): GrantRights {
  const me = useMe();
  return grantRights(grant, { orgId: me.organisation.id, permissions: me.permissions }, todayInShanghai());
}

/**
 * The definition of the grant's programme (its review stages, the days to supply more, the bar period on
 * fraud); null while it loads or when it cannot be read — the page then does without.
 */
function useProgrammeDefinition(code: string | undefined): ProgrammeDefinition | null {
  const loaded = useApiData(`grant-programme:${code ?? ''}`, () =>
    code
      ? unwrap(api.GET('/api/subsidy/programmes/{code}', { params: { path: { code } } })).then((p) =>
          readProgramme(p.definition),
        )
      : Promise.resolve(null),
  );
  return loaded.data ?? null;
}

/**
 * The name of a review stage by its key: the stage the grant waits at as the API names it, else as the
 * programme declares it, else the key itself.
 */
function useStageName(grant: GrantDetail, programme: ProgrammeDefinition | null): (key: string) => string {
  const language = useLanguage();
  return useCallback(
    (key: string) => {
      const names =
        key === grant.review.key
          ? grant.review.names
          : programme?.review?.stages.find((s) => s.key === key)?.names;
      return names ? pick(names, language) : key;
    },
    [grant.review, programme, language],
  );
}

/** The names of checklist materials by key, joined as a list ("加盖保险公司公章的保单、保费发票"). */
function useMaterialNames(grant: GrantDetail): (keys: readonly string[]) => string {
  const language = useLanguage();
  return useCallback(
    (keys: readonly string[]) =>
      keys
        .map((key) => {
          const material = (grant.materials ?? []).find((m) => m.key === key);
          return material ? pick(material.names, language) : key;
        })
        .join(language === 'en' ? ', ' : '、'),
    [grant.materials, language],
  );
}

function Actions({
  grant,
  programme,
  onSaved,
}: {
  grant: GrantDetail;
  programme: ProgrammeDefinition | null;
  onSaved: (g: GrantDetail) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const money = useMoney();
  const rights = useGrantRights(grant);
  const [open, setOpen] = useState<'review' | 'pay' | 'fraud' | null>(null);
  const [busy, setBusy] = useState<'confirm' | 'submit' | null>(null);
  const uploadedAll = (grant.materials ?? []).every((m) => m.uploaded !== null);

  const act = async (action: 'confirm' | 'submit') => {
    setBusy(action);
    try {
      const saved = await unwrap(
        action === 'confirm'
          ? api.POST('/api/subsidy/grants/{id}/confirm', { params: { path: { id: grant.id } } })
          : api.POST('/api/subsidy/grants/{id}/submit', { params: { path: { id: grant.id } } }),
      );
      void message.success(
        action === 'confirm'
          ? t('grant.confirmed')
          : rights.resubmit
            ? t('grant.resubmitted', { stage: pick(saved.review.names, language) })
            : t('grant.submitted'),
      );
      onSaved(saved);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };

  const close = (saved: GrantDetail) => {
    setOpen(null);
    onSaved(saved);
  };

  return (
    <Flex gap="small" wrap>
      {rights.confirm ? (
        <Popconfirm
          title={t('grant.confirmConfirm', { amount: money(grant.amount) })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={testId<ButtonProps>('grant-confirm-ok')}
          onConfirm={() => void act('confirm')}
        >
          <Button type="primary" loading={busy === 'confirm'} data-testid="grant-confirm">
            {t('grant.confirm')}
          </Button>
        </Popconfirm>
      ) : null}
      {rights.apply ? (
        <Popconfirm
          title={
            rights.resubmit
              ? t('grant.resubmitConfirm', { stage: pick(grant.review.names, language) })
              : t('grant.submitConfirm')
          }
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={testId<ButtonProps>('grant-submit-ok')}
          onConfirm={() => void act('submit')}
        >
          <Button
            type={uploadedAll ? 'primary' : 'default'}
            loading={busy === 'submit'}
            data-testid="grant-submit"
          >
            {rights.resubmit ? t('grant.resubmit') : t('grant.submit')}
          </Button>
        </Popconfirm>
      ) : null}
      {rights.review ? (
        <Button type="primary" onClick={() => setOpen('review')} data-testid="grant-review">
          {t('grant.review')}
        </Button>
      ) : null}
      {rights.pay ? (
        <Button type="primary" onClick={() => setOpen('pay')} data-testid="grant-pay">
          {t('grant.pay')}
        </Button>
      ) : null}
      {rights.fraud ? (
        <Button danger onClick={() => setOpen('fraud')} data-testid="grant-fraud">
          {t('grant.fraud')}
        </Button>
      ) : null}
      {open === 'review' ? (
        <ReviewModal grant={grant} programme={programme} onClose={() => setOpen(null)} onSaved={close} />
      ) : null}
      {open === 'pay' ? <PayModal grant={grant} onClose={() => setOpen(null)} onSaved={close} /> : null}
      {open === 'fraud' ? (
        <FraudModal grant={grant} programme={programme} onClose={() => setOpen(null)} onSaved={close} />
      ) : null}
    </Flex>
  );
}

/**
 * What the viewer should know first: the deadline to confirm, what is missing, what a reviewer asked for
 * and by when, the stage the application is at and who reviews it, the funder's note, a fraud finding.
 */
function Notices({ grant, programme }: { grant: GrantDetail; programme: ProgrammeDefinition | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();
  const rights = useGrantRights(grant);
  const stageName = useStageName(grant, programme);
  const materialNames = useMaterialNames(grant);
  const notices = [];
  if (grant.status === 'reserved' && grant.confirmBy !== null) {
    const days = daysUntil(grant.confirmBy, todayInShanghai());
    notices.push(
      rights.confirmLate ? (
        <Alert
          key="late"
          type="error"
          showIcon
          title={t('grant.confirmLate', { date: grant.confirmBy })}
          data-testid="grant-confirm-late"
        />
      ) : (
        <Alert
          key="confirm"
          type="warning"
          showIcon
          title={
            rights.enterprise
              ? t('grant.confirmNotice', { date: grant.confirmBy, count: days })
              : t('grant.confirmWaiting', { date: grant.confirmBy })
          }
          description={
            rights.enterprise ? t('grant.confirmHint', { amount: money(grant.amount) }) : undefined
          }
          data-testid="grant-confirm-notice"
        />
      ),
    );
  }
  if (grant.status === 'returned') {
    const request = lastRequest(grant.reviews ?? []);
    const requested = requestedMaterials(grant.reviews ?? []);
    const date = grant.supplementBy ?? '—';
    const note = request ? (
      <span data-testid="grant-returned-note">
        {t('grant.returnedNote', {
          stage: stageName(request.stageKey),
          reviewer: request.by.name,
          note: request.note,
        })}
      </span>
    ) : null;
    notices.push(
      rights.enterprise ? (
        <Alert
          key="returned"
          type="warning"
          showIcon
          title={t('grant.returnedNotice', { date })}
          description={
            <Flex vertical gap={2}>
              <span data-testid="grant-returned-materials">
                {requested.length > 0
                  ? t('grant.returnedMaterials', { materials: materialNames(requested) })
                  : t('grant.returnedNone')}
              </span>
              {note}
              <Typography.Text type="secondary">{t('grant.returnedLate')}</Typography.Text>
            </Flex>
          }
          data-testid="grant-returned-notice"
        />
      ) : (
        <Alert
          key="returned"
          type="info"
          showIcon
          title={t('grant.returnedWaiting', { date })}
          description={
            <Flex vertical gap={2}>
              {requested.length > 0 ? (
                <span data-testid="grant-returned-materials">
                  {t('grant.trailRequested', { materials: materialNames(requested) })}
                </span>
              ) : null}
              {note}
            </Flex>
          }
          data-testid="grant-returned-waiting"
        />
      ),
    );
  }
  if (grant.status === 'submitted' && !rights.reviewer)
    notices.push(
      <Alert
        key="stage"
        type="info"
        showIcon
        title={t('grant.atStage', {
          stage: pick(grant.review.names, language),
          reviewer: grant.review.reviewer.name,
        })}
        data-testid="grant-at-stage"
      />,
    );
  if (grant.status === 'revoked')
    notices.push(
      <Alert
        key="revoked"
        type="error"
        showIcon
        title={t('grant.revokedNotice')}
        description={
          grant.decisionNote ? <span data-testid="grant-revoked-note">{grant.decisionNote}</span> : undefined
        }
        data-testid="grant-revoked"
      />,
    );
  if (rights.apply && !rights.resubmit)
    notices.push(
      <Alert
        key="apply"
        type="info"
        showIcon
        title={t('grant.applyNotice')}
        data-testid="grant-apply-notice"
      />,
    );
  if (grant.decisionNote && (grant.status === 'approved' || grant.status === 'rejected'))
    notices.push(
      <Alert
        key="note"
        type={grant.status === 'approved' ? 'success' : 'error'}
        showIcon
        title={t(grant.status === 'approved' ? 'grant.approvedNotice' : 'grant.rejectedNotice')}
        description={grant.decisionNote}
        data-testid="grant-decision-note"
      />,
    );
  if (grant.status === 'lapsed')
    notices.push(
      <Alert
        key="lapsed"
        type="info"
        showIcon
        title={t('grant.lapsedNotice')}
        description={grant.decisionNote ?? undefined}
        data-testid="grant-lapsed"
      />,
    );
  if (grant.payee === 'insurer' && grant.status !== 'lapsed' && grant.status !== 'revoked')
    notices.push(
      <Alert key="insurer" type="info" title={t('grant.insurerPayee')} data-testid="grant-insurer-payee" />,
    );
  return notices.length > 0 ? (
    <Flex vertical gap="small">
      {notices}
    </Flex>
  ) : null;
}

function Facts({ grant }: { grant: GrantDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();
  const labels = useSubsidyLabels();
  const underReview = grant.status === 'submitted' || grant.status === 'returned';
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="grant-facts"
      items={[
        {
          key: 'programme',
          label: t('grants.programme'),
          children: (
            <Link to={`/subsidy/programmes/${grant.programme.code}`} data-testid="grant-programme-link">
              {grant.programme.name}
            </Link>
          ),
        },
        {
          key: 'policy',
          label: t('grants.policy'),
          children: (
            <Link to={`/policies/${grant.policy.id}`} data-testid="grant-policy-link">
              {grant.policy.number}
            </Link>
          ),
        },
        { key: 'enterprise', label: t('grants.enterprise'), children: grant.enterprise.name },
        { key: 'funder', label: t('grants.funder'), children: grant.funder.name },
        { key: 'mode', label: t('grants.mode'), children: labels.mode(grant.mode) },
        { key: 'payee', label: t('grants.payee'), children: labels.payee(grant.payee) },
        {
          key: 'amount',
          label: t('grants.amount'),
          children: (
            <Typography.Text strong data-testid="grant-detail-amount">
              {money(grant.amount)}
            </Typography.Text>
          ),
        },
        { key: 'clawedBack', label: t('grant.clawedBack'), children: money(grant.clawedBack) },
        {
          key: 'paid',
          label: t('grant.paid'),
          children: <span data-testid="grant-paid">{money(grant.paid)}</span>,
        },
        ...(grant.payee === 'enterprise'
          ? [{ key: 'due', label: t('grants.due'), children: money(grantDue(grant)) }]
          : []),
        {
          key: 'yearIndex',
          label: t('grant.yearIndex'),
          children: t('grant.yearValue', { count: grant.yearIndex }),
        },
        ...(grant.confirmBy
          ? [
              {
                key: 'confirmBy',
                label: t('grant.confirmByLabel'),
                children: <span data-testid="grant-confirm-by">{grant.confirmBy}</span>,
              },
            ]
          : []),
        ...(underReview
          ? [
              {
                key: 'stage',
                label: t('grant.stage'),
                children: (
                  <span data-testid="grant-stage" data-stage={grant.review.key}>
                    {t('grant.stageValue', {
                      stage: pick(grant.review.names, language),
                      index: grant.review.stage + 1,
                      of: grant.review.of,
                      reviewer: grant.review.reviewer.name,
                    })}
                  </span>
                ),
              },
            ]
          : []),
        ...(grant.status === 'returned' && grant.supplementBy
          ? [
              {
                key: 'supplementBy',
                label: t('grant.supplementByLabel'),
                children: <span data-testid="grant-supplement-by">{grant.supplementBy}</span>,
              },
            ]
          : []),
        { key: 'createdAt', label: t('grants.createdAt'), children: formatDateTime(grant.createdAt) },
      ]}
    />
  );
}

/** 补贴计算过程: every rule in the order applied, pass or fail, and the amount where a limit binds. */
function Steps({ grant }: { grant: GrantDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();
  const percent = usePercent();
  const labels = useSubsidyLabels();
  const steps = readSteps(grant.steps);
  const deciding = decidingStep(steps);
  const rows = steps.map((step, index) => ({ ...step, index }));
  return (
    <Card size="small" title={t('grant.steps')} extra={t('grant.stepsHint')} data-testid="grant-steps-card">
      <Table<GrantStep & { index: number }>
        rowKey="index"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('grant.stepsEmpty') }}
        data-testid="grant-steps"
        onRow={(s) => ({ 'data-rule': s.rule }) as HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'index', title: '#', width: 48, render: (_, s) => s.index + 1 },
          {
            key: 'rule',
            title: t('grant.rule'),
            render: (_, s) => (
              <Typography.Text strong={s.rule === 'grant'} data-testid="grant-step-rule">
                {labels.rule(s.rule)}
              </Typography.Text>
            ),
          },
          {
            key: 'result',
            title: t('grant.result'),
            render: (_, s) => (s.result ? <StepResultTag result={s.result} /> : null),
          },
          {
            key: 'text',
            title: t('grant.stepText'),
            render: (_, s) => (
              <Flex vertical gap={2}>
                <Typography.Text strong={s.rule === 'grant'} data-testid="grant-step-text">
                  {language === 'en' ? s.en : s.zh}
                </Typography.Text>
                {s.reason ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('product.reasonCode', { code: s.reason })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            key: 'value',
            title: t('grant.share'),
            align: 'right',
            render: (_, s) => (s.value ? percent(percentOf(s.value)) : ''),
          },
          {
            key: 'amount',
            title: t('grant.stepAmount'),
            align: 'right',
            render: (_, s) =>
              s.amount === undefined ? null : (
                <Flex gap={4} justify="flex-end" align="center">
                  {s.binds ? (
                    <Tag color={s.index === deciding ? 'orange' : undefined} data-testid="grant-step-binds">
                      {t('grant.binds')}
                    </Tag>
                  ) : null}
                  <Typography.Text
                    strong={s.rule === 'grant'}
                    type={s.binds === false ? 'secondary' : undefined}
                    data-testid="grant-step-amount"
                  >
                    {money(s.amount)}
                  </Typography.Text>
                </Flex>
              ),
          },
        ]}
      />
    </Card>
  );
}

function MaterialUpload({
  grant,
  material,
  onSaved,
}: {
  grant: GrantDetail;
  material: Material;
  onSaved: (g: GrantDetail, key: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [sending, setSending] = useState(false);
  const send = async (file: File) => {
    const problem = materialProblem(file);
    if (problem) {
      void message.error(t(`grant.file.${problem}`));
      return;
    }
    setSending(true);
    try {
      const saved = await uploadMaterial(grant.id, material.key, file);
      void message.success(t('grant.uploaded', { name: file.name }));
      onSaved(saved, material.key);
    } catch (error) {
      notifyError(error);
    } finally {
      setSending(false);
    }
  };
  return (
    <span data-testid={`material-upload-${material.key}`}>
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
          {material.uploaded ? t('grant.replace') : t('grant.upload')}
        </Button>
      </Upload>
    </span>
  );
}

/**
 * 申报材料: the programme's checklist, each item's file (name, size, SHA-256) and, while open, its upload;
 * returned for more (待补正), the materials asked for are marked — and marked again once uploaded anew.
 */
function Materials({
  grant,
  reuploaded,
  onSaved,
}: {
  grant: GrantDetail;
  /** The materials uploaded again on this page since the last request for more. */
  reuploaded: ReadonlySet<string>;
  onSaved: (g: GrantDetail, key: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rights = useGrantRights(grant);
  const materials = grant.materials ?? [];
  const requested = new Set(grant.status === 'returned' ? requestedMaterials(grant.reviews ?? []) : []);
  if (materials.length === 0) return null;
  const uploaded = materials.filter((m) => m.uploaded !== null).length;
  return (
    <Card
      size="small"
      title={t('grant.materials')}
      extra={
        <Typography.Text type="secondary" data-testid="grant-materials-count">
          {t('grant.materialsCount', { uploaded, total: materials.length })}
          {rights.apply ? ` · ${t('grant.materialsHint')}` : ''}
        </Typography.Text>
      }
    >
      <Table<Material>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={materials}
        scroll={{ x: 'max-content' }}
        data-testid="grant-materials"
        columns={[
          {
            key: 'name',
            title: t('grant.material'),
            render: (_, m) => (
              <Flex gap={4} align="center" wrap>
                <span data-testid="material-name">{pick(m.names, language)}</span>
                {requested.has(m.key) ? (
                  reuploaded.has(m.key) ? (
                    <Tag color="green" data-testid="material-reuploaded">
                      {t('grant.reuploadedTag')}
                    </Tag>
                  ) : (
                    <Tag color="orange" data-testid="material-requested">
                      {t('grant.requestedTag')}
                    </Tag>
                  )
                ) : null}
              </Flex>
            ),
          },
          {
            key: 'file',
            title: t('grant.fileName'),
            render: (_, m) =>
              m.uploaded ? (
                <span data-testid="material-file">{m.uploaded.filename}</span>
              ) : (
                <Tag data-testid="material-missing">{t('grant.notUploaded')}</Tag>
              ),
          },
          {
            key: 'size',
            title: t('grant.fileSize'),
            align: 'right',
            render: (_, m) => (m.uploaded ? fileSize(m.uploaded.size) : ''),
          },
          {
            key: 'sha256',
            title: 'SHA-256',
            render: (_, m) =>
              m.uploaded ? (
                <Typography.Text
                  code
                  copyable={{ text: m.uploaded.sha256 }}
                  style={{ fontSize: 12 }}
                  data-testid="material-sha256"
                >
                  {m.uploaded.sha256}
                </Typography.Text>
              ) : null,
          },
          ...(rights.apply
            ? [
                {
                  key: 'upload',
                  title: t('common.actions'),
                  render: (_: unknown, m: Material) => (
                    <MaterialUpload grant={grant} material={m} onSaved={onSaved} />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

const trailColors: Record<string, string> = {
  approve: 'green',
  reject: 'red',
  request_more: 'orange',
  resubmit: 'blue',
  fraud: 'red',
};

/**
 * 审核记录: every decision on the application — the stage, 通过 · 不通过 · 要求补正 (with the materials asked
 * for) · 认定骗补 — and each resubmission by the enterprise, who and when, oldest first.
 */
function Trail({ grant, programme }: { grant: GrantDetail; programme: ProgrammeDefinition | null }) {
  const { t } = useTranslation();
  const labels = useSubsidyLabels();
  const stageName = useStageName(grant, programme);
  const materialNames = useMaterialNames(grant);
  const reviews = grant.reviews ?? [];
  return (
    <Card size="small" title={t('grant.trail')} extra={t('grant.trailHint')} data-testid="grant-trail-card">
      {reviews.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('grant.trailEmpty')}
          data-testid="grant-trail-empty"
        />
      ) : (
        <Timeline
          data-testid="grant-trail"
          items={reviews.map((r: Review, i) => ({
            key: i,
            color: trailColors[r.decision] ?? 'gray',
            content: (
              <Flex vertical gap={2} data-testid="grant-trail-entry" data-decision={r.decision}>
                <Flex gap="small" wrap align="center">
                  <Typography.Text strong data-testid="grant-trail-stage" data-stage={r.stageKey}>
                    {stageName(r.stageKey)}
                  </Typography.Text>
                  <Tag color={trailColors[r.decision]} data-testid="grant-trail-decision">
                    {labels.decision(r.decision)}
                  </Tag>
                </Flex>
                {r.note ? (
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid="grant-trail-note">
                    {r.note}
                  </Typography.Text>
                ) : null}
                {r.requested && r.requested.length > 0 ? (
                  <Typography.Text type="warning" data-testid="grant-trail-requested">
                    {t('grant.trailRequested', { materials: materialNames(r.requested) })}
                  </Typography.Text>
                ) : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="grant-trail-by">
                  {r.by.name} · {formatDateTime(r.at)}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      )}
    </Card>
  );
}

function GrantView({ id, backToPolicy }: { id: string; backToPolicy: boolean }) {
  const { t } = useTranslation();
  const detail = useApiData(id, () =>
    unwrap(api.GET('/api/subsidy/grants/{id}', { params: { path: { id } } })),
  );
  const [answered, setAnswered] = useState<GrantDetail | null>(null);
  const data = answered ?? detail.data;
  const programme = useProgrammeDefinition(data?.programme.code);
  // The materials uploaded again on this page, since the request for more they answer.
  const [reuploaded, setReuploaded] = useState<{ since: string | null; keys: ReadonlySet<string> }>({
    since: null,
    keys: new Set(),
  });
  const since = data ? (lastRequest(data.reviews ?? [])?.at ?? null) : null;
  const uploaded = (saved: GrantDetail, key: string) => {
    setAnswered(saved);
    const at = lastRequest(saved.reviews ?? [])?.at ?? null;
    setReuploaded((r) => ({ since: at, keys: new Set([...(r.since === at ? r.keys : []), key]) }));
  };
  if (detail.error && !data) {
    if (isApiError(detail.error) && detail.error.status === 404) return <NotFound />;
    return <LoadError error={detail.error} onRetry={detail.reload} />;
  }
  if (!data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return (
    <Flex vertical gap="middle">
      {backToPolicy ? (
        <Link to={`/policies/${data.policy.id}`} data-testid="grant-back">
          {t('grant.backPolicy', { number: data.policy.number })}
        </Link>
      ) : null}
      <Flex justify="space-between" align="center" wrap gap="middle">
        <Flex align="center" gap="small" wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title-grant">
            {t('grant.title', { programme: data.programme.name })}
          </Typography.Title>
          <GrantStatusTag status={data.status} />
        </Flex>
        <Actions grant={data} programme={programme} onSaved={setAnswered} />
      </Flex>
      <Notices grant={data} programme={programme} />
      <Card size="small">
        <Facts grant={data} />
      </Card>
      <Steps grant={data} />
      <Materials
        grant={data}
        reuploaded={reuploaded.since === since ? reuploaded.keys : new Set()}
        onSaved={uploaded}
      />
      {data.mode === 'apply' || (data.reviews ?? []).length > 0 ? (
        <Trail grant={data} programme={programme} />
      ) : null}
    </Flex>
  );
}

function GrantPage({ base }: { base: Base }) {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  if (!isUuid(id)) return <NotFound />;
  // The enterprise came from 我的补贴, the funder from 补贴审核; insurers and readers from the policy.
  const list = base === '/subsidy/review' || hasAnyPermission(me, [Permission.EnterpriseSelf]);
  return (
    <>
      {list ? (
        <Link to={base} style={{ display: 'inline-block', marginBottom: 8 }} data-testid="grant-back">
          {base === '/subsidy/review' ? t('grant.backReview') : t('grant.backMine')}
        </Link>
      ) : null}
      <GrantView key={id} id={id} backToPolicy={!list} />
    </>
  );
}

/** 补贴详情 `/subsidy/grants/:id`: the enterprise confirms or applies; the insurer and readers follow it. */
export function GrantDetailPage() {
  return <GrantPage base="/subsidy/grants" />;
}

/**
 * `/subsidy/review/:id`: the reviewer of the stage an application waits at decides on it; the operating
 * funder follows it, pays it, and may find fraud.
 */
export function ReviewGrantPage() {
  return <GrantPage base="/subsidy/review" />;
}
