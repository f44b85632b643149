import { App, Button, Flex, Form, Input, InputNumber, Rate, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { RegulatorReview, VersionDetail } from '../../api/types.ts';
import {
  type FilingAction,
  filingTransitions,
  type SandboxCriterion,
  sandboxCriteria,
} from '../../catalog/vocabulary.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useMappedFormSubmit } from '../../components/useFormSubmit.ts';
import { todayInShanghai } from '../../format/datetime.ts';
import { normaliseYuan } from '../../format/money.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';

interface FilingValues {
  comment?: string;
  maxPolicies?: number;
  maxSumInsured?: string;
  /** 'YYYY-MM-DD' from the browser's date input (antd's DatePicker would add ~110 kB to every page). */
  endsOn?: string;
  scores?: Partial<Record<SandboxCriterion, number>>;
}

type WriterAction = Extract<FilingAction, 'submit' | 'withdraw' | 'request_exit'>;
type ReviewAction = RegulatorReview['action'];

/** `data-testid` of each action's button; its dialog is `<id>-modal-form` / `<id>-modal-submit`. */
export const actionTestIds: Record<FilingAction, string> = {
  submit: 'filing-submit',
  withdraw: 'filing-withdraw',
  request_exit: 'filing-request-exit',
  approve: 'review-approve',
  reject: 'review-reject',
  admit_sandbox: 'review-sandbox',
  graduate: 'review-graduate',
  stop: 'review-stop',
};

const scoreLevels = ['1', '2', '3', '4', '5'] as const;

const reasonRequired: ReadonlySet<FilingAction> = new Set(['reject', 'stop']);

/** The body's error paths, in this form: `/body/sandbox/endsOn` → endsOn, `/body/assessment/scores/x` → scores/x. */
function fieldOfPath(path: string[]): string[] | null {
  const [root, name, key] = path;
  if (root === 'comment') return ['comment'];
  if (root === 'sandbox' && name) return [name];
  if (root === 'assessment' && name === 'scores' && key) return ['scores', key];
  if (root === 'assessment' && name === 'comment') return ['comment'];
  return null;
}

function ScoreFields({ required }: { required: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = scoreLevels.map((level) => t(`filing.scoreLabels.${level}`));
  return (
    <>
      <Typography.Paragraph type="secondary">{t('filing.scoresHint')}</Typography.Paragraph>
      {sandboxCriteria.map((c) => (
        <Form.Item
          key={c.key}
          name={['scores', c.key]}
          label={pick(c, language)}
          rules={required ? [{ required: true, message: t('filing.scoreRequired') }] : []}
          style={{ marginBottom: 8 }}
        >
          <Rate tooltips={labels} data-testid={`assessment-${c.key}`} />
        </Form.Item>
      ))}
    </>
  );
}

function SandboxLimitFields() {
  const { t } = useTranslation();
  const today = todayInShanghai();
  return (
    <>
      <Form.Item
        name="maxPolicies"
        label={t('filing.maxPolicies')}
        rules={[{ required: true, message: t('filing.maxPoliciesRequired') }]}
      >
        <InputNumber
          min={1}
          max={1_000_000}
          precision={0}
          style={{ width: '100%' }}
          data-testid="sandbox-max-policies"
        />
      </Form.Item>
      <Form.Item
        name="maxSumInsured"
        label={t('filing.maxSumInsured')}
        extra={t('filing.maxSumInsuredHint')}
        rules={[
          { required: true, message: t('filing.maxSumInsuredRequired') },
          {
            validator: async (_, value: string | undefined) => {
              if (value?.trim() && normaliseYuan(value) === null) throw new Error(t('quote.moneyInvalid'));
            },
          },
        ]}
      >
        <Input inputMode="decimal" suffix={t('common.yuanUnit')} data-testid="sandbox-max-sum-insured" />
      </Form.Item>
      <Form.Item
        name="endsOn"
        label={t('filing.endsOn')}
        rules={[
          { required: true, message: t('filing.endsOnRequired') },
          {
            validator: async (_, value: string | undefined) => {
              if (value && value < today) throw new Error(t('filing.endsOnPast'));
            },
          },
        ]}
      >
        <Input type="date" min={today} data-testid="sandbox-ends-on" />
      </Form.Item>
    </>
  );
}

function FilingModal({
  detail,
  action,
  title,
  onClose,
  onDone,
}: {
  detail: VersionDetail;
  action: FilingAction;
  title: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FilingValues>();
  const path = { code: detail.code, version: detail.version };
  const submit = useMappedFormSubmit<FilingValues>(form, fieldOfPath, async (values) => {
    const comment = values.comment?.trim() || undefined;
    if (action === 'submit' || action === 'withdraw' || action === 'request_exit') {
      await unwrap(
        api.POST('/api/products/{code}/versions/{version}/filing', {
          params: { path },
          body: { action, comment },
        }),
      );
    } else {
      const body: RegulatorReview = { action, comment };
      if (action === 'admit_sandbox' && values.maxPolicies !== undefined && values.endsOn) {
        const amount = values.maxSumInsured?.trim() ?? '';
        body.sandbox = {
          maxPolicies: values.maxPolicies,
          maxSumInsured: normaliseYuan(amount) ?? amount,
          endsOn: values.endsOn,
        };
      }
      if (action === 'graduate' || action === 'stop') {
        const scores = Object.fromEntries(
          Object.entries(values.scores ?? {}).filter(([, score]) => typeof score === 'number' && score > 0),
        );
        if (action === 'graduate' || Object.keys(scores).length > 0) body.assessment = { scores, comment };
      }
      await unwrap(api.POST('/api/products/{code}/versions/{version}/review', { params: { path }, body }));
    }
    void message.success(t(`filing.done.${action}`));
    onDone();
  });
  const required = reasonRequired.has(action);
  return (
    <FormModal<FilingValues>
      title={title}
      okText={t(`filing.actions.${action}`)}
      testIdPrefix={`${actionTestIds[action]}-modal`}
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t(`filing.explain.${action}`)}</Typography.Paragraph>
      {action === 'admit_sandbox' ? <SandboxLimitFields /> : null}
      {action === 'graduate' || action === 'stop' ? <ScoreFields required={action === 'graduate'} /> : null}
      <Form.Item
        name="comment"
        label={required ? t('filing.reason') : t('filing.comment')}
        extra={required ? undefined : t('common.optional')}
        rules={required ? [{ required: true, whitespace: true, message: t('filing.reasonRequired') }] : []}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount data-testid="filing-comment" />
      </Form.Item>
    </FormModal>
  );
}

function allowed(action: FilingAction, detail: VersionDetail): boolean {
  return (filingTransitions[action].from as readonly string[]).includes(detail.status);
}

function ActionButtons({
  detail,
  actions,
  onDone,
  extra,
}: {
  detail: VersionDetail;
  actions: { action: FilingAction; primary?: boolean; danger?: boolean }[];
  onDone: () => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<FilingAction | null>(null);
  return (
    <Flex gap="small" wrap>
      {actions.map(({ action, primary, danger }) => (
        <Button
          key={action}
          type={primary ? 'primary' : 'default'}
          danger={danger}
          onClick={() => setOpen(action)}
          data-testid={actionTestIds[action]}
        >
          {t(`filing.actions.${action}`)}
        </Button>
      ))}
      {extra}
      {open ? (
        <FilingModal
          detail={detail}
          action={open}
          title={t('filing.modalTitle', {
            action: t(`filing.actions.${open}`),
            code: detail.code,
            version: detail.version,
          })}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            onDone();
          }}
        />
      ) : null}
    </Flex>
  );
}

/** The writer's steps: 提交报备, 申请退出沙盒, 撤回 — and a new version based on this one. */
export function WriterActions({ detail, onDone }: { detail: VersionDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const sandboxOpen = detail.sandbox !== null && !detail.sandbox.exitRequestedAt && !detail.sandbox.closedAt;
  const actions: { action: WriterAction; primary?: boolean; danger?: boolean }[] = [
    { action: 'submit' as const, primary: true },
    { action: 'request_exit' as const },
    { action: 'withdraw' as const, danger: true },
  ].filter(({ action }) => allowed(action, detail) && (action !== 'request_exit' || sandboxOpen));
  return (
    <ActionButtons
      detail={detail}
      actions={actions}
      onDone={onDone}
      extra={
        <Link to={`/products/new?from=${detail.code}&version=${detail.version}`}>
          <Button data-testid="product-new-version">{t('filing.newVersion')}</Button>
        </Link>
      }
    />
  );
}

/** The regulator's review: approve, reject or admit to the sandbox; graduate or stop a sandbox test. */
export function ReviewActions({ detail, onDone }: { detail: VersionDetail; onDone: () => void }) {
  const exitRequested = Boolean(detail.sandbox?.exitRequestedAt) && !detail.sandbox?.closedAt;
  const actions: { action: ReviewAction; primary?: boolean; danger?: boolean }[] = [
    { action: 'approve' as const, primary: true },
    { action: 'admit_sandbox' as const },
    { action: 'reject' as const, danger: true },
    { action: 'graduate' as const, primary: true },
    { action: 'stop' as const, danger: true },
  ].filter(({ action }) => allowed(action, detail) && (action !== 'graduate' || exitRequested));
  if (actions.length === 0) return null;
  return <ActionButtons detail={detail} actions={actions} onDone={onDone} />;
}
