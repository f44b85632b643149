import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import type { AlertComment } from '../../monitor/types.ts';

export type AlertStep = 'acknowledge' | 'resolve';

/**
 * 确认 / 解除 an alert (monitor.manage), always with a comment: it stays in the alert's history beside who
 * did it and when.
 */
export function AlertStepModal({
  alertId,
  step,
  onClose,
  onDone,
}: {
  alertId: string;
  step: AlertStep;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AlertComment>();
  const submit = useFormSubmit(form, ['comment'], async ({ comment }) => {
    const body = { comment: comment.trim() };
    const params = { path: { id: alertId } };
    await unwrap(
      step === 'acknowledge'
        ? api.POST('/api/monitor/alerts/{id}/acknowledge', { params, body })
        : api.POST('/api/monitor/alerts/{id}/resolve', { params, body }),
    );
    void message.success(step === 'acknowledge' ? t('alerts.acknowledged') : t('alerts.resolved'));
    onDone();
  });
  return (
    <FormModal<AlertComment>
      title={step === 'acknowledge' ? t('alerts.acknowledgeTitle') : t('alerts.resolveTitle')}
      okText={step === 'acknowledge' ? t('alerts.acknowledge') : t('alerts.resolve')}
      testIdPrefix={`alert-${step}`}
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">
        {step === 'acknowledge' ? t('alerts.acknowledgeHint') : t('alerts.resolveHint')}
      </Typography.Paragraph>
      <Form.Item
        name="comment"
        label={t('alerts.comment')}
        rules={[
          { required: true, whitespace: true, message: t('alerts.commentRequired') },
          { min: 2, message: t('alerts.commentRequired') },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount data-testid={`alert-${step}-comment`} />
      </Form.Item>
    </FormModal>
  );
}
