import { Alert, App, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import {
  type ApproveValues,
  type AssignValues,
  approveBody,
  assignBody,
  type DeclineValues,
  type DisputeValues,
  declineBody,
  disputeBody,
  dueToPay,
  type EventValues,
  eventBody,
  noteBody,
  type ReopenValues,
  type ReserveValues,
  reopenBody,
  reserveBody,
} from '../../claims/forms.ts';
import type { ClaimDetail } from '../../claims/types.ts';
import { assignMethods, eventKinds, expertFields } from '../../claims/vocabulary.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { todayInShanghai } from '../../format/datetime.ts';
import { idempotencyKey } from '../../policy/forms.ts';
import { collectionModes, isOneOf } from '../../policy/vocabulary.ts';
import { useMoney } from '../policy/labels.tsx';
import { useClaimLabels } from './labels.tsx';

interface ModalProps {
  claim: ClaimDetail;
  onClose: () => void;
  onSaved: (claim: ClaimDetail) => void;
}

const amountRules = (message: string) => [{ required: true, whitespace: true, message }];

/** The claim as it now stands, for steps whose answer is something else (an assignment, a dispute). */
function reread(id: string): Promise<ClaimDetail> {
  return unwrap(api.GET('/api/claims/{id}', { params: { path: { id } } }));
}

/** The steps of the desk whose body is a reserve and a note: 立案, 调整准备金, 重开. */
export type ReserveStep = 'register' | 'reserve' | 'reopen';

/**
 * 立案 (the notice accepted with its first case reserve), 调整准备金 (the reserve moved to a new amount) or
 * 重开 (a closed or declined claim reopened with a reserve and the reason).
 */
export function ReserveModal({ claim, step, onClose, onSaved }: ModalProps & { step: ReserveStep }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const [form] = Form.useForm<ReserveValues>();
  const submit = useFormSubmit(form, ['reserve', 'note'], async (values) => {
    const path = { id: claim.id };
    const header = { 'idempotency-key': idempotencyKey() };
    const saved = await unwrap(
      step === 'register'
        ? api.POST('/api/claims/{id}/register', { params: { path, header }, body: reserveBody(values) })
        : step === 'reserve'
          ? api.POST('/api/claims/{id}/reserve', { params: { path, header }, body: reserveBody(values) })
          : api.POST('/api/claims/{id}/reopen', {
              params: { path, header },
              body: reopenBody(values as ReopenValues),
            }),
    );
    void message.success(t(`claimDesk.${step}.done`, { amount: money(saved.reserve) }));
    onSaved(saved);
  });
  return (
    <FormModal<ReserveValues>
      title={t(`claimDesk.${step}.title`, { number: claim.number })}
      okText={t(`claimDesk.${step}.submit`)}
      testIdPrefix={`claim-${step}`}
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{
        reserve: step === 'register' ? claim.payable : step === 'reserve' ? claim.reserve : '',
      }}
    >
      <Typography.Paragraph type="secondary">
        {t(`claimDesk.${step}.hint`, {
          claimed: money(claim.claimed),
          payable: money(claim.payable),
          reserve: money(claim.reserve),
          paid: money(claim.paid),
        })}
      </Typography.Paragraph>
      <Form.Item
        name="reserve"
        label={t('claimDesk.reserveAmount')}
        rules={amountRules(t('claimDesk.amountRequired'))}
      >
        <Input prefix="¥" inputMode="decimal" maxLength={24} data-testid={`claim-${step}-reserve`} />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('claimDesk.note')}
        rules={
          step === 'reopen'
            ? [{ required: true, whitespace: true, message: t('claimDesk.noteRequired') }]
            : []
        }
      >
        <Input.TextArea rows={2} maxLength={2000} data-testid={`claim-${step}-note`} />
      </Form.Item>
    </FormModal>
  );
}

