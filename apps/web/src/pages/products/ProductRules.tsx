import { Card, Flex, List, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductDefinition, Rule, UnderwritingRule } from '../../catalog/definition.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { useConditionText } from './labels.tsx';

function RuleItem({
  rule,
  definition,
  tag,
}: {
  rule: Rule | UnderwritingRule;
  definition: ProductDefinition;
  tag?: ReactNode;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const text = useConditionText(definition);
  return (
    <List.Item data-testid="product-rule" data-reason={rule.reason}>
      <Flex vertical gap={4} style={{ width: '100%' }}>
        <Flex gap="small" align="center" wrap>
          {tag}
          <Typography.Text strong>{pick(rule.message, language)}</Typography.Text>
        </Flex>
        <Typography.Text>
          <Typography.Text type="secondary">{t('product.when')}</Typography.Text>
          <span data-testid="rule-condition">{text(rule.when)}</span>
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('product.reasonCode', { code: rule.reason })}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

/** Eligibility (投保条件) and underwriting rules (核保规则), each condition in plain words. */
export function ProductRules({ definition }: { definition: ProductDefinition }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="middle">
      <Card title={t('product.eligibility')} size="small" extra={t('product.eligibilityHint')}>
        <List
          dataSource={definition.eligibility}
          locale={{ emptyText: t('product.eligibilityEmpty') }}
          data-testid="product-eligibility"
          renderItem={(rule) => <RuleItem rule={rule} definition={definition} />}
        />
      </Card>
      <Card title={t('product.underwriting')} size="small" extra={t('product.underwritingHint')}>
        <List
          dataSource={definition.underwriting}
          locale={{ emptyText: t('product.underwritingEmpty') }}
          data-testid="product-underwriting"
          renderItem={(rule) => (
            <RuleItem
              rule={rule}
              definition={definition}
              tag={
                <Tag color={rule.outcome === 'decline' ? 'red' : 'orange'}>
                  {t(`product.outcomes.${rule.outcome}`)}
                </Tag>
              }
            />
          )}
        />
      </Card>
    </Flex>
  );
}
