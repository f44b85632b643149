import { Permission } from '@kebao/domain/org';
import { Alert, Card, Descriptions, Flex, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { VersionDetail, VersionStatus } from '../../api/types.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { type ProductDefinition, productCodePattern, readDefinition } from '../../catalog/definition.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { ReviewActions, WriterActions } from './FilingActions.tsx';
import { ClassTag, StatusTag, useWriterName } from './labels.tsx';
import { ProductCover } from './ProductCover.tsx';
import { ProductRules } from './ProductRules.tsx';
import { FilingHistory, VersionList } from './ProductVersions.tsx';
import { QuotePanel } from './QuotePanel.tsx';
import { RatingSummary } from './RatingSummary.tsx';
import { SandboxPanel } from './SandboxPanel.tsx';

/** Versions the engine prices: published ones, and drafts and filings for their writer and the regulator. */
const quotable: ReadonlySet<VersionStatus> = new Set(['draft', 'submitted', 'filed', 'sandbox']);

const tabs = ['cover', 'rules', 'rating', 'quote', 'versions'] as const;
type TabKey = (typeof tabs)[number];

function isTab(value: string | null): value is TabKey {
  return value !== null && (tabs as readonly string[]).includes(value);
}

/** Versions are positive integers; anything else in the address means "the current one". */
function versionOf(value: string | null): number | undefined {
  return value !== null && /^[1-9]\d{0,3}$/.test(value) ? Number(value) : undefined;
}

/** Facts about the product: code, version, class, writer, effective dates, subsidy tags, clause. */
function Facts({ detail, definition }: { detail: VersionDetail; definition: ProductDefinition }) {
  const { t } = useTranslation();
  const writerName = useWriterName();
  // The version detail names the writer only by its USCC (or pool); the catalogue entry has the name.
  const summary = useApiData(`summary:${detail.code}`, () =>
    unwrap(api.GET('/api/products', { params: { query: { q: detail.code, limit: 20 } } })).then(
      (page) => page.items.find((p) => p.code === detail.code) ?? null,
    ),
  );
  const writer =
    summary.data && (summary.data.writer.nameZh || summary.data.writer.nameEn)
      ? writerName(summary.data.writer)
      : 'pool' in definition.writer
        ? t('products.pool', { code: definition.writer.pool })
        : t('product.writerUscc', { uscc: definition.writer.insurer });
  const { effective } = definition;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="product-facts"
      items={[
        {
          key: 'code',
          label: t('products.code'),
          children: <Typography.Text code>{detail.code}</Typography.Text>,
        },
        {
          key: 'version',
          label: t('products.version'),
          children: (
            <Flex gap="small" align="center">
              {t('products.versionN', { version: detail.version })}
              <StatusTag status={detail.status} />
            </Flex>
          ),
        },
        {
          key: 'class',
          label: t('products.class'),
          children: <ClassTag value={definition.statisticalClass} />,
        },
        {
          key: 'writer',
          label: t('products.writer'),
          children: <span data-testid="product-writer">{writer}</span>,
        },
        {
          key: 'effective',
          label: t('products.effective'),
          children: effective.to
            ? t('products.effectiveRange', { from: effective.from, to: effective.to })
            : t('products.effectiveFrom', { from: effective.from }),
        },
        {
          key: 'subsidyTags',
          label: t('products.subsidyTags'),
          children:
            definition.subsidyTags.length === 0 ? (
              t('common.none')
            ) : (
              <Flex wrap gap={4}>
                {definition.subsidyTags.map((tag) => (
                  <Link key={tag} to={`/products?tag=${encodeURIComponent(tag)}`}>
                    <Tag style={{ marginInlineEnd: 0 }}>{tag}</Tag>
                  </Link>
                ))}
              </Flex>
            ),
        },
        {
          key: 'clause',
          label: t('product.clause'),
          span: 'filled',
          children: (
            <Flex vertical>
              {definition.clause.reference}
              {definition.clause.source ? (
                <Typography.Text type="secondary">
                  {t('product.clauseSource', { source: definition.clause.source })}
                </Typography.Text>
              ) : null}
            </Flex>
          ),
        },
        {
          key: 'changed',
          label: t('product.statusChangedAt'),
          children: formatDateTime(detail.statusChangedAt),
        },
        {
          key: 'checksum',
          label: t('product.checksum'),
          children: (
            <Typography.Text type="secondary" copyable={{ text: detail.checksum }}>
              {detail.checksum.slice(0, 12)}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

function Assumptions({ definition }: { definition: ProductDefinition }) {
  const { t } = useTranslation();
  if (!definition.assumptions || definition.assumptions.length === 0) return null;
  return (
    <Card title={t('product.assumptions')} size="small" data-testid="product-assumptions">
      <Typography.Paragraph type="secondary">{t('product.assumptionsHint')}</Typography.Paragraph>
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {definition.assumptions.map((text) => (
          <li key={text}>
            <Typography.Text>{text}</Typography.Text>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ProductDetail({ code, version }: { code: string; version: number | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = isTab(params.get('tab')) ? (params.get('tab') as TabKey) : 'cover';

  const detail = useApiData(`${code}@${version ?? 'current'}`, () =>
    version === undefined
      ? unwrap(api.GET('/api/products/{code}', { params: { path: { code } } }))
      : unwrap(api.GET('/api/products/{code}/versions/{version}', { params: { path: { code, version } } })),
  );

  if (detail.error) return <LoadError error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const data = detail.data;
  const definition = readDefinition(data.definition);

  // The filing history comes only to the writer and to those who read every product (the regulator,
  // the platform); so a publisher who receives it is the writer.
  const readsAll = hasAnyPermission(me, [Permission.ProductReadAll]);
  const isWriter = hasAnyPermission(me, [Permission.ProductPublish]) && data.filings !== null && !readsAll;
  const canReview = hasAnyPermission(me, [Permission.ProductReview]);
  const newest = Math.max(...data.versions.map((v) => v.version), data.version);
  const setTab = (key: string) => {
    const next = new URLSearchParams(params);
    next.set('tab', key);
    setParams(next, { replace: true });
  };

  const title = definition ? definition.names : null;
  return (
    <>
      <Flex justify="space-between" align="flex-start" wrap gap="middle" style={{ marginBottom: 16 }}>
        <Flex vertical>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="product-title">
            {title ? pick(title, language) : data.code}
          </Typography.Title>
          {title ? (
            <Typography.Text type="secondary">{language === 'en' ? title.zh : title.en}</Typography.Text>
          ) : null}
        </Flex>
        <Flex vertical gap="small" align="flex-end">
          {isWriter ? <WriterActions detail={data} onDone={detail.reload} /> : null}
          {canReview && !isWriter ? <ReviewActions detail={data} onDone={detail.reload} /> : null}
        </Flex>
      </Flex>
      {!definition ? (
        <Alert type="error" showIcon title={t('product.unreadable')} data-testid="product-unreadable" />
      ) : (
        <Flex vertical gap="middle">
          {data.version !== newest ? (
            <Alert
              type="info"
              showIcon
              data-testid="product-older-version"
              title={t('product.olderVersion', { version: data.version, newest })}
              action={<Link to={`/products/${data.code}?version=${newest}`}>{t('product.openNewest')}</Link>}
            />
          ) : null}
          <Card size="small">
            {definition.summary ? (
              <Typography.Paragraph data-testid="product-summary">
                {pick(definition.summary, language)}
              </Typography.Paragraph>
            ) : null}
            <Facts detail={data} definition={definition} />
          </Card>
          {data.sandbox ? <SandboxPanel sandbox={data.sandbox} /> : null}
          <Tabs
            activeKey={tab}
            onChange={setTab}
            data-testid="product-tabs"
            items={[
              {
                key: 'cover',
                label: t('product.tabs.cover'),
                children: (
                  <Flex vertical gap="middle">
                    <ProductCover definition={definition} />
                    <Assumptions definition={definition} />
                  </Flex>
                ),
              },
              {
                key: 'rules',
                label: t('product.tabs.rules'),
                children: <ProductRules definition={definition} />,
              },
              {
                key: 'rating',
                label: t('product.tabs.rating'),
                children: <RatingSummary definition={definition} />,
              },
              {
                key: 'quote',
                label: <span data-testid="product-tab-quote">{t('product.tabs.quote')}</span>,
                children: quotable.has(data.status) ? (
                  <QuotePanel
                    key={`${data.code}@${data.version}`}
                    definition={definition}
                    product={{ code: data.code, version: data.version }}
                  />
                ) : (
                  <Alert
                    type="info"
                    showIcon
                    title={t('quote.notQuotable')}
                    data-testid="quote-unavailable"
                  />
                ),
              },
              {
                key: 'versions',
                label: t('product.tabs.versions'),
                children: (
                  <Flex vertical gap="middle">
                    <VersionList detail={data} />
                    {data.filings !== null ? <FilingHistory filings={data.filings} /> : null}
                  </Flex>
                ),
              },
            ]}
          />
        </Flex>
      )}
    </>
  );
}

/** 产品详情 `/products/:code` (`?version=` for one version, `?tab=` for a tab: cover, rules, rating, quote, versions). */
export function ProductDetailPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  if (!productCodePattern.test(code)) return <NotFound />;
  return <ProductDetail key={code} code={code} version={versionOf(params.get('version'))} />;
}
