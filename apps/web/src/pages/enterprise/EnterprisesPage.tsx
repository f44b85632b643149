import { Permission } from '@kebao/domain/org';
import { Button, Flex, Form, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { EnterpriseSummary } from '../../api/types.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { type CreditGrade, creditGrades, type ScoreBand, scoreBands } from '../../enterprise/vocabulary.ts';
import { blank, formatDateTime } from '../../format/datetime.ts';
import { ImportDrawer } from './ImportDrawer.tsx';
import { BandTag, GradeTag } from './labels.tsx';
import {
  exportHref,
  industryPattern,
  type RegistryFilters,
  readRegistryFilters,
  regionPattern,
  registryPageSizes,
  registryQuery,
  writeRegistryFilters,
} from './registryFilters.ts';

interface FilterValues {
  q?: string;
  region?: string;
  industry?: string;
  band?: ScoreBand;
  grade?: CreditGrade;
  consented?: 'true' | 'false';
}

function valuesOf(filters: RegistryFilters): FilterValues {
  return {
    q: filters.q,
    region: filters.region,
    industry: filters.industry,
    band: filters.band,
    grade: filters.grade,
    consented: filters.consented === undefined ? undefined : filters.consented ? 'true' : 'false',
  };
}

/** 企业名录: the registry for government users, filtered in the address; import and export for its keepers. */
export function EnterprisesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = hasAnyPermission(me, [Permission.EnterpriseManage]);
  const [params, setParams] = useSearchParams();
  const filters = readRegistryFilters(params);
  const query = registryQuery(filters);
  const [form] = Form.useForm<FilterValues>();
  const [importing, setImporting] = useState(false);

  // The address can change without this form (back, forward): the fields follow it.
  const shown = params.toString();
  useEffect(() => {
    form.setFieldsValue(valuesOf(readRegistryFilters(new URLSearchParams(shown))));
  }, [form, shown]);

  const enterprises = useApiData(JSON.stringify(query), () =>
    unwrap(api.GET('/api/enterprises', { params: { query } })),
  );

  const apply = (next: Partial<RegistryFilters>) => setParams(writeRegistryFilters({ ...filters, ...next }));
  const search = (values: FilterValues) =>
    apply({
      q: values.q?.trim() || undefined,
      region: values.region?.trim() || undefined,
      industry: values.industry?.trim().toUpperCase() || undefined,
      band: values.band,
      grade: values.grade,
      consented: values.consented === undefined ? undefined : values.consented === 'true',
      page: 1,
    });

  return (
    <>
      <PageHeader
        page="enterprises"
        title={t('registry.title')}
        extra={
          <Flex gap="small" wrap>
            <Tooltip title={t('registry.exportHint')}>
              <Button href={exportHref('csv', filters)} download data-testid="registry-export-csv">
                {t('registry.exportCsv')}
              </Button>
            </Tooltip>
            <Tooltip title={t('registry.exportHint')}>
              <Button href={exportHref('xlsx', filters)} download data-testid="registry-export-xlsx">
                {t('registry.exportXlsx')}
              </Button>
            </Tooltip>
            {canManage ? (
              <Button type="primary" onClick={() => setImporting(true)} data-testid="registry-import">
                {t('registry.import')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Form<FilterValues>
        form={form}
        layout="inline"
        initialValues={valuesOf(filters)}
        onFinish={search}
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="registry-filters"
      >
        <Form.Item name="q" label={t('registry.search')}>
          <Input
            allowClear
            placeholder={t('registry.searchPlaceholder')}
            style={{ width: 240 }}
            data-testid="registry-filter-q"
          />
        </Form.Item>
        <Form.Item
          name="region"
          label={t('registry.region')}
          rules={[{ pattern: regionPattern, message: t('enterprise.regionInvalid') }]}
        >
          <Input
            allowClear
            maxLength={6}
            placeholder={t('registry.regionPlaceholder')}
            style={{ width: 120 }}
            data-testid="registry-filter-region"
          />
        </Form.Item>
        <Form.Item
          name="industry"
          label={t('registry.industry')}
          normalize={(value?: string) => value?.toUpperCase()}
          rules={[{ pattern: industryPattern, message: t('enterprise.industryInvalid') }]}
        >
          <Input
            allowClear
            maxLength={5}
            placeholder={t('registry.industryPlaceholder')}
            style={{ width: 110 }}
            data-testid="registry-filter-industry"
          />
        </Form.Item>
        <Form.Item name="band" label={t('registry.band')}>
          <Select<ScoreBand>
            allowClear
            placeholder={t('common.all')}
            style={{ width: 100 }}
            options={scoreBands.map((b) => ({ value: b, label: b }))}
            data-testid="registry-filter-band"
          />
        </Form.Item>
        <Form.Item name="grade" label={t('registry.grade')}>
          <Select<CreditGrade>
            allowClear
            placeholder={t('common.all')}
            style={{ width: 100 }}
            options={creditGrades.map((g) => ({ value: g, label: g }))}
            data-testid="registry-filter-grade"
          />
        </Form.Item>
        <Form.Item name="consented" label={t('registry.consent')}>
          <Select<'true' | 'false'>
            allowClear
            placeholder={t('common.all')}
            style={{ width: 120 }}
            options={[
              { value: 'true', label: t('registry.consentYes') },
              { value: 'false', label: t('registry.consentNo') },
            ]}
            data-testid="registry-filter-consent"
          />
        </Form.Item>
        <Form.Item>
          <Flex gap="small">
            <Button type="primary" htmlType="submit" data-testid="registry-search">
              {t('common.search')}
            </Button>
            <Button onClick={() => setParams(new URLSearchParams())}>{t('common.reset')}</Button>
          </Flex>
        </Form.Item>
      </Form>
      {enterprises.error ? (
        <LoadError error={enterprises.error} onRetry={enterprises.reload} />
      ) : (
        <Table<EnterpriseSummary>
          rowKey="id"
          loading={enterprises.loading}
          dataSource={enterprises.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('registry.empty') }}
          data-testid="registry-table"
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            pageSizeOptions: registryPageSizes.map(String),
            total: enterprises.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) => apply({ page: pageSize === filters.pageSize ? page : 1, pageSize }),
          }}
          columns={[
            {
              key: 'name',
              title: t('registry.name'),
              render: (_, e) => (
                <Flex vertical style={{ maxWidth: 360 }}>
                  <Link to={`/enterprises/${e.id}`} data-testid="registry-link">
                    {e.name}
                  </Link>
                  <Typography.Text type="secondary">{e.uscc}</Typography.Text>
                </Flex>
              ),
            },
            {
              key: 'region',
              title: t('registry.region'),
              render: (_, e) => (e.regionCode ? <RegionName code={e.regionCode} /> : blank),
            },
            { key: 'industry', title: t('registry.industry'), render: (_, e) => e.industryCode ?? blank },
            {
              key: 'techScore',
              title: t('registry.techScore'),
              align: 'right',
              render: (_, e) => e.techScore ?? blank,
            },
            { key: 'band', title: t('registry.band'), render: (_, e) => <BandTag band={e.scoreBand} /> },
            {
              key: 'grade',
              title: t('registry.grade'),
              render: (_, e) => <GradeTag grade={e.creditGrade} />,
            },
            {
              key: 'consent',
              title: t('registry.consent'),
              render: (_, e) =>
                e.consentToInsurers ? (
                  <Tag color="green">{t('registry.consentYes')}</Tag>
                ) : (
                  <Tag>{t('registry.consentNo')}</Tag>
                ),
            },
            {
              key: 'version',
              title: t('registry.version'),
              render: (_, e) => t('enterprise.versionN', { version: e.version }),
            },
            {
              key: 'updatedAt',
              title: t('registry.updatedAt'),
              render: (_, e) => formatDateTime(e.updatedAt),
            },
          ]}
        />
      )}
      {importing ? (
        <ImportDrawer
          onClose={() => {
            setImporting(false);
            enterprises.reload();
          }}
        />
      ) : null}
    </>
  );
}