/** 拒赔 after review: the clause article cited and the reason the enterprise reads (it may dispute it). */
export function DeclineModal({ claim, onClose, onSaved }: ModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DeclineValues>();
  const submit = useFormSubmit(form, ['article', 'reason'], async (values) => {
    const saved = await unwrap(
      api.POST('/api/claims/{id}/decline', {
        params: { path: { id: claim.id }, header: { 'idempotency-key': idempotencyKey() } },
        body: declineBody(values),
      }),
    );
    void message.success(t('claimDesk.decline.done'));
    onSaved(saved);
  });
  return (
    <FormModal<DeclineValues>
      title={t('claimDesk.decline.title', { number: claim.number })}
      okText={t('claimDesk.decline.submit')}
      testIdPrefix="claim-decline"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t('claimDesk.decline.hint')}</Typography.Paragraph>
      <Form.Item
        name="article"
        label={t('claimDesk.decline.article')}
        rules={[{ required: true, whitespace: true, message: t('claimDesk.decline.articleRequired') }]}
      >
        <Input
          maxLength={200}
          placeholder={t('claimDesk.decline.articlePlaceholder')}
          data-testid="claim-decline-article"
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('claimDesk.decline.reason')}
        rules={[
          { required: true, whitespace: true, message: t('claimDesk.decline.reasonRequired') },
          { min: 4, message: t('claimDesk.decline.reasonShort') },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount data-testid="claim-decline-reason" />
      </Form.Item>
    </FormModal>
  );
}

/**
 * 核赔: the amount agreed, within the approver's authority (理赔人员 ≤ ¥500,000, 理赔经理 ≤ ¥5,000,000, above
 * that the claims committee); above it the server says who must approve, shown above the form.
 */
export function ApproveModal({ claim, onClose, onSaved }: ModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const [form] = Form.useForm<ApproveValues>();
  const submit = useFormSubmit(form, ['amount', 'note'], async (values) => {
    const saved = await unwrap(
      api.POST('/api/claims/{id}/approve', {
        params: { path: { id: claim.id }, header: { 'idempotency-key': idempotencyKey() } },
        body: approveBody(values),
      }),
    );
    void message.success(t('claimDesk.approve.done', { amount: money(saved.agreed) }));
    onSaved(saved);
  });
  return (
    <FormModal<ApproveValues>
      title={t('claimDesk.approve.title', { number: claim.number })}
      okText={t('claimDesk.approve.submit')}
      testIdPrefix="claim-approve"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ amount: claim.payable }}
    >
      <Typography.Paragraph type="secondary">
        {t('claimDesk.approve.hint', { payable: money(claim.payable), reserve: money(claim.reserve) })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('claimDesk.approve.authority')}
      </Typography.Paragraph>
      <Form.Item
        name="amount"
        label={t('claimDesk.approve.amount')}
        rules={amountRules(t('claimDesk.amountRequired'))}
      >
        <Input prefix="¥" inputMode="decimal" maxLength={24} data-testid="claim-approve-amount" />
      </Form.Item>
      <Form.Item name="note" label={t('claimDesk.note')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="claim-approve-note" />
      </Form.Item>
    </FormModal>
  );
}

/**
 * 支付: pays what is agreed and not yet paid, split by the signed lines. One key for the dialog: pressing
 * again after a lost answer replays the payment instead of making another.
 */
