import { Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Factor, FactorBand, ProductDefinition } from '../../catalog/definition.ts';
import { factLabel, factType, optionOfFact } from '../../catalog/facts.ts';
import { percentOf } from '../../format/decimal.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { choicesAreAmounts, choiceText } from './coverText.ts';
import { useYuan } from './labels.tsx';

function useBandText(): (band: FactorBand) => string {
  const { t } = useTranslation();
  return (band) => {
    if (band.from !== undefined && band.to !== undefined)
      return t('product.band.range', { from: band.from, to: band.to });
    if (band.from !== undefined) return t('product.band.from', { from: band.from });
    if (band.to !== undefined) return t('product.band.to', { to: band.to });
    return t('product.band.any');
  };
}

function FactorValues({ factor, definition }: { factor: Factor; definition: ProductDefinition }) {
  const { t } = useTranslation();
  const bandText = useBandText();
  const type = factType(definition, factor.fact);
  const option = optionOfFact(definition, factor.fact);
  // Table keys as the fact's values read: 是/否 for switches, ¥ for amounts.
  const key = (k: string) => {
    if (type === 'boolean' && (k === 'true' || k === 'false'))
      return t(k === 'true' ? 'common.yes' : 'common.no');
    if (option && choicesAreAmounts(option)) return choiceText(t, option, k);
    return k;
  };
  const entries: [string, string][] = factor.table
    ? Object.entries(factor.table).map(([k, v]) => [key(k), v])
    : (factor.bands ?? []).map((band) => [bandText(band), band.factor]);
  return (
    <Flex wrap gap={4} style={{ maxWidth: 520 }}>
      {entries.map(([when, value]) => (
        <Tag key={when} style={{ marginInlineEnd: 0 }}>
          {t('product.factorEntry', { when, value })}
        </Tag>
      ))}
    </Flex>
  );
}

/** How the premium is computed: basis × base rate × factors × term, then the cap, the minimum, rounding. */
export function RatingSummary({ definition }: { definition: ProductDefinition }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const yuan = useYuan();
  const { rating } = definition;
  const term = rating.term;
  return (
    <Flex vertical gap="middle" data-testid="product-rating">
      <Card title={t('product.rating')} size="small">
        <Typography.Paragraph type="secondary">{t('product.ratingFormula')}</Typography.Paragraph>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'basis',
              label: t('product.ratingBasis'),
              children: t(`product.ratingBases.${rating.basis}`),
            },
            {
              key: 'baseRate',
              label: t('product.baseRate'),
              children:
                rating.basis === 'headcount'
                  ? t('product.baseRatePerPerson', { amount: yuan(rating.baseRate) })
                  : t('common.percent', { value: percentOf(rating.baseRate, 6) }),
            },
            {
              key: 'term',
              label: t('product.term'),
              children: (
                <Flex vertical>
                  {t(`product.terms.${term.method}`)}
                  {term.method === 'short_period' ? (
                    <Flex wrap gap={4}>
                      {Object.entries(term.table).map(([months, share]) => (
                        <Tag key={months} style={{ marginInlineEnd: 0 }}>
                          {t('product.shortPeriodEntry', {
                            count: Number(months),
                            percent: percentOf(share),
                          })}
                        </Tag>
                      ))}
                    </Flex>
                  ) : null}
                </Flex>
              ),
            },
            {
              key: 'minimum',
              label: t('product.minimumPremium'),
              children: rating.minimumPremium ? yuan(rating.minimumPremium) : t('common.none'),
            },
            {
              key: 'rateCap',
              label: t('product.rateCap'),
              children: rating.rateCap
                ? t('common.percent', { value: percentOf(rating.rateCap, 6) })
                : t('common.none'),
            },
            {
              key: 'rounding',
              label: t('product.rounding'),
              children: t('product.roundingText', {
                unit: t(`product.roundingUnits.${rating.rounding.to}`),
                mode: t(`product.roundingModes.${rating.rounding.mode}`),
              }),
            },
          ]}
        />
      </Card>
      <Card title={t('product.factors')} size="small">
        <Table<Factor>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={rating.factors}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('product.factorsEmpty') }}
          data-testid="product-factors"
          columns={[
            { key: 'name', title: t('product.factor.name'), render: (_, f) => pick(f.names, language) },
            {
              key: 'fact',
              title: t('product.factor.fact'),
              render: (_, f) => factLabel(definition, f.fact, language),
            },
            {
              key: 'values',
              title: t('product.factor.values'),
              render: (_, f) => <FactorValues factor={f} definition={definition} />,
            },
            {
              key: 'default',
              title: t('product.factor.default'),
              render: (_, f) => f.default ?? t('product.factor.noDefault'),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
