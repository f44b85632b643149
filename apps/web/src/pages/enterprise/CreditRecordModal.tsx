import { Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { EnterpriseDetail } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useMappedFormSubmit } from '../../components/useFormSubmit.ts';
import { creditRecordKinds, creditSeverities } from '../../enterprise/vocabulary.ts';
import { todayInShanghai } from '../../format/datetime.ts';
import { type CreditRecordValues, creditFieldOfPath, creditRecordBody } from './creditForm.ts';

/** 登记信用记录: kind, severity, date, what happened and at least one document proving it. */
export function CreditRecordModal({
  enterpriseId,
  onClose,
  onSaved,
}: {
  enterpriseId: string;
  onClose: () => void;
  onSaved: (detail: EnterpriseDetail) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreditRecordValues>();
  const today = todayInShanghai();
  const submit = useMappedFormSubmit(form, creditFieldOfPath, async (values) => {
    const detail = await unwrap(
      api.POST('/api/enterprises/{id}/credit-records', {
        params: { path: { id: enterpriseId } },
        body: creditRecordBody(values),
      }),
    );
    onSaved(detail);
  });
  const required = (message: string) => [{ required: true, whitespace: true, message }];

  return (
    <FormModal<CreditRecordValues>
      title={t('credit.addTitle')}
      okText={t('common.save')}
      testIdPrefix="credit-record"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ evidence: [{}] }}
    >
      <Flex gap="middle">
        <Form.Item
          name="kind"
          label={t('credit.kind')}
          rules={required(t('credit.kindRequired'))}
          style={{ flex: 1 }}
        >
          <Select
            options={creditRecordKinds.map((k) => ({ value: k, label: t(`credit.kinds.${k}`) }))}
            data-testid="credit-record-kind"
          />
        </Form.Item>
        <Form.Item
          name="severity"
          label={t('credit.severity')}
          rules={required(t('credit.severityRequired'))}
          style={{ flex: 1 }}
        >
          <Select
            options={creditSeverities.map((s) => ({ value: s, label: t(`credit.severities.${s}`) }))}
            data-testid="credit-record-severity"
          />
        </Form.Item>
      </Flex>
      <Form.Item
        name="occurredOn"
        label={t('credit.occurredOn')}
        rules={required(t('credit.occurredOnRequired'))}
      >
        <Input type="date" max={today} data-testid="credit-record-occurred-on" />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('credit.description')}
        rules={required(t('credit.descriptionRequired'))}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="credit-record-description" />
      </Form.Item>
      <Typography.Text strong>{t('credit.evidence')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('credit.evidenceHint')}</Typography.Paragraph>
      <Form.List name="evidence">
        {(items, { add, remove }) => (
          <Flex vertical gap="small">
            {items.map((item, index) => (
              <Card
                key={item.key}
                size="small"
                title={t('credit.evidenceItem', { n: index + 1 })}
                extra={
                  items.length > 1 ? (
                    <Button type="link" danger size="small" onClick={() => remove(item.name)}>
                      {t('enterprise.removeItem')}
                    </Button>
                  ) : null
                }
              >
                <Form.Item
                  name={[item.name, 'title']}
                  label={t('credit.evidenceTitle')}
                  rules={required(t('enterprise.itemRequired'))}
                >
                  <Input
                    maxLength={200}
                    placeholder={t('credit.evidenceTitlePlaceholder')}
                    data-testid="credit-evidence-title"
                  />
                </Form.Item>
                <Form.Item
                  name={[item.name, 'reference']}
                  label={t('credit.evidenceReference')}
                  rules={required(t('enterprise.itemRequired'))}
                >
                  <Input maxLength={500} data-testid="credit-evidence-reference" />
                </Form.Item>
                <Form.Item name={[item.name, 'issuedBy']} label={t('credit.evidenceIssuedBy')}>
                  <Input maxLength={200} data-testid="credit-evidence-issued-by" />
                </Form.Item>
              </Card>
            ))}
            {items.length < 20 ? (
              <Button type="dashed" onClick={() => add({})} data-testid="credit-evidence-add">
                {t('credit.addEvidence')}
              </Button>
            ) : null}
          </Flex>
        )}
      </Form.List>
    </FormModal>
  );
}