export function PayModal({ claim, onClose, onSaved }: ModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const [key] = useState(idempotencyKey);
  const [form] = Form.useForm<{ note?: string }>();
  const due = dueToPay(claim);
  const mode = claim.collectionMode;
  const submit = useFormSubmit(form, ['note'], async (values) => {
    const saved = await unwrap(
      api.POST('/api/claims/{id}/pay', {
        params: { path: { id: claim.id }, header: { 'idempotency-key': key } },
        body: noteBody(values.note),
      }),
    );
    void message.success(t('claimDesk.pay.done', { amount: money(due) }));
    onSaved(saved);
  });
  return (
    <FormModal<{ note?: string }>
      title={t('claimDesk.pay.title', { number: claim.number })}
      okText={t('claimDesk.pay.submit')}
      testIdPrefix="claim-pay"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Typography.Paragraph data-testid="claim-pay-amount">
        {t('claimDesk.pay.hint', { enterprise: claim.enterprise.name, amount: money(due) })}
      </Typography.Paragraph>
      {claim.shares.length > 1 ? (
        <Typography.Paragraph type="secondary">
          {isOneOf(collectionModes, mode) ? t(`claimDesk.pay.modes.${mode}`) : mode}
        </Typography.Paragraph>
      ) : null}
      <Form.Item name="note" label={t('claimDesk.note')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="claim-pay-note" />
      </Form.Item>
    </FormModal>
  );
}

/** 结案: the file is closed, releasing what is left of the reserve. */
export function CloseModal({ claim, onClose, onSaved }: ModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const [form] = Form.useForm<{ note?: string }>();
  const submit = useFormSubmit(form, ['note'], async (values) => {
    const saved = await unwrap(
      api.POST('/api/claims/{id}/close', {
        params: { path: { id: claim.id }, header: { 'idempotency-key': idempotencyKey() } },
        body: noteBody(values.note),
      }),
    );
    void message.success(t('claimDesk.close.done'));
    onSaved(saved);
  });
  return (
    <FormModal<{ note?: string }>
      title={t('claimDesk.close.title', { number: claim.number })}
      okText={t('claimDesk.close.submit')}
      testIdPrefix="claim-close"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">
        {t('claimDesk.close.hint', { reserve: money(claim.reserve), paid: money(claim.paid) })}
      </Typography.Paragraph>
      <Form.Item name="note" label={t('claimDesk.note')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="claim-close-note" />
      </Form.Item>
    </FormModal>
  );
}

/** 指派专家: by rotation, the best match (field and region) or a named expert; never one with a conflict. */
export function AssignExpertModal({ claim, onClose, onSaved }: ModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useClaimLabels();
  const [form] = Form.useForm<AssignValues>();
  const field = Form.useWatch('field', form);
  const method = Form.useWatch('method', form);
  const experts = useApiData(`experts:${field ?? ''}`, () =>
    field
      ? unwrap(api.GET('/api/experts', { params: { query: { field } } })).then((r) => r.items)
      : Promise.resolve([]),
  );
  const submit = useFormSubmit(form, ['field', 'method', 'expertId', 'fee'], async (values) => {
    const assignment = await unwrap(
      api.POST('/api/claims/{id}/experts', { params: { path: { id: claim.id } }, body: assignBody(values) }),
    );
    void message.success(t('claimDesk.assign.done', { name: assignment.expert.name }));
    onSaved(await reread(claim.id));
  });
  return (
    <FormModal<AssignValues>
      title={t('claimDesk.assign.title', { number: claim.number })}
      okText={t('claimDesk.assign.submit')}
      testIdPrefix="claim-assign"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ method: 'rotation' }}
    >
      <Typography.Paragraph type="secondary">{t('claimDesk.assign.hint')}</Typography.Paragraph>
      <Form.Item
        name="field"
        label={t('claimDesk.assign.field')}
        rules={[{ required: true, message: t('claimDesk.assign.fieldRequired') }]}
      >
        <Select
          options={expertFields.map((f) => ({ value: f, label: labels.field(f) }))}
          onChange={() => form.setFieldsValue({ expertId: undefined })}
          data-testid="claim-assign-field"
        />
      </Form.Item>
      <Form.Item name="method" label={t('claimDesk.assign.method')}>
        <Radio.Group
          optionType="button"
          options={assignMethods.map((m) => ({
            value: m,
            label: <span data-testid={`claim-assign-${m}`}>{labels.method(m)}</span>,
          }))}
        />
      </Form.Item>
      {method === 'named' ? (
        <Form.Item
          name="expertId"
          label={t('claimDesk.assign.expert')}
          rules={[{ required: true, message: t('claimDesk.assign.expertRequired') }]}
        >
          <Select
            loading={experts.loading}
            notFoundContent={t('claimDesk.assign.noExperts')}
            options={(experts.data ?? [])
              .filter((e) => e.available)
              .map((e) => ({ value: e.id, label: `${e.name}（${e.employer}）` }))}
            data-testid="claim-assign-expert"
          />
        </Form.Item>
      ) : null}
      <Form.Item name="fee" label={t('claimDesk.assign.fee')}>
        <Input
          prefix="¥"
          inputMode="decimal"
          maxLength={24}
          placeholder={t('common.optional')}
          data-testid="claim-assign-fee"
        />
      </Form.Item>
    </FormModal>
  );
}

