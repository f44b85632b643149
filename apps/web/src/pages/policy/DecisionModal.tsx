import { App, Button, Flex, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useMappedFormSubmit } from '../../components/useFormSubmit.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { type DecisionValues, decisionBody, decisionFieldOfPath } from '../../policy/forms.ts';
import type { QuoteView } from '../../policy/types.ts';
import { decisionKinds } from '../../policy/vocabulary.ts';
import { useMoney } from './labels.tsx';

const MAX_CONDITIONS = 20;

/** 核保: accept, accept with a loading and conditions, or decline a referred quote, with the reason. */
export function DecisionModal({
  quote,
  onClose,
  onDecided,
}: {
  quote: QuoteView;
  onClose: () => void;
  onDecided: (quote: QuoteView) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionValues>();
  const decision = Form.useWatch('decision', form);
  const submit = useMappedFormSubmit(form, decisionFieldOfPath, async (values) => {
    const decided = await unwrap(
      api.POST('/api/quotes/{id}/decision', {
        params: { path: { id: quote.id } },
        body: decisionBody(values),
      }),
    );
    void message.success(
      t('underwriting.decided', { decision: t(`underwriting.decisions.${values.decision}`) }),
    );
    onDecided(decided);
  });

  return (
    <FormModal<DecisionValues>
      title={t('underwriting.decisionTitle', { number: quote.number })}
      okText={t('underwriting.submit')}
      testIdPrefix="decision"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ decision: 'accept', conditions: [''] }}
    >
      <Flex vertical gap={4} style={{ marginBottom: 16 }}>
        <Typography.Text>
          {t('underwriting.summary', {
            enterprise: quote.enterprise.name,
            product: pick(quote.product.names, language),
            sumInsured: money(quote.sumInsured),
          })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('underwriting.basePremiumText', { premium: money(quote.basePremium) })}
        </Typography.Text>
        {quote.reasons.map((r) => (
          <Typography.Text key={r.reason} type="warning">
            {pick(r.message, language)}
          </Typography.Text>
        ))}
      </Flex>
      <Form.Item name="decision" label={t('underwriting.decision')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={decisionKinds.map((d) => ({
            value: d,
            label: <span data-testid={`decision-${d}`}>{t(`underwriting.decisions.${d}`)}</span>,
          }))}
        />
      </Form.Item>
      {decision !== 'decline' ? (
        <Form.Item
          name="loadingPercent"
          label={t('underwriting.loading')}
          extra={t('underwriting.loadingHint')}
          rules={[{ pattern: /^-?\d{1,4}(\.\d{1,4})?$/, message: t('underwriting.loadingPattern') }]}
        >
          <Input suffix="%" inputMode="decimal" maxLength={10} data-testid="decision-loading" />
        </Form.Item>
      ) : null}
      {decision === 'accept_with_conditions' ? (
        <Form.List name="conditions">
          {(items, { add, remove }) => (
            <Flex vertical gap="small" style={{ marginBottom: 16 }}>
              <Typography.Text>{t('underwriting.conditions')}</Typography.Text>
              {items.map((item, index) => (
                <Flex key={item.key} gap="small" align="flex-start">
                  <Form.Item name={item.name} style={{ flex: 1, marginBottom: 0 }}>
                    <Input
                      maxLength={500}
                      placeholder={t('underwriting.condition', { n: index + 1 })}
                      data-testid="decision-condition"
                    />
                  </Form.Item>
                  {items.length > 1 ? (
                    <Button type="link" danger onClick={() => remove(item.name)}>
                      {t('underwriting.removeCondition')}
                    </Button>
                  ) : null}
                </Flex>
              ))}
              {items.length < MAX_CONDITIONS ? (
                <Button type="dashed" onClick={() => add('')} data-testid="decision-condition-add">
                  {t('underwriting.addCondition')}
                </Button>
              ) : null}
            </Flex>
          )}
        </Form.List>
      ) : null}
      <Form.Item
        name="reasonZh"
        label={t('underwriting.reasonZh')}
        rules={[{ required: true, whitespace: true, message: t('underwriting.reasonZhRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={500} data-testid="decision-reason-zh" />
      </Form.Item>
      <Form.Item name="reasonEn" label={t('underwriting.reasonEn')}>
        <Input.TextArea rows={2} maxLength={500} data-testid="decision-reason-en" />
      </Form.Item>
    </FormModal>
  );
}
