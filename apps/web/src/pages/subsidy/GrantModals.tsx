import { Alert, App, Checkbox, Flex, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { idempotencyKey } from '../../policy/forms.ts';
import { fraudBody, grantDue, payBody, type ReviewValues, reviewBody } from '../../subsidy/forms.ts';
import type { ProgrammeDefinition } from '../../subsidy/programme.ts';
import type { GrantDetail } from '../../subsidy/types.ts';
import { reviewDecisions } from '../../subsidy/vocabulary.ts';
import { useMoney } from '../policy/labels.tsx';

/** Working days to supply what a reviewer asks for when the programme sets none (as the server does). */
const DEFAULT_SUPPLEMENT_DAYS = 10;

/**
 * 审核 (the reviewer of the stage the application waits at): approve it (to the next stage, or granted at
 * the last), reject it, or ask for more (要求补正) — ticking the materials to upload again — always with a
 * note the enterprise reads.
 */
export function ReviewModal({
  grant,
  programme,
  onClose,
  onSaved,
}: {
  grant: GrantDetail;
  /** The programme's definition, for the next stage's name and the days to supply; null while unknown. */
  programme: ProgrammeDefinition | null;
  onClose: () => void;
  onSaved: (grant: GrantDetail) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const money = useMoney();
  const [form] = Form.useForm<ReviewValues>();
  const decision = Form.useWatch('decision', form);
  const stage = pick(grant.review.names, language);
  const last = grant.review.stage + 1 >= grant.review.of;
  const next = programme?.review?.stages[grant.review.stage + 1];
  const days = programme?.review?.supplementWorkingDays ?? DEFAULT_SUPPLEMENT_DAYS;
  const submit = useFormSubmit(form, ['decision', 'note', 'requested'], async (values) => {
    const saved = await unwrap(
      api.POST('/api/subsidy/grants/{id}/review', {
        params: { path: { id: grant.id } },
        body: reviewBody(values),
      }),
    );
    void message.success(
      saved.status === 'submitted'
        ? t('grant.stageApproved', { stage: pick(saved.review.names, language) })
        : saved.status === 'returned'
          ? t('grant.returnedDone', { date: saved.supplementBy ?? '—' })
          : t(saved.status === 'approved' ? 'grant.approved' : 'grant.rejected'),
    );
    onSaved(saved);
  });
  return (
    <FormModal<ReviewValues>
      title={t('grant.reviewTitle', { enterprise: grant.enterprise.name })}
      okText={t('grant.reviewSubmit')}
      testIdPrefix="review"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ decision: 'approve', requested: [] }}
    >
      <Flex vertical gap={4} style={{ marginBottom: 16 }}>
        <Typography.Text strong data-testid="review-stage">
          {t('grant.reviewStage', { stage, index: grant.review.stage + 1, of: grant.review.of })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('grant.reviewHint', { programme: grant.programme.name, amount: money(grant.amount) })}
          {last
            ? t('grant.reviewLast')
            : next
              ? t('grant.reviewNext', { next: pick(next.names, language) })
              : ''}
        </Typography.Text>
      </Flex>
      <Form.Item name="decision" label={t('grant.decision')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={reviewDecisions.map((d) => ({
            value: d,
            label: <span data-testid={`review-${d}`}>{t(`grant.decisions.${d}`)}</span>,
          }))}
        />
      </Form.Item>
      {decision === 'request_more' ? (
        <Form.Item name="requested" label={t('grant.requested')} extra={t('grant.requestedHint', { days })}>
          <Checkbox.Group data-testid="review-requested">
            <Flex vertical gap={4}>
              {(grant.materials ?? []).map((m) => (
                <Checkbox key={m.key} value={m.key}>
                  <span data-testid={`review-request-${m.key}`}>{pick(m.names, language)}</span>
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
      ) : null}
      <Form.Item
        name="note"
        label={t('grant.note')}
        rules={[{ required: true, whitespace: true, message: t('grant.noteRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="review-note" />
      </Form.Item>
    </FormModal>
  );
}

/**
 * 认定骗补 (the operating funder): revokes the grant with everything it gave — what was not paid is
 * cancelled, what was paid is to be recovered from the enterprise — and bars the enterprise from the
 * programme for the years it sets. The consequences are spelled out before the note is sent.
 */
export function FraudModal({
  grant,
  programme,
  onClose,
  onSaved,
}: {
  grant: GrantDetail;
  programme: ProgrammeDefinition | null;
  onClose: () => void;
  onSaved: (grant: GrantDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const [form] = Form.useForm<{ note: string }>();
  const barYears = programme?.clawback.barYears;
  const submit = useFormSubmit(form, ['note'], async ({ note }) => {
    const saved = await unwrap(
      api.POST('/api/subsidy/grants/{id}/fraud', {
        params: { path: { id: grant.id } },
        body: fraudBody(note),
      }),
    );
    void message.success(t('grant.fraudDone'));
    onSaved(saved);
  });
  return (
    <FormModal<{ note: string }>
      title={t('grant.fraudTitle', { enterprise: grant.enterprise.name })}
      okText={t('grant.fraudSubmit')}
      testIdPrefix="fraud"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Alert
        type="error"
        showIcon
        title={t('grant.fraudWarning')}
        description={
          <Flex vertical gap={4}>
            <span>
              {t('grant.fraudConsequences', { amount: money(grant.amount), paid: money(grant.paid) })}
            </span>
            {grant.payee === 'insurer' ? <span>{t('grant.fraudInsurerPayee')}</span> : null}
            <span data-testid="fraud-bar">
              {programme === null
                ? t('grant.fraudBarGeneral')
                : barYears
                  ? t('grant.fraudBar', { count: barYears })
                  : t('grant.fraudNoBar')}
            </span>
          </Flex>
        }
        style={{ marginBottom: 16 }}
        data-testid="fraud-consequences"
      />
      <Form.Item
        name="note"
        label={t('grant.fraudNote')}
        rules={[{ required: true, whitespace: true, message: t('grant.fraudNoteRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={1000} showCount data-testid="fraud-note" />
      </Form.Item>
    </FormModal>
  );
}

/** 拨付 (the funder): pays what is due on a grant to the enterprise, with the bank transfer's reference. */
export function PayModal({
  grant,
  onClose,
  onSaved,
}: {
  grant: GrantDetail;
  onClose: () => void;
  onSaved: (grant: GrantDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const [form] = Form.useForm<{ channelRef: string }>();
  const submit = useFormSubmit(form, ['channelRef'], async ({ channelRef }) => {
    const saved = await unwrap(
      api.POST('/api/subsidy/grants/{id}/pay', {
        params: { path: { id: grant.id }, header: { 'idempotency-key': idempotencyKey() } },
        body: payBody(channelRef),
      }),
    );
    void message.success(t('grant.paidNotice', { amount: money(grantDue(grant)) }));
    onSaved(saved);
  });
  return (
    <FormModal<{ channelRef: string }>
      title={t('grant.payTitle')}
      okText={t('grant.pay')}
      testIdPrefix="grant-pay"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Typography.Paragraph>
        {t('grant.payHint', { enterprise: grant.enterprise.name, amount: money(grantDue(grant)) })}
      </Typography.Paragraph>
      <Form.Item
        name="channelRef"
        label={t('grant.channelRef')}
        rules={[
          { required: true, whitespace: true, message: t('grant.channelRefRequired') },
          { pattern: /^[\x21-\x7e]{1,64}$/, message: t('grant.channelRefPattern') },
        ]}
      >
        <Input maxLength={64} autoComplete="off" data-testid="grant-pay-channel-ref" />
      </Form.Item>
    </FormModal>
  );
}
