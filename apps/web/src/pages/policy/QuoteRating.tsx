import { Card, Descriptions, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { readDefinition } from '../../catalog/definition.ts';
import { percentOf, trimDecimal } from '../../format/decimal.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { readRating } from '../../policy/readers.ts';
import type { QuoteView } from '../../policy/types.ts';
import { Breakdown } from '../products/QuoteResult.tsx';
import { useMoney } from './labels.tsx';

/**
 * 保费计算: the stored rating of a quote, step by step as the catalogue's quote preview shows it. The steps
 * name facts of the product, so its version's definition is read for their labels.
 */
export function QuoteRating({ quote }: { quote: QuoteView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();
  const rating = readRating(quote.rating);
  const { code, version } = quote.product;
  const product = useApiData(`${code}@${version}`, () =>
    unwrap(api.GET('/api/products/{code}/versions/{version}', { params: { path: { code, version } } })),
  );
  if (!rating) return null;
  const definition = product.data ? readDefinition(product.data.definition) : null;
  const headcount = definition?.rating.basis === 'headcount';
  return (
    <Card size="small" title={t('quoteDetail.rating')} data-testid="quote-rating">
      <Flex vertical gap="middle">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'annual',
              label: t('quoteDetail.annualPremium'),
              children: money(trimDecimal(rating.annualPremium, 2)),
            },
            {
              key: 'rate',
              label: headcount ? t('quote.perPerson') : t('quote.effectiveRate'),
              children: headcount
                ? money(trimDecimal(rating.effectiveRate, 2))
                : t('common.percent', { value: percentOf(rating.effectiveRate) }),
            },
          ]}
        />
        <Typography.Text strong>{t('quote.breakdown')}</Typography.Text>
        {definition ? (
          <Breakdown
            steps={rating.breakdown}
            definition={definition}
            language={language}
            headcount={headcount}
          />
        ) : product.loading ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : (
          <Typography.Text type="secondary">{t('quoteDetail.ratingUnreadable')}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
