import { Permission } from '@kebao/domain/org';
import { Button, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { ProductSummary, StatisticalClass, VersionStatus } from '../../api/types.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import {
  type CatalogueFilters,
  catalogueQuery,
  pageSizes,
  readFilters,
  statisticalClasses,
  versionStatuses,
  writeFilters,
} from './catalogueFilters.ts';
import { ClassTag, StatusTag, useWriterName } from './labels.tsx';

interface FilterValues {
  class?: StatisticalClass;
  subsidyTag?: string;
  status?: VersionStatus;
  q?: string;
}

/** 产品目录: every product one may see, newest visible version each; filters live in the address. */
export function ProductsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const writerName = useWriterName();
  // Insurers see their own drafts and filings, the regulator and the platform everything: for them the
  // status filter means something. Everyone else sees filed and sandbox products only.
  const insider = hasAnyPermission(me, [Permission.ProductReadAll, Permission.ProductPublish]);
  const canPublish = hasAnyPermission(me, [Permission.ProductPublish]);
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [form] = Form.useForm<FilterValues>();
  const query = catalogueQuery(filters, insider);

  // The address can change without this form (back, forward, a tag clicked): the fields follow it.
  const shown = params.toString();
  useEffect(() => {
    const current = readFilters(new URLSearchParams(shown));
    form.setFieldsValue({
      class: current.class,
      subsidyTag: current.subsidyTag,
      status: current.status,
      q: current.q,
    });
  }, [form, shown]);

  const products = useApiData(JSON.stringify(query), () =>
    unwrap(api.GET('/api/products', { params: { query } })),
  );

  const apply = (next: Partial<CatalogueFilters>) => setParams(writeFilters({ ...filters, ...next }));
  const search = (values: FilterValues) =>
    apply({
      class: values.class,
      subsidyTag: values.subsidyTag?.trim() || undefined,
      status: values.status,
      q: values.q?.trim() || undefined,
      page: 1,
    });
  const filterByTag = (tag: string) => apply({ subsidyTag: tag, page: 1 });

  return (
    <>
      <PageHeader
        page="products"
        title={t('products.title')}
        extra={
          canPublish ? (
            <Link to="/products/new">
              <Button type="primary" data-testid="product-new">
                {t('products.publish')}
              </Button>
            </Link>
          ) : null
        }
      />
      <Form<FilterValues>
        form={form}
        layout="inline"
        initialValues={{
          class: filters.class,
          subsidyTag: filters.subsidyTag,
          status: filters.status,
          q: filters.q,
        }}
        onFinish={search}
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="products-filters"
      >
        <Form.Item name="q" label={t('products.search')}>
          <Input
            allowClear
            placeholder={t('products.searchPlaceholder')}
            style={{ width: 220 }}
            data-testid="products-filter-q"
          />
        </Form.Item>
        <Form.Item name="class" label={t('products.class')}>
          <Select<StatisticalClass>
            allowClear
            placeholder={t('common.all')}
            style={{ width: 160 }}
            options={statisticalClasses.map((c) => ({ value: c, label: t(`products.classes.${c}`) }))}
            data-testid="products-filter-class"
          />
        </Form.Item>
        <Form.Item name="subsidyTag" label={t('products.subsidyTag')}>
          <Input
            allowClear
            placeholder={t('products.subsidyTagPlaceholder')}
            style={{ width: 200 }}
            data-testid="products-filter-tag"
          />
        </Form.Item>
        {insider ? (
          <Form.Item name="status" label={t('products.status')}>
            <Select<VersionStatus>
              allowClear
              placeholder={t('common.all')}
              style={{ width: 140 }}
              options={versionStatuses.map((s) => ({ value: s, label: t(`products.statuses.${s}`) }))}
              data-testid="products-filter-status"
            />
          </Form.Item>
        ) : null}
        <Form.Item>
          <Flex gap="small">
            <Button type="primary" htmlType="submit" data-testid="products-search">
              {t('common.search')}
            </Button>
            <Button onClick={() => setParams(new URLSearchParams())}>{t('common.reset')}</Button>
          </Flex>
        </Form.Item>
      </Form>
      {products.error ? (
        <LoadError error={products.error} onRetry={products.reload} />
      ) : (
        <Table<ProductSummary>
          rowKey={(p) => `${p.code}@${p.version}`}
          loading={products.loading}
          dataSource={products.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('products.empty') }}
          data-testid="products-table"
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            pageSizeOptions: pageSizes.map(String),
            total: products.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) => apply({ page: pageSize === filters.pageSize ? page : 1, pageSize }),
          }}
          columns={[
            {
              key: 'name',
              title: t('products.name'),
              render: (_, p) => (
                <Flex vertical style={{ maxWidth: 420 }}>
                  <Link to={`/products/${p.code}?version=${p.version}`} data-testid="product-link">
                    {pick(p.names, language)}
                  </Link>
                  {p.summary ? (
                    <Typography.Text type="secondary" ellipsis={{ tooltip: pick(p.summary, language) }}>
                      {pick(p.summary, language)}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            {
              key: 'code',
              title: t('products.code'),
              render: (_, p) => (
                <Flex vertical>
                  <Typography.Text code>{p.code}</Typography.Text>
                  <Typography.Text type="secondary">
                    {t('products.versionN', { version: p.version })}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              key: 'class',
              title: t('products.class'),
              render: (_, p) => <ClassTag value={p.statisticalClass} />,
            },
            { key: 'writer', title: t('products.writer'), render: (_, p) => writerName(p.writer) },
            { key: 'status', title: t('products.status'), render: (_, p) => <StatusTag status={p.status} /> },
            {
              key: 'subsidyTags',
              title: t('products.subsidyTags'),
              render: (_, p) =>
                p.subsidyTags.length === 0 ? (
                  <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                ) : (
                  <Flex wrap gap={4} style={{ maxWidth: 260 }}>
                    {p.subsidyTags.map((tag) => (
                      <Tag
                        key={tag}
                        style={{ cursor: 'pointer', marginInlineEnd: 0 }}
                        title={t('products.filterByTag')}
                        onClick={() => filterByTag(tag)}
                      >
                        {tag}
                      </Tag>
                    ))}
                  </Flex>
                ),
            },
            {
              key: 'effective',
              title: t('products.effective'),
              render: (_, p) =>
                p.effectiveTo
                  ? t('products.effectiveRange', { from: p.effectiveFrom, to: p.effectiveTo })
                  : t('products.effectiveFrom', { from: p.effectiveFrom }),
            },
          ]}
        />
      )}
    </>
  );
}
