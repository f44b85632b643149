import { Permission } from '@kebao/domain/org';
import { Button, Flex, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type { QuoteView } from '../../policy/types.ts';
import { type QuoteStatus, quoteStatuses } from '../../policy/vocabulary.ts';
import { QuoteStatusTag, useMoney } from './labels.tsx';
import { QuoteRequestModal } from './QuoteRequestModal.tsx';

/**
 * 我的报价 `/quotes`: the quotes of the enterprise (or a broker's clients), newest first, and 询价. An
 * insurer sees the same list as 报价: the quotes its company decides.
 */
export function QuotesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const navigate = useNavigate();
  const money = useMoney();
  const canRequest = hasAnyPermission(me, [Permission.QuoteRequest]);
  const [status, setStatus] = useState<QuoteStatus | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [requesting, setRequesting] = useState(false);

  const quotes = useApiData(`${status ?? ''}:${paging.page}:${paging.pageSize}`, () =>
    unwrap(
      api.GET('/api/quotes', {
        params: { query: { status, limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize } },
      }),
    ),
  );

  return (
    <>
      <PageHeader
        page="quotes"
        title={canRequest ? t('quotes.title') : t('quotes.titleInsurer')}
        extra={
          canRequest ? (
            <Button type="primary" onClick={() => setRequesting(true)} data-testid="quote-request-open">
              {t('quotes.request')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">
        {canRequest ? t('quotes.intro') : t('quotes.introInsurer')}
      </Typography.Paragraph>
      <Flex gap="middle" align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('quotes.status')}</Typography.Text>
        <Select<QuoteStatus>
          allowClear
          placeholder={t('common.all')}
          style={{ width: 160 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={quoteStatuses.map((s) => ({ value: s, label: t(`quotes.statuses.${s}`) }))}
          data-testid="quotes-status-filter"
        />
      </Flex>
      {quotes.error ? (
        <LoadError error={quotes.error} onRetry={quotes.reload} />
      ) : (
        <Table<QuoteView>
          rowKey="id"
          loading={quotes.loading}
          dataSource={quotes.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: canRequest ? t('quotes.empty') : t('quotes.emptyInsurer') }}
          data-testid="quotes-table"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: quotes.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
          columns={[
            {
              key: 'number',
              title: t('quotes.number'),
              render: (_, q) => (
                <Link to={`/quotes/${q.id}`} data-testid="quote-link">
                  {q.number}
                </Link>
              ),
            },
            {
              key: 'product',
              title: t('quotes.product'),
              render: (_, q) => (
                <Flex vertical>
                  {pick(q.product.names, language)}
                  <Typography.Text type="secondary">{q.product.code}</Typography.Text>
                </Flex>
              ),
            },
            // An enterprise's quotes are all its own; a broker's are its clients', an insurer's anyone's.
            ...(me.organisation.kind === 'enterprise'
              ? []
              : [
                  {
                    key: 'enterprise',
                    title: t('quotes.enterprise'),
                    render: (_: unknown, q: QuoteView) => q.enterprise.name,
                  },
                ]),
            {
              key: 'status',
              title: t('quotes.status'),
              render: (_, q) => <QuoteStatusTag status={q.status} />,
            },
            {
              key: 'premium',
              title: t('quotes.premium'),
              align: 'right',
              render: (_, q) => <span data-testid="quote-premium">{money(q.premium)}</span>,
            },
            {
              key: 'validUntil',
              title: t('quotes.validUntil'),
              render: (_, q) => formatDateTime(q.validUntil),
            },
            { key: 'createdAt', title: t('quotes.createdAt'), render: (_, q) => formatDateTime(q.createdAt) },
          ]}
        />
      )}
      {requesting ? (
        <QuoteRequestModal
          broker={me.organisation.kind === 'broker'}
          onClose={() => setRequesting(false)}
          onCreated={(quote) => {
            setRequesting(false);
            void navigate(`/quotes/${quote.id}`);
          }}
        />
      ) : null}
    </>
  );
}