type EventChoice = 'existing' | 'new' | 'none';
type LinkValues = { choice: EventChoice; eventId?: string } & Partial<EventValues>;

/**
 * 关联事件: the claim joins a loss event (claims of one event share a catastrophe layer): one already
 * declared, one declared here, or none.
 */
export function LinkEventModal({ claim, onClose, onSaved }: ModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useClaimLabels();
  const [form] = Form.useForm<LinkValues>();
  const choice = Form.useWatch('choice', form) ?? 'existing';
  const events = useApiData('loss-events', () => unwrap(api.GET('/api/loss-events')).then((r) => r.items));
  const current = (events.data ?? []).find((e) => e.code === claim.event);
  const submit = useFormSubmit(form, ['eventId', 'code', 'name', 'kind', 'occurredOn'], async (values) => {
    let eventId: string | null = null;
    if (values.choice === 'existing') eventId = values.eventId ?? null;
    if (values.choice === 'new') {
      const created = await unwrap(
        api.POST('/api/loss-events', { body: eventBody(values as LinkValues & EventValues) }),
      );
      eventId = created.id;
    }
    const saved = await unwrap(
      api.PUT('/api/claims/{id}/event', { params: { path: { id: claim.id } }, body: { eventId } }),
    );
    void message.success(eventId ? t('claimDesk.event.linked') : t('claimDesk.event.unlinked'));
    onSaved(saved);
  });
  return (
    <FormModal<LinkValues>
      title={t('claimDesk.event.title', { number: claim.number })}
      okText={t('common.save')}
      testIdPrefix="claim-event"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ choice: 'existing', eventId: current?.id, occurredOn: claim.lossDate, kind: 'cyber' }}
    >
      <Typography.Paragraph type="secondary">{t('claimDesk.event.hint')}</Typography.Paragraph>
      <Form.Item name="choice">
        <Radio.Group
          optionType="button"
          options={(['existing', 'new', 'none'] as const).map((c) => ({
            value: c,
            label: <span data-testid={`claim-event-${c}`}>{t(`claimDesk.event.choices.${c}`)}</span>,
          }))}
        />
      </Form.Item>
      {choice === 'existing' ? (
        <Form.Item
          name="eventId"
          label={t('claimDesk.event.event')}
          rules={[{ required: true, message: t('claimDesk.event.eventRequired') }]}
        >
          <Select
            loading={events.loading}
            notFoundContent={t('claimDesk.event.none')}
            options={(events.data ?? []).map((e) => ({
              value: e.id,
              label: t('claimDesk.event.option', {
                code: e.code,
                name: e.name,
                kind: labels.eventKind(e.kind),
                date: e.occurredOn,
                count: e.claims,
              }),
            }))}
            data-testid="claim-event-select"
          />
        </Form.Item>
      ) : null}
      {choice === 'new' ? (
        <>
          <Flex gap="middle">
            <Form.Item
              name="code"
              label={t('claimDesk.event.code')}
              rules={[
                { required: true, whitespace: true, message: t('claimDesk.event.codeRequired') },
                {
                  pattern: /^\s*[A-Za-z0-9][A-Za-z0-9-]{2,39}\s*$/,
                  message: t('claimFile.eventCodePattern'),
                },
              ]}
              style={{ flex: 1 }}
            >
              <Input maxLength={40} placeholder="CYBER-2026-001" data-testid="claim-event-code" />
            </Form.Item>
            <Form.Item name="kind" label={t('claimDesk.event.kind')} style={{ width: 160 }}>
              <Select options={eventKinds.map((k) => ({ value: k, label: labels.eventKind(k) }))} />
            </Form.Item>
          </Flex>
          <Form.Item
            name="name"
            label={t('claimDesk.event.name')}
            rules={[{ required: true, whitespace: true, message: t('claimDesk.event.nameRequired') }]}
          >
            <Input maxLength={200} data-testid="claim-event-name" />
          </Form.Item>
          <Form.Item
            name="occurredOn"
            label={t('claimDesk.event.occurredOn')}
            rules={[{ required: true, message: t('claimDesk.event.occurredOnRequired') }]}
          >
            <Input type="date" max={todayInShanghai()} data-testid="claim-event-occurred-on" />
          </Form.Item>
        </>
      ) : null}
      {choice === 'none' && claim.event ? (
        <Alert type="info" title={t('claimDesk.event.unlinkHint', { code: claim.event })} />
      ) : null}
    </FormModal>
  );
}

