import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { CreditRecordView, CreditRevocation, EnterpriseDetail } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { todayInShanghai } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';

/** 撤销信用记录: kept on file, no longer counted from the day given (e.g. after credit repair). */
export function RevokeRecordModal({
  record,
  onClose,
  onSaved,
}: {
  record: CreditRecordView;
  onClose: () => void;
  onSaved: (detail: EnterpriseDetail) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<CreditRevocation>();
  const submit = useFormSubmit(form, ['revokedOn', 'reason'], async (values) => {
    const detail = await unwrap(
      api.POST('/api/credit-records/{id}/revoke', {
        params: { path: { id: record.id } },
        body: { revokedOn: values.revokedOn, reason: values.reason.trim() },
      }),
    );
    onSaved(detail);
  });

  return (
    <FormModal<CreditRevocation>
      title={t('credit.revokeTitle')}
      okText={t('credit.revoke')}
      testIdPrefix="credit-revoke"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ revokedOn: todayInShanghai() }}
    >
      <Typography.Paragraph>{pick(record.effect, language)}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('credit.revokeHint')}</Typography.Paragraph>
      <Form.Item
        name="revokedOn"
        label={t('credit.revokedOn')}
        rules={[{ required: true, message: t('credit.revokedOnRequired') }]}
      >
        <Input type="date" min={record.occurredOn} data-testid="credit-revoke-date" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('credit.reason')}
        rules={[{ required: true, whitespace: true, message: t('credit.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="credit-revoke-reason" />
      </Form.Item>
    </FormModal>
  );
}
