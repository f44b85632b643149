import { App, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { idempotencyKey } from '../../policy/forms.ts';
import { grantDue, payBody, type ReviewValues, reviewBody } from '../../subsidy/forms.ts';
import type { GrantDetail } from '../../subsidy/types.ts';
import { reviewDecisions } from '../../subsidy/vocabulary.ts';
import { useMoney } from '../policy/labels.tsx';

/** 审核 (the funder): approve or reject a submitted application, with a note the enterprise reads. */
export function ReviewModal({
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
  const [form] = Form.useForm<ReviewValues>();
  const submit = useFormSubmit(form, ['decision', 'note'], async (values) => {
    const saved = await unwrap(
      api.POST('/api/subsidy/grants/{id}/review', {
        params: { path: { id: grant.id } },
        body: reviewBody(values),
      }),
    );
    void message.success(t(values.decision === 'approve' ? 'grant.approved' : 'grant.rejected'));
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
      initialValues={{ decision: 'approve' }}
    >
      <Typography.Paragraph type="secondary">
        {t('grant.reviewHint', { programme: grant.programme.name, amount: money(grant.amount) })}
      </Typography.Paragraph>
      <Form.Item name="decision" label={t('grant.decision')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={reviewDecisions.map((d) => ({
            value: d,
            label: <span data-testid={`review-${d}`}>{t(`grant.decisions.${d}`)}</span>,
          }))}
        />
      </Form.Item>
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
