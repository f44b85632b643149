import { Alert, type AlertProps, Card, Descriptions, Flex, List, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BreakdownStep, QuoteOutcome, QuotePreview } from '../../api/types.ts';
import type { ProductDefinition } from '../../catalog/definition.ts';
import { factLabel, factType } from '../../catalog/facts.ts';
import { percentOf, trimDecimal } from '../../format/decimal.ts';
import { groupYuan, normaliseYuan } from '../../format/money.ts';
import type { Language } from '../../i18n/index.ts';
import { pick } from '../../i18n/labels.ts';
import { useYuan } from './labels.tsx';

const alertTypes: Record<QuoteOutcome, AlertProps['type']> = {
  accept: 'success',
  refer: 'warning',
  decline: 'error',
  ineligible: 'error',
  needs_information: 'info',
};

const checkColors = { true: 'green', false: 'red', unknown: 'default' } as const;

// The API types a step's kind as a string; these are the kinds the engine writes (rating-result.ts).
const stepKinds = ['basis', 'base_rate', 'factor', 'term', 'rate_cap', 'minimum', 'rounding'] as const;
type StepKind = (typeof stepKinds)[number];
const roundingModes = ['HALF_UP', 'HALF_EVEN', 'DOWN', 'UP'] as const;
type RoundingMode = (typeof roundingModes)[number];

function isStepKind(kind: string): kind is StepKind {
  return (stepKinds as readonly string[]).includes(kind);
}

function isRoundingMode(mode: string | undefined): mode is RoundingMode {
  return (roundingModes as readonly (string | undefined)[]).includes(mode);
}

export function Breakdown({
  steps,
  definition,
  language,
  headcount,
}: {
  steps: BreakdownStep[];
  definition: ProductDefinition;
  language: Language;
  headcount: boolean;
}) {
  const { t } = useTranslation();
  const yuan = useYuan();
  const valueText = (s: BreakdownStep): string => {
    switch (s.kind) {
      case 'basis':
      case 'rounding':
        return '—';
      case 'base_rate':
        return headcount ? yuan(s.value) : t('common.percent', { value: percentOf(s.value, 6) });
      case 'factor':
      case 'term':
        // Factors as the tariff writes them ("1.00"); the term's day fraction shortened.
        return t('quote.times', {
          value: (s.value.split('.')[1] ?? '').length > 6 ? trimDecimal(s.value, 6) : s.value,
        });
      default:
        // rate_cap and minimum: the amount in yuan they stand at.
        return yuan(s.value);
    }
  };
  /** The fact's value as the step used it: amounts in ¥, yes/no for switches, else as the engine wrote it. */
  const inputText = (s: BreakdownStep): string => {
    if (s.kind === 'rounding')
      return isRoundingMode(s.input) ? t(`product.roundingModes.${s.input}`) : (s.input ?? '—');
    if (!s.fact) return '—';
    const type = factType(definition, s.fact);
    let input = s.input ?? '—';
    if (s.input === 'default') input = t('quote.defaultUsed');
    else if (type === 'boolean' && (s.input === 'true' || s.input === 'false'))
      input = t(s.input === 'true' ? 'common.yes' : 'common.no');
    else if (type === 'money' && s.input)
      // A basis of principal and interest arrives as "a + b".
      input = s.input
        .split(' + ')
        .map((part) => (normaliseYuan(part) === null ? part : yuan(part)))
        .join(' + ');
    return t('product.labelled', { label: factLabel(definition, s.fact, language), value: input });
  };
  return (
    <Table<BreakdownStep>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={steps}
      scroll={{ x: 'max-content' }}
      data-testid="quote-breakdown"
      columns={[
        {
          key: 'step',
          title: t('quote.step'),
          render: (_, s) => (
            <Flex gap="small" align="center">
              <Tag>{isStepKind(s.kind) ? t(`quote.kinds.${s.kind}`) : s.kind}</Tag>
              {pick(s.names, language)}
            </Flex>
          ),
        },
        { key: 'input', title: t('quote.input'), render: (_, s) => inputText(s) },
        { key: 'value', title: t('quote.value'), align: 'right', render: (_, s) => valueText(s) },
        {
          key: 'amount',
          title: t('quote.amount'),
          align: 'right',
          render: (_, s) =>
            s.kind === 'basis' && headcount
              ? t('quote.persons', { count: Number(s.amount) })
              : yuan(s.amount),
        },
        {
          key: 'bound',
          title: t('quote.bound'),
          render: (_, s) =>
            s.bound === undefined ? null : s.bound ? (
              <Tag color="orange" data-testid="quote-bound">
                {t('quote.boundYes')}
              </Tag>
            ) : (
              <Tag>{t('quote.boundNo')}</Tag>
            ),
        },
      ]}
    />
  );
}

