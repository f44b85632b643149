import { Permission } from '@kebao/domain/org';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Descriptions,
  Flex,
  Popconfirm,
  Skeleton,
  Table,
  Tag,
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
  materialProblem,
  readSteps,
} from '../../subsidy/forms.ts';
import type { GrantDetail, Material } from '../../subsidy/types.ts';
import { uploadMaterial } from '../../subsidy/upload.ts';
import { useMoney, usePercent } from '../policy/labels.tsx';
import { PayModal, ReviewModal } from './GrantModals.tsx';
import { GrantStatusTag, StepResultTag, useSubsidyLabels } from './labels.tsx';

type Base = '/subsidy/grants' | '/subsidy/review';

function useGrantRights(grant: GrantDetail): GrantRights {
  const me = useMe();
  return grantRights(grant, { orgId: me.organisation.id, permissions: me.permissions }, todayInShanghai());
}

function Actions({ grant, onSaved }: { grant: GrantDetail; onSaved: (g: GrantDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const money = useMoney();
  const rights = useGrantRights(grant);
  const [open, setOpen] = useState<'review' | 'pay' | null>(null);
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
      void message.success(t(action === 'confirm' ? 'grant.confirmed' : 'grant.submitted'));
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
          title={t('grant.submitConfirm')}
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
            {t('grant.submit')}
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
      {open === 'review' ? <ReviewModal grant={grant} onClose={() => setOpen(null)} onSaved={close} /> : null}
      {open === 'pay' ? <PayModal grant={grant} onClose={() => setOpen(null)} onSaved={close} /> : null}
    </Flex>
  );
}

/** What the viewer should know first: the deadline to confirm, what is missing, the funder's note. */
function Notices({ grant }: { grant: GrantDetail }) {
  const { t } = useTranslation();
  const money = useMoney();
  const rights = useGrantRights(grant);
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
  if (rights.apply)
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
  if (grant.payee === 'insurer' && grant.status !== 'lapsed')
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
  const money = useMoney();
  const labels = useSubsidyLabels();
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
  onSaved: (g: GrantDetail) => void;
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
      onSaved(saved);
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

/** 申报材料: the programme's checklist, each item's file (name, size, SHA-256) and, while open, its upload. */
function Materials({ grant, onSaved }: { grant: GrantDetail; onSaved: (g: GrantDetail) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rights = useGrantRights(grant);
  const materials = grant.materials ?? [];
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
            render: (_, m) => <span data-testid="material-name">{pick(m.names, language)}</span>,
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

function GrantView({ id, backToPolicy }: { id: string; backToPolicy: boolean }) {
  const { t } = useTranslation();
  const detail = useApiData(id, () =>
    unwrap(api.GET('/api/subsidy/grants/{id}', { params: { path: { id } } })),
  );
  const [answered, setAnswered] = useState<GrantDetail | null>(null);
  const data = answered ?? detail.data;
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
        <Actions grant={data} onSaved={setAnswered} />
      </Flex>
      <Notices grant={data} />
      <Card size="small">
        <Facts grant={data} />
      </Card>
      <Steps grant={data} />
      <Materials grant={data} onSaved={setAnswered} />
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

/** `/subsidy/review/:id`: the funder reviews an application, reads its materials and pays. */
export function ReviewGrantPage() {
  return <GrantPage base="/subsidy/review" />;
}
