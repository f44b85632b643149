import { Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  ParametricPayout,
  ProductDefinition,
  ProductOption,
  Section,
} from '../../catalog/definition.ts';
import { percentOf } from '../../format/decimal.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import {
  deductibleText,
  limitText,
  optionValuesText,
  optionValueText,
  thresholdText,
  triggerText,
} from './coverText.ts';
import { useYuan } from './labels.tsx';

function Parties({ definition }: { definition: ProductDefinition }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { policyholder, insured, beneficiary } = definition.parties;
  return (
    <Card title={t('product.parties')} size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'policyholder', label: t('product.policyholder'), children: pick(policyholder, language) },
          { key: 'insured', label: t('product.insured'), children: pick(insured, language) },
          ...(beneficiary
            ? [{ key: 'beneficiary', label: t('product.beneficiary'), children: pick(beneficiary, language) }]
            : []),
        ]}
      />
    </Card>
  );
}

function Options({ definition }: { definition: ProductDefinition }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Card title={t('product.options')} size="small">
      <Table<ProductOption>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={definition.options}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('product.optionsEmpty') }}
        data-testid="product-options"
        columns={[
          {
            key: 'name',
            title: t('product.option.name'),
            render: (_, o) => (
              <Flex vertical>
                {pick(o.names, language)}
                <Typography.Text type="secondary" code>
                  {o.key}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'type',
            title: t('product.option.type'),
            render: (_, o) => t(`product.optionTypes.${o.type}`),
          },
          { key: 'values', title: t('product.option.values'), render: (_, o) => optionValuesText(t, o) },
          {
            key: 'default',
            title: t('product.option.default'),
            render: (_, o) => (o.default === undefined ? '—' : optionValueText(t, o, o.default)),
          },
          {
            key: 'required',
            title: t('product.option.required'),
            render: (_, o) =>
              o.required ? <Tag color="orange">{t('product.option.requiredYes')}</Tag> : null,
          },
        ]}
      />
    </Card>
  );
}

function PayoutTable({ trigger }: { trigger: Extract<Section['trigger'], { type: 'parametric' }> }) {
  const { t } = useTranslation();
  return (
    <Table<ParametricPayout>
      rowKey="threshold"
      size="small"
      pagination={false}
      dataSource={trigger.payouts}
      data-testid="payout-table"
      style={{ maxWidth: 480 }}
      columns={[
        {
          key: 'threshold',
          title: t('product.payoutThreshold'),
          render: (_, p) =>
            t(trigger.direction === 'below' ? 'product.payoutBelow' : 'product.payoutAbove', {
              threshold: thresholdText(p.threshold, trigger.unit),
            }),
        },
        {
          key: 'share',
          title: t('product.payoutShare'),
          render: (_, p) => t('product.shareOfLimit', { percent: percentOf(p.payoutShareOfLimit) }),
        },
      ]}
    />
  );
}

function SectionCard({ section, definition }: { section: Section; definition: ProductDefinition }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const yuan = useYuan();
  const { trigger } = section;
  return (
    <Card
      size="small"
      type="inner"
      data-testid="product-section"
      title={
        <Flex gap="small" align="center" wrap>
          {pick(section.names, language)}
          {section.optional ? <Tag>{t('product.section.optional')}</Tag> : null}
        </Flex>
      }
    >
      {section.description ? (
        <Typography.Paragraph type="secondary">{pick(section.description, language)}</Typography.Paragraph>
      ) : null}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'limit', label: t('product.section.limit'), children: limitText(t, section.limit) },
          {
            key: 'deductible',
            label: t('product.section.deductible'),
            children: deductibleText(t, section.deductible, definition, language),
          },
          {
            key: 'trigger',
            label: t('product.section.trigger'),
            children: triggerText(t, trigger, language),
          },
          ...(section.sublimits && section.sublimits.length > 0
            ? [
                {
                  key: 'sublimits',
                  label: t('product.section.sublimits'),
                  span: 'filled' as const,
                  children: (
                    <Flex vertical>
                      {section.sublimits.map((s) => (
                        <span key={s.key}>
                          {t('product.labelled', {
                            label: pick(s.names, language),
                            value: s.amount
                              ? yuan(s.amount)
                              : s.shareOfLimit
                                ? t('product.shareOfLimit', { percent: percentOf(s.shareOfLimit) })
                                : '—',
                          })}
                        </span>
                      ))}
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      {trigger.type === 'parametric' ? (
        <Flex vertical gap="small" style={{ marginTop: 8 }}>
          <Typography.Text strong>
            {t('product.payoutTitle', { index: pick(trigger.index, language) })}
          </Typography.Text>
          <PayoutTable trigger={trigger} />
        </Flex>
      ) : null}
    </Card>
  );
}

/** Who is covered, the choices offered and every section of cover. */
export function ProductCover({ definition }: { definition: ProductDefinition }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="middle">
      <Parties definition={definition} />
      <Options definition={definition} />
      <Card title={t('product.sections')} size="small">
        <Flex vertical gap="middle" data-testid="product-sections">
          {definition.sections.map((section) => (
            <SectionCard key={section.key} section={section} definition={definition} />
          ))}
        </Flex>
      </Card>
    </Flex>
  );
}
