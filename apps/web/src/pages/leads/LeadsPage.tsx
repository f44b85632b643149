import { Flex, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { LeadView } from '../../api/types.ts';
import { useApiData } from '../../api/useApiData.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type MatchStatus, matchStatuses } from '../../enterprise/vocabulary.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { BandTag, GradeTag, MatchStatusTag, useFactName } from '../enterprise/labels.tsx';
import { MatchReasons } from '../enterprise/MatchReasons.tsx';
import { PremiumText } from '../enterprise/PremiumText.tsx';

/** The products a lead may be about: those the caller sees in the catalogue (an insurer's own among them). */
function useProductOptions() {
  const { t } = useTranslation();
  const language = useLanguage();
  const products = useApiData('lead-products', () =>
    unwrap(api.GET('/api/products', { params: { query: { limit: 100 } } })),
  );
  return (products.data?.items ?? []).map((p) => ({
    value: p.code,
    label: t('leads.productOption', { name: pick(p.names, language), code: p.code }),
  }));
}

function LeadDetails({ lead }: { lead: LeadView }) {
  const { t } = useTranslation();
  const factName = useFactName();
  return (
    <Flex vertical gap="small" style={{ paddingInlineStart: 8 }}>
      <Typography.Text strong>{t('leads.reasons')}</Typography.Text>
      <MatchReasons reasons={lead.reasons} />
      {lead.missingFacts.length > 0 ? (
        <Typography.Text type="secondary">
          {t('recommend.missingFacts', {
            facts: lead.missingFacts.map(factName).join(t('common.listSeparator')),
          })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** 线索: enterprises that consented to be shown and match the caller's products, best match first. */
export function LeadsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [product, setProduct] = useState<string | undefined>();
  const [status, setStatus] = useState<MatchStatus | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const productOptions = useProductOptions();

  const leads = useApiData(`${product ?? ''}:${status ?? ''}:${paging.page}:${paging.pageSize}`, () =>
    unwrap(
      api.GET('/api/leads', {
        params: {
          query: { product, status, limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize },
        },
      }),
    ),
  );
  const firstPage = () => setPaging((p) => ({ ...p, page: 1 }));

  return (
    <>
      <PageHeader page="leads" title={t('leads.title')} />
      <Typography.Paragraph type="secondary">{t('leads.intro')}</Typography.Paragraph>
      <Flex gap="middle" align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('leads.product')}</Typography.Text>
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('common.all')}
          style={{ width: 320 }}
          value={product}
          onChange={(value) => {
            setProduct(value);
            firstPage();
          }}
          options={productOptions}
          data-testid="leads-product-filter"
        />
        <Typography.Text>{t('leads.status')}</Typography.Text>
        <Select<MatchStatus>
          allowClear
          placeholder={t('common.all')}
          style={{ width: 160 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            firstPage();
          }}
          options={matchStatuses.map((s) => ({ value: s, label: t(`recommend.statuses.${s}`) }))}
          data-testid="leads-status-filter"
        />
      </Flex>
      {leads.error ? (
        <LoadError error={leads.error} onRetry={leads.reload} />
      ) : (
        <Table<LeadView>
          rowKey={(l) => `${l.enterpriseId}:${l.productCode}`}
          loading={leads.loading}
          dataSource={leads.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('leads.empty') }}
          data-testid="leads-table"
          expandable={{ expandedRowRender: (lead) => <LeadDetails lead={lead} /> }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: leads.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
          columns={[
            {
              key: 'rank',
              title: '#',
              render: (_, _l, index) => (paging.page - 1) * paging.pageSize + index + 1,
            },
            {
              key: 'enterprise',
              title: t('leads.enterprise'),
              render: (_, l) => (
                <Flex vertical>
                  <Link to={`/enterprises/${l.enterprise.id}`} data-testid="lead-enterprise">
                    {l.enterprise.name}
                  </Link>
                  <Typography.Text type="secondary">{l.enterprise.uscc}</Typography.Text>
                </Flex>
              ),
            },
            {
              key: 'product',
              title: t('leads.product'),
              render: (_, l) => (
                <Flex vertical>
                  <Link to={`/products/${l.productCode}`}>{pick(l.names, language)}</Link>
                  <Typography.Text type="secondary">{l.productCode}</Typography.Text>
                </Flex>
              ),
            },
            {
              key: 'status',
              title: t('leads.status'),
              render: (_, l) => <MatchStatusTag status={l.status} />,
            },
            {
              key: 'score',
              title: t('leads.score'),
              align: 'right',
              render: (_, l) => <span data-testid="lead-score">{l.score}</span>,
            },
            {
              key: 'band',
              title: t('leads.band'),
              render: (_, l) => <BandTag band={l.enterprise.scoreBand} />,
            },
            {
              key: 'grade',
              title: t('leads.grade'),
              render: (_, l) => <GradeTag grade={l.enterprise.creditGrade} />,
            },
            {
              key: 'premium',
              title: t('leads.premium'),
              render: (_, l) => (
                <div style={{ maxWidth: 320 }}>
                  <PremiumText match={l} />
                </div>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