/** 撤案 (the policyholder): the notice is withdrawn before anything is agreed; it cannot be undone. */
export function WithdrawModal({ claim, onClose, onSaved }: ModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const submit = useFormSubmit(form, ['note'], async (values) => {
    const saved = await unwrap(
      api.POST('/api/claims/{id}/withdraw', {
        params: { path: { id: claim.id }, header: { 'idempotency-key': idempotencyKey() } },
        body: noteBody(values.note),
      }),
    );
    void message.success(t('claimDesk.withdraw.done'));
    onSaved(saved);
  });
  return (
    <FormModal<{ note?: string }>
      title={t('claimDesk.withdraw.title', { number: claim.number })}
      okText={t('claimDesk.withdraw.submit')}
      testIdPrefix="claim-withdraw"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Alert type="warning" showIcon title={t('claimDesk.withdraw.hint')} style={{ marginBottom: 16 }} />
      <Form.Item name="note" label={t('claimDesk.withdraw.note')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="claim-withdraw-note" />
      </Form.Item>
    </FormModal>
  );
}

/** 申请调解 (the policyholder): the grounds and, if it asks for one, the amount; the insurer answers in 15 days. */
export function DisputeModal({ claim, onClose, onSaved }: ModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DisputeValues>();
  const submit = useFormSubmit(form, ['grounds', 'askedAmount'], async (values) => {
    const dispute = await unwrap(
      api.POST('/api/claims/{id}/disputes', {
        params: { path: { id: claim.id } },
        body: disputeBody(values),
      }),
    );
    void message.success(t('claimDesk.dispute.done', { date: dispute.respondBy }));
    onSaved(await reread(claim.id));
  });
  return (
    <FormModal<DisputeValues>
      title={t('claimDesk.dispute.title', { number: claim.number })}
      okText={t('claimDesk.dispute.submit')}
      testIdPrefix="claim-dispute"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t('claimDesk.dispute.hint')}</Typography.Paragraph>
      <Form.Item
        name="grounds"
        label={t('claimDesk.dispute.grounds')}
        rules={[
          { required: true, whitespace: true, message: t('claimDesk.dispute.groundsRequired') },
          { min: 4, message: t('claimDesk.dispute.groundsShort') },
        ]}
      >
        <Input.TextArea rows={4} maxLength={4000} showCount data-testid="claim-dispute-grounds" />
      </Form.Item>
      <Form.Item name="askedAmount" label={t('claimDesk.dispute.askedAmount')}>
        <Input
          prefix="¥"
          inputMode="decimal"
          maxLength={24}
          placeholder={t('common.optional')}
          data-testid="claim-dispute-amount"
        />
      </Form.Item>
    </FormModal>
  );
}
