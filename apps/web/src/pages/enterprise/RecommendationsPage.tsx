import { Alert, Button, Card, Empty, Flex, Pagination, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { MatchView } from '../../api/types.ts';
import { useApiData } from '../../api/useApiData.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { useYuan } from '../products/labels.tsx';
import { MatchStatusTag, useFactName } from './labels.tsx';
import { editProfileHref } from './links.ts';
import { MatchReasons } from './MatchReasons.tsx';
import { PremiumText } from './PremiumText.tsx';

function Recommendation({ match, rank }: { match: MatchView; rank: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const yuan = useYuan();
  const factName = useFactName();
  const productHref = `/products/${match.productCode}`;
  const list = (facts: string[]) => facts.map(factName).join(t('common.listSeparator'));
  return (
    <Card
      size="small"
      data-testid="recommendation"
      data-code={match.productCode}
      title={
        <Flex gap="small" align="center" wrap>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            #{rank}
          </Tag>
          <Link to={productHref} data-testid="recommendation-product">
            {pick(match.names, language)}
          </Link>
          <Typography.Text code>{match.productCode}</Typography.Text>
          <MatchStatusTag status={match.status} />
        </Flex>
      }
      extra={
        <Typography.Text strong data-testid="recommendation-score">
          {t('recommend.score', { score: match.score })}
        </Typography.Text>
      }
    >
      <Flex vertical gap="small">
        <Flex gap="large" wrap>
          <PremiumText match={match} />
          <Typography.Text type="secondary" data-testid="match-subsidy">
            {match.estimatedSubsidy === null
              ? t('recommend.subsidyPending')
              : t('recommend.subsidy', { amount: yuan(match.estimatedSubsidy) })}
          </Typography.Text>
        </Flex>
        <Typography.Text strong>{t('recommend.reasons')}</Typography.Text>
        <MatchReasons reasons={match.reasons} />
        {match.missingFacts.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            data-testid="recommendation-missing"
            title={t('recommend.missingFacts', { facts: list(match.missingFacts) })}
            action={<Link to={editProfileHref}>{t('recommend.completeProfile')}</Link>}
          />
        ) : null}
        <Flex justify="space-between" align="center" wrap gap="small">
          <Typography.Text type="secondary">
            {t('recommend.computedAt', { at: formatDateTime(match.computedAt) })}
          </Typography.Text>
          <Flex gap="small">
            <Link to={productHref}>
              <Button>{t('recommend.viewProduct')}</Button>
            </Link>
            <Link to={`${productHref}?tab=quote`}>
              <Button type="primary" data-testid="recommendation-quote">
                {t('recommend.quote')}
              </Button>
            </Link>
          </Flex>
        </Flex>
      </Flex>
    </Card>
  );
}

/** 为您推荐: the products the profile matches, best first, each with why and an indicative premium. */
export function RecommendationsPage() {
  const { t } = useTranslation();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const matches = useApiData(`${paging.page}:${paging.pageSize}`, () =>
    unwrap(
      api.GET('/api/enterprise/me/recommendations', {
        params: { query: { limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize } },
      }),
    ),
  );

  const body = () => {
    if (matches.error) return <LoadError error={matches.error} onRetry={matches.reload} />;
    if (!matches.data) return <Skeleton active paragraph={{ rows: 8 }} />;
    const { items, total } = matches.data;
    if (total === 0)
      return (
        <Empty description={t('recommend.empty')} data-testid="recommendations-empty">
          <Link to={editProfileHref}>
            <Button type="primary">{t('recommend.completeProfile')}</Button>
          </Link>
        </Empty>
      );
    const first = (paging.page - 1) * paging.pageSize;
    return (
      <Flex vertical gap="middle" data-testid="recommendations">
        {items.map((match, i) => (
          <Recommendation
            key={`${match.productCode}@${match.productVersion}`}
            match={match}
            rank={first + i + 1}
          />
        ))}
        <Pagination
          align="end"
          current={paging.page}
          pageSize={paging.pageSize}
          total={total}
          showSizeChanger
          pageSizeOptions={[10, 20, 50]}
          showTotal={(count) => t('common.total', { count })}
          onChange={(page, pageSize) =>
            setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize })
          }
        />
      </Flex>
    );
  };

  return (
    <>
      <PageHeader page="recommendations" title={t('recommend.title')} />
      <Typography.Paragraph type="secondary">{t('recommend.intro')}</Typography.Paragraph>
      {body()}
    </>
  );
}