/** What the engine answered: the outcome, why, what is missing, and the premium step by step. */
export function QuoteResult({
  result,
  definition,
  language,
}: {
  result: QuotePreview;
  definition: ProductDefinition;
  language: Language;
}) {
  const { t } = useTranslation();
  const { outcome, rating } = result;
  const headcount = definition.rating.basis === 'headcount';
  const basisStep = rating?.breakdown.find((s) => s.kind === 'basis');
  return (
    <Card size="small" title={t('quote.resultTitle')} data-testid="quote-result">
      <Flex vertical gap="middle">
        <Alert
          type={alertTypes[outcome]}
          showIcon
          data-testid="quote-outcome"
          data-outcome={outcome}
          title={t(`quote.outcomes.${outcome}`)}
          description={
            <Flex vertical gap={4}>
              <span>{t(`quote.outcomeTexts.${outcome}`)}</span>
              {result.missingFacts.length > 0 ? (
                <span data-testid="quote-missing">
                  {t('quote.missing', {
                    facts: result.missingFacts
                      .map((fact) => factLabel(definition, fact, language))
                      .join(t('products.condition.listSeparator')),
                  })}
                </span>
              ) : null}
            </Flex>
          }
        />
        {result.reasons.length > 0 ? (
          <List
            size="small"
            header={<Typography.Text strong>{t('quote.reasons')}</Typography.Text>}
            dataSource={result.reasons}
            data-testid="quote-reasons"
            renderItem={(r) => <List.Item>{pick(r.message, language)}</List.Item>}
          />
        ) : null}
        {result.premium !== null ? (
          <Flex vertical>
            <Typography.Text type="secondary">
              {outcome === 'accept' ? t('quote.premium') : t('quote.indicativePremium')}
            </Typography.Text>
            <Typography.Title level={2} style={{ margin: 0 }} data-testid="quote-premium">
              {t('common.yuan', { amount: groupYuan(result.premium) })}
            </Typography.Title>
          </Flex>
        ) : null}
        {rating ? (
          <>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              items={[
                {
                  key: 'basis',
                  label: t('quote.basis'),
                  // For a headcount basis the API's `basis` is the person count formatted as yuan ("0.20"
                  // for 20); the breakdown's basis step has the count itself.
                  children: headcount
                    ? t('quote.persons', { count: Number(basisStep?.amount ?? rating.basis) })
                    : t('common.yuan', { amount: groupYuan(rating.basis) }),
                },
                {
                  key: 'annual',
                  label: t('quote.annualPremium'),
                  children: t('common.yuan', { amount: groupYuan(trimDecimal(rating.annualPremium, 2)) }),
                },
                {
                  key: 'rate',
                  label: headcount ? t('quote.perPerson') : t('quote.effectiveRate'),
                  children: headcount
                    ? t('common.yuan', { amount: groupYuan(trimDecimal(rating.effectiveRate, 2)) })
                    : t('common.percent', { value: percentOf(rating.effectiveRate) }),
                },
              ]}
            />
            <Typography.Text strong>{t('quote.breakdown')}</Typography.Text>
            <Breakdown
              steps={rating.breakdown}
              definition={definition}
              language={language}
              headcount={headcount}
            />
          </>
        ) : null}
        {result.eligibility.length > 0 ? (
          <List
            size="small"
            header={<Typography.Text strong>{t('quote.eligibility')}</Typography.Text>}
            dataSource={result.eligibility}
            data-testid="quote-eligibility"
            renderItem={(check) => (
              <List.Item>
                <Flex gap="small" align="center">
                  <Tag color={checkColors[check.result]}>{t(`quote.checks.${check.result}`)}</Tag>
                  {pick(check.message, language)}
                </Flex>
              </List.Item>
            )}
          />
        ) : null}
      </Flex>
    </Card>
  );
}
