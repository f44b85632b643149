import {
  AutoComplete,
  Button,
  Card,
  Col,
  type FormRule as FieldRule,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { QuotePreview } from '../../api/types.ts';
import type { ProductDefinition, ProductOption } from '../../catalog/definition.ts';
import { factLabel } from '../../catalog/facts.ts';
import { type EnterpriseKey, factsRead, quoteFields, type RequestField } from '../../catalog/factWalker.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMappedFormSubmit } from '../../components/useFormSubmit.ts';
import { normaliseYuan } from '../../format/money.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { choiceText } from './coverText.ts';
import { QuoteResult } from './QuoteResult.tsx';
import {
  enterpriseFactType,
  fieldOfErrorPath,
  fieldOfFact,
  initialQuoteValues,
  type QuoteFormValues,
  requestFieldType,
  toPreviewBody,
} from './quoteForm.ts';

const grades = ['A', 'B', 'C', 'D'];

function useMoneyRule(): FieldRule {
  const { t } = useTranslation();
  return {
    validator: async (_, value: unknown) => {
      if (typeof value === 'string' && value.trim() && normaliseYuan(value) === null)
        throw new Error(t('quote.moneyInvalid'));
    },
  };
}

function OptionField({ option }: { option: ProductOption }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const moneyRule = useMoneyRule();
  const name = ['request', 'options', option.key];
  const label = pick(option.names, language);
  const rules: FieldRule[] = option.required ? [{ required: true, message: t('quote.optionRequired') }] : [];
  const testId = `quote-option-${option.key}`;
  switch (option.type) {
    case 'choice':
      return (
        <Form.Item name={name} label={label} rules={rules}>
          <Select
            allowClear={!option.required}
            options={(option.choices ?? []).map((c) => ({ value: c, label: choiceText(t, option, c) }))}
            data-testid={testId}
          />
        </Form.Item>
      );
    case 'money':
      return (
        <Form.Item name={name} label={label} rules={[...rules, moneyRule]}>
          <Input inputMode="decimal" suffix={t('common.yuanUnit')} data-testid={testId} />
        </Form.Item>
      );
    case 'integer':
      return (
        <Form.Item name={name} label={label} rules={rules}>
          <InputNumber
            precision={0}
            min={typeof option.min === 'number' ? option.min : 0}
            max={typeof option.max === 'number' ? option.max : undefined}
            style={{ width: '100%' }}
            data-testid={testId}
          />
        </Form.Item>
      );
    case 'boolean':
      return (
        <Form.Item name={name} label={label} valuePropName="checked" rules={rules}>
          <Switch data-testid={testId} />
        </Form.Item>
      );
  }
}

function RequestFieldItem({ field }: { field: RequestField }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const moneyRule = useMoneyRule();
  const type = requestFieldType(field);
  const name = ['request', field];
  const label = factLabel({ options: [] }, `request.${field}`, language);
  const testId = `quote-request-${field}`;
  if (type === 'money')
    return (
      <Form.Item name={name} label={label} rules={[moneyRule]}>
        <Input inputMode="decimal" suffix={t('common.yuanUnit')} data-testid={testId} />
      </Form.Item>
    );
  if (type === 'date')
    return (
      <Form.Item name={name} label={label}>
        <Input type="date" data-testid={testId} />
      </Form.Item>
    );
  return (
    <Form.Item name={name} label={label} extra={field === 'termDays' ? t('quote.termDaysHint') : undefined}>
      <InputNumber precision={0} min={1} style={{ width: '100%' }} data-testid={testId} />
    </Form.Item>
  );
}

function EnterpriseFieldItem({
  factKey,
  suggestions,
}: {
  factKey: EnterpriseKey;
  suggestions: readonly string[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const moneyRule = useMoneyRule();
  const type = enterpriseFactType(factKey);
  const name = ['enterprise', factKey];
  const label = factLabel({ options: [] }, `enterprise.${factKey}`, language);
  const testId = `quote-enterprise-${factKey}`;
  const unknown = t('quote.unknown');
  let widget: ReactNode;
  let rules: FieldRule[] = [];
  switch (type) {
    case 'integer':
      widget = (
        <InputNumber
          precision={0}
          min={factKey === 'trl' ? 1 : 0}
          max={factKey === 'trl' ? 9 : undefined}
          placeholder={unknown}
          style={{ width: '100%' }}
          data-testid={testId}
        />
      );
      break;
    case 'money':
      rules = [moneyRule];
      widget = (
        <Input inputMode="decimal" suffix={t('common.yuanUnit')} placeholder={unknown} data-testid={testId} />
      );
      break;
    case 'decimal':
      rules = [{ pattern: /^\s*-?\d+(\.\d+)?\s*$/, message: t('quote.decimalInvalid') }];
      widget = <Input inputMode="decimal" placeholder={unknown} data-testid={testId} />;
      break;
    case 'boolean':
      widget = (
        <Select
          allowClear
          placeholder={unknown}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          data-testid={testId}
        />
      );
      break;
    case 'set':
      widget = (
        <Select
          mode="tags"
          allowClear
          placeholder={t('quote.tagsPlaceholder')}
          options={suggestions.map((s) => ({ value: s, label: s }))}
          tokenSeparators={[',', '，', ' ']}
          data-testid={testId}
        />
      );
      break;
    default:
      widget =
        factKey === 'scoreBand' || factKey === 'creditGrade' ? (
          <Select
            allowClear
            placeholder={unknown}
            options={grades.map((g) => ({ value: g, label: g }))}
            data-testid={testId}
          />
        ) : (
          <AutoComplete
            allowClear
            placeholder={unknown}
            options={suggestions.map((s) => ({ value: s }))}
            filterOption={(input, option) =>
              (option?.value ?? '').toString().toLowerCase().includes(input.trim().toLowerCase())
            }
            data-testid={testId}
          />
        );
  }
  return (
    <Form.Item name={name} label={label} rules={rules}>
      {widget}
    </Form.Item>
  );
}

/**
 * 报价试算: a form built from what the product reads — its options, the request fields its rating basis
 * and rules need, and the enterprise facts its rules and factors read — priced by the server's engine.
 * Nothing is stored; facts left blank are unknown.
 */
export function QuotePanel({
  definition,
  product,
}: {
  definition: ProductDefinition;
  product: { code: string; version: number };
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<QuoteFormValues>();
  const fields = useMemo(() => quoteFields(definition), [definition]);
  const suggestions = useMemo(() => factsRead(definition).values, [definition]);
  const [result, setResult] = useState<QuotePreview | null>(null);
  const warned = useRef<string[][]>([]);

  const submit = useMappedFormSubmit<QuoteFormValues>(
    form,
    (path) => fieldOfErrorPath(fields, path),
    async (values) => {
      setResult(null);
      // Field names computed from the product: antd's NamePath<T> cannot follow them.
      const untyped: FormInstance = form;
      // Warnings from the previous answer are about the previous input.
      untyped.setFields(warned.current.map((name) => ({ name, warnings: [] })));
      const answer = await unwrap(
        api.POST('/api/quotes/preview', { body: toPreviewBody(product, fields, values) }),
      );
      setResult(answer);
      const missing = answer.missingFacts.flatMap((fact) => {
        const name = fieldOfFact(fields, fact);
        return name ? [name] : [];
      });
      warned.current = missing;
      untyped.setFields(missing.map((name) => ({ name, warnings: [t('quote.missingWarning')] })));
    },
  );

  const column = (node: ReactNode, key: string) => (
    <Col key={key} xs={24} md={12} xl={8}>
      {node}
    </Col>
  );

  return (
    <Flex vertical gap="middle">
      <Card title={t('quote.title')} size="small">
        <Typography.Paragraph type="secondary">{t('quote.intro')}</Typography.Paragraph>
        <Form<QuoteFormValues>
          form={form}
          layout="vertical"
          initialValues={initialQuoteValues(definition)}
          onFinish={submit.onFinish}
          onValuesChange={() => setResult(null)}
          data-testid="quote-form"
        >
          {fields.options.length > 0 ? (
            <>
              <Typography.Title level={5}>{t('quote.optionsTitle')}</Typography.Title>
              <Row gutter={16}>{fields.options.map((o) => column(<OptionField option={o} />, o.key))}</Row>
            </>
          ) : null}
          {fields.request.length > 0 ? (
            <>
              <Typography.Title level={5}>{t('quote.requestTitle')}</Typography.Title>
              <Row gutter={16}>{fields.request.map((f) => column(<RequestFieldItem field={f} />, f))}</Row>
            </>
          ) : null}
          {fields.enterprise.length > 0 ? (
            <>
              <Typography.Title level={5}>{t('quote.enterpriseTitle')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('quote.enterpriseHint')}</Typography.Paragraph>
              <Row gutter={16}>
                {fields.enterprise.map((k) =>
                  column(
                    <EnterpriseFieldItem
                      factKey={k}
                      suggestions={suggestions.get(`enterprise.${k}`) ?? []}
                    />,
                    k,
                  ),
                )}
              </Row>
            </>
          ) : null}
          <Flex gap="small">
            <Button type="primary" htmlType="submit" loading={submit.submitting} data-testid="quote-submit">
              {t('quote.submit')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setResult(null);
              }}
            >
              {t('common.reset')}
            </Button>
          </Flex>
        </Form>
      </Card>
      <ProblemAlert error={submit.error} testId="quote-error" />
      {result ? <QuoteResult result={result} definition={definition} language={language} /> : null}
    </Flex>
  );
}
